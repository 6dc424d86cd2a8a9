// xv_run(spsr, fn, arg): called at EL3, runs fn(arg) in the EL and stack
// pointer SPSR.M names, with SPSR's NZCV and DAIF, by an ERET. It returns when
// EL3 takes an exception from that lower EL (xv_vectors.S): the test's own, or
// the one from xv_done, where fn returns to. Each EL below EL3 gets a fresh
// stack for every run.
  .text
  .global xv_run
xv_run:
  stp x29, x30, [sp, #-96]!
  stp x19, x20, [sp, #16]
  stp x21, x22, [sp, #32]
  stp x23, x24, [sp, #48]
  stp x25, x26, [sp, #64]
  stp x27, x28, [sp, #80]
  mov x9, sp
  ldr x10, =xv_saved_sp
  str x9, [x10]
  bl xv_set_stacks
  msr SPSR_EL3, x0
  msr ELR_EL3, x1
  mov x0, x2
  ldr x30, =xv_done
  isb
  eret

// Fresh stacks for EL0, EL1 and EL2 (clobbers x9).
  .global xv_set_stacks
xv_set_stacks:
  ldr x9, =xv_stack0_top
  msr SP_EL0, x9
  ldr x9, =xv_stack1_top
  msr SP_EL1, x9
  ldr x9, =xv_stack2_top
  msr SP_EL2, x9
  ret

// Reached from xv_common at EL3 (SP_EL3 in use): return from xv_run.
  .global xv_back_to_driver
xv_back_to_driver:
  ldr x10, =xv_saved_sp
  ldr x9, [x10]
  mov sp, x9
  ldp x19, x20, [sp, #16]
  ldp x21, x22, [sp, #32]
  ldp x23, x24, [sp, #48]
  ldp x25, x26, [sp, #64]
  ldp x27, x28, [sp, #80]
  ldp x29, x30, [sp], #96
  ret

// The exit sequence of a lower-EL run. SMC reaches EL3 unless it is UNDEFINED
// (EL0, SCR_EL3.SMD) or trapped (HCR_EL2.TSC); the handler of that exception
// then runs the WFI at its own EL (xv_vectors.S), which SCR_EL3.TWI (set by
// xv_reset) traps to EL3, or HCR_EL2.TWI from EL1 to EL2, which does the same.
  .balign 16
  .global xv_done
  .global xv_done_wfi
  .global xv_done_end
xv_done:
  smc #0x5e
xv_done_wfi:
  wfi
1:
  b 1b
xv_done_end:

  .bss
  .balign 16
xv_saved_sp:
  .skip 16
  .skip 4096
xv_stack0_top:
  .skip 4096
xv_stack1_top:
  .skip 4096
xv_stack2_top:
