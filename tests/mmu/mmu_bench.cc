// Measures the MMU: walks per second on the TLB-miss-heavy image and the cost
// of a TLB hit (fast array), from the tlb_bench_mode* images (tlb_miss.c).
// Usage: bazel run //tests/mmu:mmu_bench
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "tests/mmu/mmu_runner.h"

namespace {

struct Result {
  double seconds = 0;
  uint64_t insns = 0, walks = 0, tlb_lookups = 0;
};

Result run(int mode) {
  el2::MachineConfig c;
  c.console = stderr;
  el2::Machine m(c);
  char path[64];
  std::snprintf(path, sizeof path, "tests/mmu/tlb_bench_mode%d.elf", mode);
  m.reset(m.load_elf(path).entry);
  const auto t0 = std::chrono::steady_clock::now();
  const el2::RunResult r = m.run(1'000'000'000);
  const auto t1 = std::chrono::steady_clock::now();
  return {std::chrono::duration<double>(t1 - t0).count(), r.insns, m.cpu().table_walks(),
          m.cpu().tlb().hits() + m.cpu().tlb().misses()};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) {  // One mode, once: for `perf stat`.
    const Result r = run(std::atoi(argv[1]));
    std::printf("%llu insns %llu walks %llu slow-path TLB lookups %.3f s\n",
                static_cast<unsigned long long>(r.insns), static_cast<unsigned long long>(r.walks),
                static_cast<unsigned long long>(r.tlb_lookups), r.seconds);
    return 0;
  }
  const char* names[] = {"TLB-miss heavy (TLBI each pass)", "TLB hits, MMU on", "same loop, MMU off",
                         "same loop, ADD instead of LDR"};
  Result res[4];
  for (int mode = 0; mode < 4; ++mode) {
    Result best;
    for (int rep = 0; rep < 3; ++rep) {
      const Result r = run(mode);
      if (rep == 0 || r.seconds < best.seconds) best = r;
    }
    res[mode] = best;
    std::printf("mode %d %-34s %10llu insns %8llu walks %7.3f s  %6.1f Minsn/s\n", mode, names[mode],
                static_cast<unsigned long long>(best.insns),
                static_cast<unsigned long long>(best.walks), best.seconds,
                best.insns / best.seconds / 1e6);
  }
  const double loads = 4000.0 * 512;  // PASSES * PAGES.
  std::printf("walks/second (mode 0): %.2f M\n", res[0].walks / res[0].seconds / 1e6);
  std::printf("ns per load, miss path incl. walk: %.1f\n",
              (res[0].seconds - res[3].seconds) / loads * 1e9);
  std::printf("ns per load, TLB hit (mode 1 - mode 3): %.2f\n",
              (res[1].seconds - res[3].seconds) / loads * 1e9);
  std::printf("ns per load, MMU off (mode 2 - mode 3): %.2f\n",
              (res[2].seconds - res[3].seconds) / loads * 1e9);
  return 0;
}
