// `tlb_miss`: the cost of a stage-1 page walk. At EL2 with the MMU on, a
// 64 MiB region mapped by 16384 4 KiB pages is read one load per page, and
// every pass starts with TLBI ALLE2 + DSB + ISB, so each load misses the TLB
// (also el2emu's fast arrays and QEMU's softmmu TLB, which the TLBI flushes).
#include "tests/bench/bench.h"
#include "tests/mmu/mmu_rt.h"

#define PASSES 500
#define REGION_BYTES (64ull << 20)
#define PAGE 4096ull

int main(void) {
  bench_mmu_on(BENCH_DATA, REGION_BYTES);
  uint64_t sum = 0;
  for (unsigned pass = 0; pass < PASSES; ++pass) {
    __asm__ volatile("tlbi alle2\n dsb ish\n isb" ::: "memory");
    for (uint64_t a = BENCH_DATA; a < BENCH_DATA + REGION_BYTES; a += PAGE) sum += rd64(a);
  }
  __asm__ volatile("" ::"r"(sum));  // The loads are volatile; keep the adds too.
  return 0;
}
