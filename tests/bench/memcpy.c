// `memcpy`: load/store throughput. A 1 MiB buffer is copied with LDP/STP
// (copy.S) COPIES times at EL2 with the MMU on: RAM is Normal write-back
// memory, as a kernel's would be, rather than the Device memory every access
// is with the MMU off (where the access path and the timing model's caches
// behave differently). The copy is checked once at the end.
#include "tests/bench/bench.h"
#include "tests/mmu/mmu_rt.h"

#define COPIES 200
#define BUF_BYTES (1ull << 20)
#define PATTERN(i) ((i)*0x9E3779B97F4A7C15ull)

void bench_copy(uint64_t dst, uint64_t src, uint64_t bytes);

int main(void) {
  bench_mmu_on(BENCH_DATA, 0);
  const uint64_t src = BENCH_DATA, dst = BENCH_DATA + BUF_BYTES;
  for (uint64_t i = 0; i < BUF_BYTES; i += 8) wr64(src + i, PATTERN(i));
  for (int c = 0; c < COPIES; ++c) bench_copy(dst, src, BUF_BYTES);
  for (uint64_t i = 0; i < BUF_BYTES; i += 8) RT_CHECK(rd64(dst + i) == PATTERN(i));
  return 0;
}
