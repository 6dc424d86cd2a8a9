#include "cpu/timing/cache.h"

#include <bit>

namespace el2 {

Cache::Cache(const CacheGeometry& g)
    : g_(g),
      line_shift_(static_cast<unsigned>(std::countr_zero(g.line))),
      sets_(g.size / (static_cast<uint64_t>(g.line) * g.ways)),
      ways_(sets_ * g.ways) {}

bool Cache::access(uint64_t addr) {
  const uint64_t line = addr >> line_shift_;
  Way* set = &ways_[set_of(line) * g_.ways];
  Way* victim = set;
  for (unsigned w = 0; w < g_.ways; ++w) {
    if (set[w].last_use != 0 && set[w].tag == line) {
      set[w].last_use = ++clock_;
      ++hits_;
      return true;
    }
    if (set[w].last_use < victim->last_use) victim = &set[w];
  }
  ++misses_;
  victim->tag = line;
  victim->last_use = ++clock_;
  return false;
}

bool Cache::contains(uint64_t addr) const {
  const uint64_t line = addr >> line_shift_;
  const Way* set = &ways_[set_of(line) * g_.ways];
  for (unsigned w = 0; w < g_.ways; ++w) {
    if (set[w].last_use != 0 && set[w].tag == line) return true;
  }
  return false;
}

void Cache::invalidate_all() {
  for (Way& w : ways_) w = Way{};
}

}  // namespace el2
