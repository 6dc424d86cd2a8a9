// el2emu's reference EL2 stub: the vector table a kernel booted at EL2 leaves
// behind before dropping to EL1, answering the hyp-stub ABI on `hvc #0`.
//
// Only x0-x18 are used (the ABI lets a stub call clobber them); x19-x30, SP_EL1
// and the EL1 system registers are never touched.
#include "stubs/hyp_abi.h"

#define ESR_EC_SHIFT 26
#define ESR_EC_HVC64 0x16
#define SCTLR_ELx_M 1
// SPSR for SOFT_RESTART's target: EL2h with D, A, I, F masked.
#define SPSR_EL2H_DAIF 0x3c9

  .macro ventry label
  .balign 128
  b \label
  .endm

  .section .text.hyp_stub, "ax"
  .balign 2048
  .global __hyp_stub_vectors
__hyp_stub_vectors:
  ventry stub_unexpected  // Current EL, SP_EL0: sync, IRQ, FIQ, SError.
  ventry stub_unexpected
  ventry stub_unexpected
  ventry stub_unexpected
  ventry stub_unexpected  // Current EL, SP_ELx.
  ventry stub_unexpected
  ventry stub_unexpected
  ventry stub_unexpected
  ventry stub_el1_sync    // Lower EL, AArch64: sync is the hypercall path.
  ventry stub_unexpected
  ventry stub_unexpected
  ventry stub_unexpected
  ventry stub_unexpected  // Lower EL, AArch32: not supported.
  ventry stub_unexpected
  ventry stub_unexpected
  ventry stub_unexpected

  .balign 4
stub_el1_sync:
  mrs x9, esr_el2
  lsr x9, x9, #ESR_EC_SHIFT
  cmp x9, #ESR_EC_HVC64
  b.ne stub_unexpected
  cmp x0, #HVC_SET_VECTORS
  b.eq stub_set_vectors
  cmp x0, #HVC_SOFT_RESTART
  b.eq stub_soft_restart
  cmp x0, #HVC_RESET_VECTORS
  b.eq stub_reset_vectors
  cmp x0, #HVC_FINALISE_EL2
  b.eq stub_finalise_el2
stub_error:
  ldr x0, =HVC_STUB_ERR
  eret

// x1 = new vectors (a 2 KiB-aligned physical address).
stub_set_vectors:
  msr vbar_el2, x1
  mov x0, #0
  eret

// Restore our own vectors and turn the EL2 MMU off.
stub_reset_vectors:
  adr x9, __hyp_stub_vectors
  msr vbar_el2, x9
  mrs x9, sctlr_el2
  bic x9, x9, #SCTLR_ELx_M
  msr sctlr_el2, x9
  isb
  mov x0, #0
  eret

// x1 = entry; the payload gets x0..x2 = our x2..x4, at EL2, with every
// exception masked and the MMU off. Never returns to EL1.
stub_soft_restart:
  mrs x9, sctlr_el2
  bic x9, x9, #SCTLR_ELx_M
  msr sctlr_el2, x9
  isb
  mov x9, #SPSR_EL2H_DAIF
  msr spsr_el2, x9
  msr elr_el2, x1
  mov x0, x2
  mov x1, x3
  mov x2, x4
  eret

// Switching to VHE needs FEAT_VHE (ID_AA64MMFR1_EL1.VH); without it the call
// is declined. With it, the caller resumes at EL2 with E2H set.
stub_finalise_el2:
  mrs x9, id_aa64mmfr1_el1
  ubfx x9, x9, #8, #4
  cbz x9, stub_error
  mrs x9, hcr_el2
  orr x9, x9, #(1 << 34)  // E2H
  msr hcr_el2, x9
  isb
  mrs x9, sp_el1          // The caller keeps its stack at EL2.
  mov sp, x9
  mrs x9, spsr_el2
  bic x9, x9, #0xf
  orr x9, x9, #0x8        // Return to EL2 ...
  orr x9, x9, #0x1        // ... using SP_EL2 (EL2h).
  msr spsr_el2, x9
  mov x0, #0
  eret

// Anything else is a bug in the caller: park the core.
stub_unexpected:
  wfi
  b stub_unexpected
