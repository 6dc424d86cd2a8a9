// For the watchpoint and trace tests: at EL2 this turns stage 1 on (RAM 1:1,
// plus `watched`'s page again at ALIAS_VA), then stores 0x1111 to `watched`
// through its own address, 0x2222 through the alias, reads it back and exits
// with code 0 if the read saw the alias store. The accesses are in
// watch_ops.S: store64's first instruction is the store, load64's the load,
// so the tests know where each access is.
#include <stdint.h>

#include "tests/runtime/rt.h"

#define ALIAS_VA 0x100000000ull  // Level-1 index 4 of a 39-bit VA space.
#define TABLE 3ull
#define BLOCK_NORMAL (1ull | (1ull << 2) | (3ull << 8) | (1ull << 10))  // AttrIndx 1, ISH, AF.
#define PAGE_NORMAL (3ull | (1ull << 2) | (3ull << 8) | (1ull << 10))

typedef uint64_t table_t[512] __attribute__((aligned(4096)));
static table_t root, l2, l3;

volatile uint64_t watched;

void store64(volatile uint64_t* p, uint64_t v);
uint64_t load64(const volatile uint64_t* p);

static void mmu_on(void) {
  const uint64_t pa = (uint64_t)&watched;
  root[1] = 0x40000000ull | BLOCK_NORMAL;
  root[ALIAS_VA >> 30] = (uint64_t)l2 | TABLE;
  l2[0] = (uint64_t)l3 | TABLE;
  l3[0] = (pa & ~0xFFFull) | PAGE_NORMAL;
  // MAIR: Attr0 Device-nGnRnE, Attr1 Normal WB. TCR_EL2: T0SZ 25, WB walks,
  // inner shareable, 4 KiB granule, 40-bit PS, RES1 bits 31 and 23.
  const uint64_t tcr = 25 | (1 << 8) | (1 << 10) | (3 << 12) | (2ull << 16) | (1ull << 31) | (1ull << 23);
  __asm__ volatile(
      "msr mair_el2, %0\n msr tcr_el2, %1\n msr ttbr0_el2, %2\n isb\n"
      "tlbi alle2\n dsb ish\n isb\n"
      "mrs x9, sctlr_el2\n orr x9, x9, #1\n orr x9, x9, #(1 << 2)\n orr x9, x9, #(1 << 12)\n"
      "bic x9, x9, #(1 << 1)\n bic x9, x9, #(1 << 19)\n msr sctlr_el2, x9\n isb" ::"r"(0xFF00ull),
      "r"(tcr), "r"((uint64_t)root)
      : "x9", "memory");
}

int main(void) {
  RT_CHECK(rt_current_el() == 2);
  mmu_on();
  store64(&watched, 0x1111);
  store64((volatile uint64_t*)(ALIAS_VA + ((uint64_t)&watched & 0xFFF)), 0x2222);
  return load64(&watched) == 0x2222 ? 0 : 1;
}
