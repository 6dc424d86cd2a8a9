// xv_vectors: one recording vector table for EL1, EL2 and EL3. Each entry
// records {CurrentEL, vector offset, ESR, ELR, SPSR, FAR} of the EL it runs at
// into xv_records (see xv.h), then:
//   - at EL3, for an exception from a lower EL: ends the lower-EL run
//     (xv_run returns);
//   - otherwise resumes at xv_resume_pc if set, else at ELR, advanced by 4
//     unless ELR already is the preferred return after the instruction (SVC,
//     HVC, SMC to EL3) or the instruction was never executed (Illegal State),
//     with SPSR.IL cleared.
// Exceptions raised by the xv_done sequence (xv_run.S) are not recorded; below
// EL3 the handler goes on with that sequence's WFI at its own EL.
#include "tests/exceptions/xv_layout.h"

  .section .text.xv_vectors, "ax"
  .balign 2048
  .global xv_vectors
xv_vectors:
  .irp off, 0x000,0x080,0x100,0x180,0x200,0x280,0x300,0x380,0x400,0x480,0x500,0x580,0x600,0x680,0x700,0x780
  .org xv_vectors + \off
  stp x0, x1, [sp, #-64]!
  stp x2, x3, [sp, #16]
  stp x4, x5, [sp, #32]
  stp x6, x7, [sp, #48]
  mov x0, #\off
  b xv_common
  .endr
  .org xv_vectors + 0x800

  .text
xv_common:
  // x1 = EL, x2 = ESR, x3 = ELR, x4 = SPSR, x5 = FAR.
  mrs x1, CurrentEL
  lsr x1, x1, #2
  cmp x1, #3
  b.eq 3f
  cmp x1, #2
  b.eq 2f
  mrs x2, ESR_EL1
  mrs x3, ELR_EL1
  mrs x4, SPSR_EL1
  mrs x5, FAR_EL1
  b 4f
2:
  mrs x2, ESR_EL2
  mrs x3, ELR_EL2
  mrs x4, SPSR_EL2
  mrs x5, FAR_EL2
  b 4f
3:
  mrs x2, ESR_EL3
  mrs x3, ELR_EL3
  mrs x4, SPSR_EL3
  mrs x5, FAR_EL3
4:
  // The exit sequence: not recorded; at EL3 it ends the run, below it is skipped.
  ldr x6, =xv_done
  cmp x3, x6
  b.lo 5f
  ldr x6, =xv_done_end
  cmp x3, x6
  b.hs 5f
  cmp x1, #3
  b.eq xv_back_to_driver
  // Below EL3: go on with the sequence's WFI at this EL (SCR_EL3.TWI traps it
  // to EL3, or HCR_EL2.TWI from EL1 to EL2, which does the same).
  ldp x6, x7, [sp, #48]
  ldp x4, x5, [sp, #32]
  ldp x2, x3, [sp, #16]
  ldp x0, x1, [sp], #64
  b xv_done_wfi
5:
  // Record it (the count goes on past the array's end so overflow is seen).
  ldr x6, =xv_count
  ldr x7, [x6]
  add x7, x7, #1
  str x7, [x6]
  cmp x7, #64  // An exception loop: give up rather than spin.
  b.hi xv_runaway
  cmp x7, #XV_MAX_RECORDS
  b.hi 6f
  sub x7, x7, #1
  lsl x6, x7, #5  // x7 * 48 (no MUL: keep to the simplest instructions).
  add x7, x6, x7, lsl #4
  ldr x6, =xv_records
  add x6, x6, x7
  stp x1, x0, [x6]
  stp x2, x3, [x6, #16]
  stp x4, x5, [x6, #32]
6:
  // At EL3, an exception from a lower EL ends the run.
  cmp x1, #3
  b.ne 7f
  cmp x0, #0x400
  b.hs xv_back_to_driver
7:
  // Resume address.
  ldr x6, =xv_resume_pc
  ldr x7, [x6]
  cbz x7, 71f
  mov x3, x7
  str xzr, [x6]
  b 8f
71:
  lsr x6, x2, #26
  cmp x6, #0x15  // SVC
  b.eq 8f
  cmp x6, #0x16  // HVC
  b.eq 8f
  cmp x6, #0x0E  // Illegal Execution state: re-execute with IL clear.
  b.eq 8f
  cmp x6, #0x17  // SMC: preferred return is the next instruction at EL3 only.
  b.ne 72f
  cmp x1, #3
  b.eq 8f
72:
  add x3, x3, #4
8:
  bic x4, x4, #(1 << 20)  // SPSR.IL
  cmp x1, #3
  b.eq 83f
  cmp x1, #2
  b.eq 82f
  msr ELR_EL1, x3
  msr SPSR_EL1, x4
  b 9f
82:
  msr ELR_EL2, x3
  msr SPSR_EL2, x4
  b 9f
83:
  msr ELR_EL3, x3
  msr SPSR_EL3, x4
9:
  ldp x6, x7, [sp, #48]
  ldp x4, x5, [sp, #32]
  ldp x2, x3, [sp, #16]
  ldp x0, x1, [sp], #64
  eret

// Too many exceptions in one test: exit through semihosting with code 3.
xv_runaway:
  ldr x1, =xv_runaway_block
  mov x0, #0x18  // SYS_EXIT
  hlt #0xf000
  b .

  .data
  .balign 8
xv_runaway_block:
  .quad 0x20026, 3  // ADP_Stopped_ApplicationExit, exit code.
