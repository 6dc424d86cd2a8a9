// An exception storm: VBAR_EL1 points at memory that does not exist, so the
// UDF's exception faults at the vector, and so does every exception after it.
  .text
  .global main
main:
  mov x0, #0x1000
  msr vbar_el1, x0
  isb
  udf #0
