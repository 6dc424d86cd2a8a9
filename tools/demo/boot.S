// The demo's boot shim: starts at EL2 like a kernel entered per the arm64 boot
// protocol, installs the reference stub's vectors, and drops to EL1 at
// demo_el1_entry, as Linux's init_el2 does.
#define HCR_RW (1 << 31)
#define SPSR_EL1H_DAIF 0x3c5
#define SCTLR_EL1_RES1 0x30d00800

  .section .text.boot, "ax"
  .global _start
_start:
  ldr x0, =__stack_top
  mov sp, x0
  mov x0, #HCR_RW            // EL1 is AArch64; nothing else trapped.
  msr hcr_el2, x0
  adr x0, __hyp_stub_vectors
  msr vbar_el2, x0
  ldr x0, =SCTLR_EL1_RES1    // EL1 MMU and caches off.
  msr sctlr_el1, x0
  mov x0, #SPSR_EL1H_DAIF
  msr spsr_el2, x0
  adr x0, demo_el1_entry
  msr elr_el2, x0
  ldr x0, =__stack_top
  msr sp_el1, x0
  isb
  eret

// A stand-in for a hypervisor that EL1 installs with HVC_SET_VECTORS (as KVM
// does): its lower-EL sync handler answers HVC_RESET_VECTORS by putting the
// stub's vectors back, and any other call with a hypervisor-specific 0x600d.
#include "stubs/hyp_abi.h"
  .balign 2048
  .global demo_hyp_vectors
demo_hyp_vectors:
  .rept 8
  .balign 128
  b .
  .endr
  .balign 128
  b demo_hyp_sync
  .rept 7
  .balign 128
  b .
  .endr

demo_hyp_sync:
  cmp x0, #HVC_RESET_VECTORS
  b.ne 1f
  adr x9, __hyp_stub_vectors
  msr vbar_el2, x9
  mov x0, #0
  eret
1:
  mov x0, #0x600d
  eret

// Where PSCI CPU_ON starts core 1: at EL1, MMU off, x0 = context id. It gets
// its own stack and runs secondary_main(context).
  .global demo_secondary_entry
demo_secondary_entry:
  ldr x1, =secondary_stack_top
  mov sp, x1
  adr x1, rt_vectors
  msr vbar_el1, x1
  isb
  bl secondary_main
1:
  b 1b

  .bss
  .balign 16
secondary_stack:
  .space 4096
secondary_stack_top:
  .text

demo_el1_entry:
  adr x0, rt_vectors
  msr vbar_el1, x0
  isb
  bl main
  b rt_exit
