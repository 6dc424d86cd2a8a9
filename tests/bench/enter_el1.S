// bench_enter_el1 (bench.h): the minimum an EL2 image needs to run code at
// EL1, as Linux's init_el2 would leave it (tools/demo/boot.S does the same).
#define HCR_RW (1 << 31)
#define SPSR_EL1H_DAIF 0x3c5
#define SCTLR_EL1_RES1 0x30d00800  // MMU, caches and alignment checks off.

  .text
  .global bench_enter_el1
bench_enter_el1:
  mov x2, #HCR_RW
  msr hcr_el2, x2
  // Written explicitly: QEMU's and el2emu's reset values differ (QEMU sets
  // the stack-alignment checks), and the benchmark should not depend on it.
  ldr x2, =SCTLR_EL1_RES1
  msr sctlr_el1, x2
  adr x2, rt_vectors
  msr vbar_el1, x2
  msr sp_el1, x1
  mov x2, #SPSR_EL1H_DAIF
  msr spsr_el2, x2
  msr elr_el2, x0
  isb
  eret
