// check-stub's driver, EL2 and EL3 side. The host loads the stub under test
// and this image (linked at 0x48000000), fills drv_mailbox, points VBAR_EL3 at
// drv_el3_vectors and starts at _start in EL2. Like a kernel booted at EL2
// (facts A.8), the driver installs the stub's vectors and drops to EL1, where
// driver.c makes the calls. It re-enters here after SOFT_RESTART and after a
// FINALISE_EL2 that took it to EL2.
#include "stubs/driver/driver.h"
#include "stubs/hyp_abi.h"

#define HCR_RW (1 << 31)
#define SPSR_EL1H_DAIF 0x3c5
#define SCTLR_EL1_RES1 0x30d00800

  .section .text.boot, "ax"
  .global _start
_start:
  ldr x0, =__bss_start
  ldr x1, =__bss_end
1:
  cmp x0, x1
  b.hs drv_el2_enter
  str xzr, [x0], #8
  b 1b

  .global drv_el2_enter
drv_el2_enter:
  ldr x0, =drv_el2_stack_top
  mov sp, x0
  mov x0, #HCR_RW            // EL1 is AArch64; E2H/TGE cleared after FINALISE.
  msr hcr_el2, x0
  isb
  ldr x0, =drv_mailbox
  ldr x0, [x0, #MB_STUB_VECTORS]
  msr vbar_el2, x0
  ldr x0, =SCTLR_EL1_RES1    // EL1 MMU and caches off.
  msr sctlr_el1, x0
  mov x0, #SPSR_EL1H_DAIF
  msr spsr_el2, x0
  adr x0, drv_el1_entry
  msr elr_el2, x0
  ldr x0, =__stack_top
  msr sp_el1, x0
  isb
  eret

drv_el1_entry:
  adr x0, rt_vectors
  msr vbar_el1, x0
  isb
  bl main
  b rt_exit

// SOFT_RESTART's target. Its first instruction traps to EL3 so the checker
// sees the state the stub arrived with (registers, SPSR_EL3, SCTLR_EL2)
// without the driver touching any of it; then it boots again.
  .balign 16
  .global drv_restart_target
drv_restart_target:
  smc #DRV_RESTART_SMC
  b drv_el2_enter

// A stand-in hypervisor installed with SET_VECTORS (as KVM installs its own).
// Every word branches to one handler, so it also works when the caller passed
// a misaligned address. RESET_VECTORS is forwarded to the stub's own
// lower-EL sync entry (the seed makes whoever answers reset VBAR_EL2);
// DRV_HC_RESTORE puts the stub's vectors back; anything else answers 0x600d.
  .balign 2048
  .global drv_hyp_vectors
drv_hyp_vectors:
  .rept 512
  b drv_hyp_sync
  .endr

drv_hyp_sync:
  cmp x0, #HVC_RESET_VECTORS
  b.eq 2f
  ldr x17, =DRV_HC_RESTORE
  cmp x0, x17
  b.ne 1f
  ldr x17, =drv_mailbox
  ldr x17, [x17, #MB_STUB_VECTORS]
  msr vbar_el2, x17
  mov x0, #0
  eret
1:
  mov x0, #DRV_HYP_ANSWER
  eret
2:
  ldr x17, =drv_mailbox
  ldr x17, [x17, #MB_STUB_VECTORS]
  add x17, x17, #0x400       // Lower EL, AArch64, synchronous.
  br x17

// EL3: plays firmware for the restart target's trap: returns after the SMC.
  .balign 2048
  .global drv_el3_vectors
drv_el3_vectors:
  .rept 512
  b drv_el3_any
  .endr
drv_el3_any:
  eret

  .data
  .balign 8
  .global drv_mailbox
drv_mailbox:
  .quad 0  // MB_STUB_VECTORS: filled by the host.
  .quad 0  // MB_SEED
  .quad 0  // MB_ROUNDS

  .bss
  .balign 16
  .space 4096
drv_el2_stack_top:
