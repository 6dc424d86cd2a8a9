// bench_mmu_on (bench.h): identity tables built at run time in BSS, with the
// descriptor definitions of the MMU tests (tests/mmu/mmu_rt.h).
#include "tests/bench/bench.h"
#include "tests/mmu/mmu_rt.h"

#define RAM_BASE 0x40000000ull
#define RAM_BYTES (1ull << 30)
#define BLOCK (2ull << 20)
#define MAX_PAGED (64ull << 20)

// A 39-bit VA space (T0SZ = 25) starts at level 1: one level-1 entry covers
// the 1 GiB of RAM, its level-2 table has a 2 MiB block or a level-3 table
// per entry. 34 tables, 136 KiB.
static table_t l1, l2, l3[MAX_PAGED / BLOCK];

// TCR_EL2: T0SZ 25, inner/outer write-back walks, inner shareable, 4 KiB
// granule, 40-bit PA; bits 23 and 31 are RES1.
#define TCR_EL2_VALUE \
  (25 | (1 << 8) | (1 << 10) | (3 << 12) | (2ull << 16) | (1ull << 23) | (1ull << 31))

void bench_mmu_on(uint64_t paged, uint64_t paged_bytes) {
  RT_CHECK(paged % BLOCK == 0 && paged_bytes % BLOCK == 0 && paged_bytes <= MAX_PAGED);
  RT_CHECK(paged >= RAM_BASE && paged + paged_bytes <= RAM_BASE + RAM_BYTES);
  l1[RAM_BASE >> 30] = (uint64_t)l2 | D_TABLE;
  for (unsigned i = 0; i < 512; ++i) {
    const uint64_t pa = RAM_BASE + i * BLOCK;
    if (pa >= paged && pa < paged + paged_bytes) {
      uint64_t* t = l3[(pa - paged) / BLOCK];
      for (unsigned j = 0; j < 512; ++j) t[j] = (pa + ((uint64_t)j << 12)) | NORMAL_PAGE;
      l2[i] = (uint64_t)t | D_TABLE;
    } else {
      l2[i] = pa | NORMAL_BLOCK;
    }
  }
  // The tables were written with the MMU off (Device memory, not cached), so
  // the walker sees them without cache maintenance.
  __asm__ volatile(
      "msr mair_el2, %0\n msr tcr_el2, %1\n msr ttbr0_el2, %2\n isb\n"
      "tlbi alle2\n dsb ish\n isb\n"
      "mrs x9, sctlr_el2\n"
      "orr x9, x9, #1\n"          // M
      "orr x9, x9, #(1 << 2)\n"   // C
      "orr x9, x9, #(1 << 12)\n"  // I
      "msr sctlr_el2, x9\n isb" ::"r"(MAIR_VALUE),
      "r"(TCR_EL2_VALUE), "r"((uint64_t)l1)
      : "x9", "memory");
}
