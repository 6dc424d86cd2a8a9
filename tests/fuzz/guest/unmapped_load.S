// Reads from 0x1000, where the bare machine has nothing: a synchronous
// external abort must reach the guest as a Data Abort (EC 0x25, exit code 37).
  .text
  .global main
main:
  adr x0, ec_exit_vectors
  msr vbar_el1, x0
  isb
  mov x1, #0x1000
  ldr x2, [x1]
  mov x0, #1          // Not reached: the load must fault.
  ret
