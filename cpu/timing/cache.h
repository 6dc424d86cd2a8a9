// A set-associative cache with true LRU replacement, for timing only: it holds
// tags, not data, and answers hit or miss. Misses allocate (the A53 and A57
// L1 data caches are write-allocate), so stores and loads are treated alike;
// dirty lines and write-back traffic are not modelled.
#pragma once

#include <cstdint>
#include <vector>

#include "cpu/timing/profile.h"

namespace el2 {

class Cache {
 public:
  explicit Cache(const CacheGeometry& g);

  // Looks the line holding `addr` up, makes it most recently used, and fills it
  // on a miss (evicting the set's least recently used line). True on a hit.
  bool access(uint64_t addr);
  // Whether the line is present, without touching LRU state or statistics.
  bool contains(uint64_t addr) const;
  void invalidate_all();

  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }
  const CacheGeometry& geometry() const { return g_; }

 private:
  struct Way {
    uint64_t tag = 0;
    uint64_t last_use = 0;  // 0: invalid. Larger is more recent.
  };
  uint64_t set_of(uint64_t line) const { return line & (sets_ - 1); }

  CacheGeometry g_;
  unsigned line_shift_ = 0;
  uint64_t sets_ = 0;
  std::vector<Way> ways_;  // sets_ * g_.ways, set-major.
  uint64_t clock_ = 0;     // Use counter: deterministic LRU without timestamps.
  uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace el2
