// A set-associative cache with true LRU replacement, for timing only: it holds
// tags, not data, and answers hit or miss. Misses allocate (the A53 and A57
// L1 data caches are write-allocate), so stores and loads are treated alike;
// dirty lines and write-back traffic are not modelled.
//
// Host cost: the timing model looks a cache up for nearly every retired load
// and store, and most of them touch the line the previous access touched, so
// access() first compares against that line alone (one tag compare) before
// scanning a set. A fully associative cache with many ways (the micro-TLBs)
// is not scanned at all: see Directory.
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
    // The last line used heads its set's order already: nothing to update.
    if (tags_[mru_] == line) [[likely]] {
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
  // Moves way `w`, at position `pos` of the order of the set at `base`, to
  // the front (most recent).
  void promote(size_t base, unsigned pos, unsigned w);
  void reset_order();

  // For a single set of many ways: a hash index from line to way and the
  // ways in LRU order as a list, so a look-up takes a few steps however many
  // ways there are. Scanning every tag and use count of a 32- or 48-way
  // micro-TLB per miss took a third of the host time of a TLB-miss-heavy
  // run (measured). The list starts as ways 0, 1, ... from the least recent
  // end, so empty ways fill in the order the scan would fill them.
  class Directory {
   public:
    explicit Directory(unsigned ways);
    void reset();
    // The way holding `line`, or -1. `tags` are the Cache's.
    int find(uint64_t line, const uint64_t* tags) const;
    void insert(uint64_t line, unsigned way);
    void erase(uint64_t line, const uint64_t* tags);
    void touch(unsigned way);  // Makes `way` the most recently used.
    unsigned oldest() const { return oldest_; }

   private:
    size_t home(uint64_t line) const { return (line * 0x9E3779B97F4A7C15ull) >> shift_; }
    unsigned ways_, shift_;
    size_t mask_;
    std::vector<uint16_t> slots_;          // Way + 1 (0: empty), linear probing.
    std::vector<uint16_t> newer_, older_;  // List links by way.
    unsigned newest_ = 0, oldest_ = 0;
  };
  bool access_directory(uint64_t line);

  CacheGeometry g_;
  unsigned line_shift_ = 0;
  uint64_t sets_ = 0;
  // Per way, set-major (sets_ * g_.ways): the line it holds (kInvalid when
  // empty).
  std::vector<uint64_t> tags_;
  // Per set, its ways from the most to the least recently used (true LRU:
  // the victim is the last). Empty ways start at the end, way 0 last, so they
  // fill in index order. An order of 2-byte way numbers is a quarter the size
  // of a 64-bit use count per way, and a miss needs no scan for the oldest:
  // the L2's use counts were most of the model's host cache misses on
  // streaming runs (measured).
  std::vector<uint16_t> order_;
  bool use_directory_ = false;  // One set of more than kScanWays ways.
  static constexpr unsigned kScanWays = 4;
  static constexpr unsigned kMaxDirectoryWays = 4096;
  Directory directory_;
  size_t mru_ = 0;  // The way the last access hit or filled.
  uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace el2
