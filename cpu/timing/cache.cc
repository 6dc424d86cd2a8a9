#include "cpu/timing/cache.h"

#include <algorithm>
#include <bit>

namespace el2 {

Cache::Cache(const CacheGeometry& g)
    : g_(g),
      line_shift_(static_cast<unsigned>(std::countr_zero(g.line))),
      sets_(g.size / (static_cast<uint64_t>(g.line) * g.ways)),
      tags_(sets_ * g.ways, kInvalid),
      use_(sets_ * g.ways, 0) {}

bool Cache::access_set(uint64_t line) {
  const size_t base = set_base(line);
  const uint64_t* tags = &tags_[base];
  for (unsigned w = 0; w < g_.ways; ++w) {
    if (tags[w] == line) {
      mru_ = base + w;
      use_[mru_] = ++clock_;
      ++hits_;
      return true;
    }
  }
  // The victim is the least recently used way, the first one on a tie (only
  // empty ways tie: every fill takes a fresh use count).
  const uint64_t* use = &use_[base];
  unsigned victim = 0;
  for (unsigned w = 1; w < g_.ways; ++w)
    if (use[w] < use[victim]) victim = w;
  ++misses_;
  mru_ = base + victim;
  tags_[mru_] = line;
  use_[mru_] = ++clock_;
  return false;
}

bool Cache::contains(uint64_t addr) const {
  const uint64_t line = addr >> line_shift_;
  const size_t base = set_base(line);
  return std::find(&tags_[base], &tags_[base] + g_.ways, line) != &tags_[base] + g_.ways;
}

void Cache::invalidate_all() {
  std::fill(tags_.begin(), tags_.end(), kInvalid);
  std::fill(use_.begin(), use_.end(), 0);
  mru_ = 0;
}

}  // namespace el2
