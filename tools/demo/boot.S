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

demo_el1_entry:
  adr x0, rt_vectors
  msr vbar_el1, x0
  isb
  bl main
  b rt_exit
