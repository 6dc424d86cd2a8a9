// Benchmark image (mmu_bench): at EL2 with 4 KiB pages, MODE selects
//   0: TLB-miss heavy: loads striding 4 KiB over 512 pages, TLBI ALLE2 each pass;
//   1: TLB hits: the same loop over 8 pages, MMU on;
//   2: the mode-1 loop with the MMU off;
//   3: the mode-1 loop with an ADD in place of the load (the loop's own cost).
#include "tests/mmu/mmu_rt.h"

#ifndef MODE
#define MODE 0
#endif

static table_t root, l2, l3;
static uint8_t stack[8192] __attribute__((aligned(16)));
#define PAGES 512
#define PASSES 4000
#define BACKING 0x49000000ull

static void el2_main(void) {
  __asm__ volatile("msr vbar_el2, %0\n isb" ::"r"(mmu_vectors));
  uint64_t* pt = mmu_build(root, l2, l3, 0);
  for (int i = 0; i < PAGES; ++i) pt[i] = (BACKING + ((uint64_t)i << 12)) | NORMAL_PAGE;
  const uint64_t tcr = 25 | (1 << 8) | (1 << 10) | (3 << 12) | (2ull << 16) | (1ull << 31) | (1ull << 23);
  __asm__ volatile("msr mair_el2, %0\n msr tcr_el2, %1\n msr ttbr0_el2, %2\n isb\n tlbi alle2\n dsb ish\n isb"
                   ::"r"(MAIR_VALUE), "r"(tcr), "r"((uint64_t)root) : "memory");
  if (MODE != 2)
    __asm__ volatile("mrs x9, sctlr_el2\n orr x9, x9, #1\n orr x9, x9, #(1 << 2)\n orr x9, x9, #(1 << 12)\n"
                     "msr sctlr_el2, x9\n isb" ::: "x9", "memory");
  const uint64_t base = MODE == 2 ? BACKING : TEST_VA;
  const uint64_t mask = MODE == 0 ? (PAGES - 1) : 7;
  uint64_t sum = 0;
  for (int pass = 0; pass < PASSES; ++pass) {
    if (MODE == 0) __asm__ volatile("tlbi alle2\n dsb ish\n isb" ::: "memory");
    for (uint64_t i = 0; i < PAGES; ++i) {
      const uint64_t a = base + ((i & mask) << 12) + ((i >> 3) & 0x1F8);
      uint64_t v;
      if (MODE == 3)
        __asm__ volatile("add %0, %1, #1" : "=r"(v) : "r"(a));
      else
        __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory");
      sum += v;
    }
  }
  rt_exit((int)(sum & 1));
}

int main(void) { mmu_drop_to(2, el2_main, (uint64_t)(stack + sizeof stack)); }
