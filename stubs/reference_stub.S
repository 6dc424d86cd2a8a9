// el2emu's reference EL2 stub: the vector table a kernel booted at EL2 leaves
// behind before dropping to EL1, answering the hyp-stub ABI on `hvc #0`. It
// keeps every contract in stubs/contract.cc: the seed's hyp-abi.txt (`doc`:
// RESET_VECTORS turns the EL2 MMU off, SOFT_RESTART masks exceptions and turns
// it off) and the kernel's (facts A.3.1: FINALISE_EL2 = 3, any other x0 gets
// HVC_STUB_ERR). Checked with `el2emu check-stub` (stubs/BUILD).
//
// Only x0-x18 are used (the ABI lets a stub call clobber them); x19-x30, SP_EL1
// and the EL1 system registers are never touched.
#include "stubs/hyp_abi.h"

#define ESR_EC_SHIFT 26
#define ESR_EC_HVC64 0x16
#define SCTLR_ELx_M 1
// SPSR for SOFT_RESTART's target: EL2h with D, A, I, F masked.
#define SPSR_EL2H_DAIF 0x3c9
// HCR_EL2 = RW | TGE | E2H (facts A.5 step 4).
#define HCR_HOST_VHE_FLAGS 0x488000000

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

// FINALISE_EL2 (facts A.5): switching to VHE needs FEAT_VHE
// (ID_AA64MMFR1_EL1.VH) and the EL2 MMU off; otherwise the call is declined
// and the caller stays at EL1. On success the caller's EL1 context moves to
// EL2 (its stack, vectors, translation registers and SCTLR), HCR_EL2 becomes
// HCR_HOST_VHE_FLAGS, and the caller resumes after its HVC at EL2h. The copies
// are made before E2H is set, while the EL1 names still mean EL1.
stub_finalise_el2:
  mrs x9, id_aa64mmfr1_el1
  ubfx x9, x9, #8, #4
  cbz x9, stub_error
  mrs x9, sctlr_el2
  tbnz x9, #0, stub_error
  mrs x9, sp_el1
  mov sp, x9
  mrs x9, tpidr_el1
  msr tpidr_el2, x9
  mrs x9, vbar_el1
  msr vbar_el2, x9
  mrs x9, tcr_el1
  msr tcr_el2, x9
  mrs x9, ttbr0_el1
  msr ttbr0_el2, x9
  mrs x9, ttbr1_el1
  msr s3_4_c2_c0_1, x9    // TTBR1_EL2 (FEAT_VHE)
  mrs x9, mair_el1
  msr mair_el2, x9
  ldr x9, =HCR_HOST_VHE_FLAGS
  msr hcr_el2, x9
  isb
  mrs x9, spsr_el2
  bic x9, x9, #0xf
  orr x9, x9, #0x8        // EL2 ...
  orr x9, x9, #0x1        // ... h: the caller keeps its stack (now SP_EL2).
  msr spsr_el2, x9
  mov x0, #0
  eret

// Anything else is a bug in the caller: park the core.
stub_unexpected:
  wfi
  b stub_unexpected
