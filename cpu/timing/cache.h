// A set-associative cache with true LRU replacement, for timing only: it holds
// tags, not data, and answers hit or miss. Misses allocate (the A53 and A57
// L1 data caches are write-allocate), so stores and loads are treated alike;
// dirty lines and write-back traffic are not modelled.
//
// Host cost: the timing model looks a cache up for nearly every retired load
// and store, and most of them touch the line the previous access touched, so
// access() first compares against that line alone (one tag compare) before
// scanning a set.
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
  bool access(uint64_t addr) {
    const uint64_t line = addr >> line_shift_;
    if (tags_[mru_] == line) [[likely]] {
      use_[mru_] = ++clock_;
      ++hits_;
      return true;
    }
    return access_set(line);
  }
  // Whether the line is present, without touching LRU state or statistics.
  bool contains(uint64_t addr) const;
  void invalidate_all();

  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }
  const CacheGeometry& geometry() const { return g_; }

 private:
  // An empty way's tag. A line number is an address shifted right by
  // log2(line), so reaching ~0 takes a 1-byte line and the last byte of the
  // address space: an empty way never matches a look-up.
  static constexpr uint64_t kInvalid = ~0ull;
  bool access_set(uint64_t line);
  size_t set_base(uint64_t line) const { return (line & (sets_ - 1)) * g_.ways; }

  CacheGeometry g_;
  unsigned line_shift_ = 0;
  uint64_t sets_ = 0;
  // Per way, set-major (sets_ * g_.ways): the line it holds (kInvalid when
  // empty), and when it was last used (0: never; larger is more recent). Tags
  // apart from use counts so a set's scan reads one short run of tags.
  std::vector<uint64_t> tags_;
  std::vector<uint64_t> use_;
  size_t mru_ = 0;      // The way the last access hit or filled.
  uint64_t clock_ = 0;  // Use counter: deterministic LRU without timestamps.
  uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace el2
