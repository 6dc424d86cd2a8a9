// Where PSCI CPU_ON starts the suite's secondaries: at the caller's EL (EL2),
// MMU off, x0 = context id (facts file C.5). Each core gets its own stack and
// runs secondary_main(context) (suite.c).
  .text
  .global secondary_entry
secondary_entry:
  mrs x1, mpidr_el1
  and x1, x1, #0xff
  add x1, x1, #1
  ldr x2, =secondary_stacks
  add x2, x2, x1, lsl #12
  mov sp, x2
  adr x1, rt_vectors
  msr vbar_el2, x1
  isb
  bl secondary_main
1:
  b 1b

  .bss
  .balign 16
secondary_stacks:
  .space 8 * 4096
