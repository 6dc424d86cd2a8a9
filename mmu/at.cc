#include "mmu/at.h"

namespace el2::mmu {

namespace {
constexpr uint64_t kParRes1 = 1ull << 11;

// Normal memory with both inner and outer Non-cacheable (MAIR 0b0100_0100),
// or any Device type, is reported Outer Shareable whatever the descriptor's
// SH (D8.6.2 "Shareable, Inner Shareable, and Outer Shareable Normal memory").
bool forced_outer_shareable(uint8_t attr) { return (attr & 0xF0) == 0 || attr == 0x44; }
}  // namespace

uint64_t par_success(uint64_t pa, uint8_t attr, uint8_t sh, bool ns) {
  const uint64_t shv = forced_outer_shareable(attr) ? 2 : sh & 3;
  return (uint64_t{attr} << 56) | (pa & 0x0000'FFFF'FFFF'F000ull) | kParRes1 |
         (uint64_t{ns} << 9) | (shv << 7);
}

uint64_t par_fault(const Fault& f) {
  return kParRes1 | (uint64_t{f.s1ptw} << 8) | (uint64_t{f.fsc()} << 1) | 1;
}

}  // namespace el2::mmu
