#include "tests/mmu/mmu_rt.h"

volatile struct mmu_trap_rec mmu_last;
unsigned mmu_stale_seen, mmu_stale_checks;

uint64_t* mmu_build(table_t root, table_t l2, table_t l3, uint64_t root_attrs) {
  for (int i = 0; i < 512; ++i) root[i] = l2[i] = l3[i] = 0;
  root[1] = 0x40000000ull | NORMAL_BLOCK | root_attrs;  // RAM, 1:1.
  root[TEST_VA >> 30] = (uint64_t)l2 | D_TABLE;
  l2[0] = (uint64_t)l3 | D_TABLE;
  return l3;
}

void mmu_pass(const char* name) {
  rt_puts("stale ");
  rt_put_dec(mmu_stale_seen);
  rt_puts("/");
  rt_put_dec(mmu_stale_checks);
  rt_puts("\nPASS ");
  rt_puts(name);
  rt_puts("\n");
  rt_exit(0);
}
