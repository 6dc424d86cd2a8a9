// EL1 vectors that end the run with the exception class (ESR_EL1.EC) as the
// exit code, so a test sees which exception the guest got from el2emu.
  .text
  .balign 2048
  .global ec_exit_vectors
ec_exit_vectors:
  .rept 16
  .balign 128
  mrs x0, esr_el1
  lsr x0, x0, #26
  b rt_exit
  .endr
