// Alignment at EL2 (Arm ARM B2.5.2, D8.2.11): with stage 1 off every data
// access is Device-nGnRnE, so an unaligned one takes an Alignment fault; with
// it on, unaligned accesses fault on Device pages and not on Normal ones.
// QEMU 7.2 diverges (no Device alignment checks): see qemu_diff_test.py.
#include "tests/mmu/mmu_rt.h"

static table_t root, l2, l3;
static uint8_t stack[8192] __attribute__((aligned(16)));
static uint64_t words[4];

static void el2_main(void) {
  __asm__ volatile("msr vbar_el2, %0\n isb" ::"r"(mmu_vectors));
  const uint64_t w = (uint64_t)words;
  RT_CHECK(rd64(w + 8) == 0);
  CHECK_DABT(rd64(w + 4), 0x25, 0x21, 0, w + 4);     // MMU off: Device.
  CHECK_DABT(wr64(w + 12, 1), 0x25, 0x21, 1, w + 12);
  uint64_t* pt = mmu_build(root, l2, l3, 0);
  pt[0] = 0x48000000ull | D_PAGE | D_ATTR(ATTR_DEVICE) | D_AF;
  const uint64_t tcr = 25 | (1 << 8) | (1 << 10) | (3 << 12) | (2ull << 16) | (1ull << 31) | (1ull << 23);
  __asm__ volatile(
      "msr mair_el2, %0\n msr tcr_el2, %1\n msr ttbr0_el2, %2\n isb\n tlbi alle2\n dsb ish\n isb\n"
      "mrs x9, sctlr_el2\n orr x9, x9, #1\n orr x9, x9, #(1 << 2)\n msr sctlr_el2, x9\n isb"
      ::"r"(MAIR_VALUE), "r"(tcr), "r"((uint64_t)root) : "x9", "memory");
  RT_CHECK(!FAULTS(rd64(w + 4)));                   // Normal (the 1:1 RAM block).
  CHECK_DABT(rd64(TEST_VA + 4), 0x25, 0x21, 0, TEST_VA + 4);  // Device page.
  RT_CHECK(!FAULTS(rd64(TEST_VA + 8)));
  mmu_pass("mmu_align");
}

int main(void) { mmu_drop_to(2, el2_main, (uint64_t)(stack + sizeof stack)); }
