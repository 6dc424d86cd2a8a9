// el2emu fuzz's guest side: the few instructions the host (tools/fuzz/executor.cc)
// points the core at. The host sets every register of a call itself and steps
// the core from one of these entry points to a known end; nothing here loops
// over a call list, so a call sequence is host data, not guest code.
//
//   fz_el2_boot        EL2: what a kernel booted at EL2 does before dropping to
//                      EL1 (installs the stub's vectors from fz_stub_vectors),
//                      then ERET to fz_el1_park. Used at reset, after
//                      SOFT_RESTART and after a FINALISE_EL2 that stayed at EL2.
//   fz_el1_hvc / _smc  EL1: one `hvc`/`smc`; the host patches the immediate.
//   fz_msr_<reg>       EL1: `msr <reg>, x0`, then x1 = `mrs <reg>`.
//   fz_restart_target  SOFT_RESTART's x1: traps on its first instruction so
//                      the ABI checker sees the state the stub arrived with.
//   fz_hyp_vectors     a stand-in hypervisor installed with SET_VECTORS (as KVM
//                      installs its own): forwards RESET_VECTORS to the stub,
//                      reinstalls the stub on FZ_HC_RESTORE, answers the rest.
//
// Only PC-relative addressing, and no stack: the driver touches no memory but
// its own fz_stub_vectors word.
#include "stubs/hyp_abi.h"
#include "tools/fuzz/driver/layout.h"

#define HCR_RW (1 << 31)
#define SPSR_EL1H_DAIF 0x3c5
#define SCTLR_EL1_RES1 0x30d00800
#define SCTLR_EL2_RES1 0x30c50830

  .section .text.boot, "ax"
  .global _start
  .global fz_el2_boot
_start:
fz_el2_boot:
  mov x0, #HCR_RW            // EL1 is AArch64; E2H/TGE cleared after FINALISE_EL2.
  msr hcr_el2, x0
  isb
  ldr x0, =SCTLR_EL2_RES1    // EL2 MMU off, as the boot protocol leaves it.
  msr sctlr_el2, x0
  adr x0, fz_stub_vectors
  ldr x0, [x0]
  msr vbar_el2, x0
  ldr x0, =SCTLR_EL1_RES1    // EL1 MMU and caches off.
  msr sctlr_el1, x0
  mov x0, #SPSR_EL1H_DAIF
  msr spsr_el2, x0
  adr x0, fz_el1_park
  msr elr_el2, x0
  isb
  eret
  .ltorg

  .text
  .balign 16
  .global fz_el1_park
fz_el1_park:
  b fz_el1_park

  .global fz_el1_hvc
fz_el1_hvc:
  hvc #0
  b fz_el1_park

  .global fz_el1_smc
fz_el1_smc:
  smc #0
  b fz_el1_park

  .macro msr_gadget reg
  .global fz_msr_\reg
fz_msr_\reg:
  msr \reg, x0
  isb
  mrs x1, \reg
  b fz_el1_park
  .endm

  // The EL1 (and EL0) registers the ABI checker compares across a call.
  .irp reg, vbar_el1, sctlr_el1, tcr_el1, ttbr0_el1, ttbr1_el1, mair_el1, amair_el1, cpacr_el1, contextidr_el1, tpidr_el1, tpidr_el0, tpidrro_el0, elr_el1, spsr_el1, esr_el1, far_el1, afsr0_el1, afsr1_el1, par_el1, csselr_el1, cntkctl_el1
  msr_gadget \reg
  .endr

  .balign 16
  .global fz_restart_target
fz_restart_target:
  brk #FZ_RESTART_BRK
  b fz_el2_boot

  .balign 2048
  .global fz_hyp_vectors
fz_hyp_vectors:
  .rept 512                  // Every word: works from any (misaligned) VBAR too.
  b fz_hyp_sync
  .endr

fz_hyp_sync:
  cmp x0, #HVC_RESET_VECTORS
  b.eq 2f
  ldr x17, =FZ_HC_RESTORE
  cmp x0, x17
  b.ne 1f
  adr x17, fz_stub_vectors
  ldr x17, [x17]
  msr vbar_el2, x17
  mov x0, #0
  eret
1:
  mov x0, #FZ_HYP_ANSWER
  eret
2:
  adr x17, fz_stub_vectors   // The seed makes whoever answers reset VBAR_EL2:
  ldr x17, [x17]             // forward to the stub's lower-EL sync entry.
  add x17, x17, #0x400
  br x17
  .ltorg

  .data
  .balign 8
  .global fz_stub_vectors
fz_stub_vectors:
  .quad 0                    // Filled by the host before the first boot.
