// The timing cache: set-associative lookup with true LRU replacement.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "cpu/timing/cache.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

namespace el2 {
namespace {

// 4 sets of 2 ways, 64-byte lines: addresses 256 bytes apart share a set.
constexpr CacheGeometry kSmall{.size = 512, .ways = 2, .line = 64, .miss_penalty = 0};

TEST_CASE("a line hits after its first miss, at any offset within it") {
  Cache c(kSmall);
  CHECK_FALSE(c.access(0x1000));
  CHECK(c.access(0x1000));
  CHECK(c.access(0x103F));
  CHECK_FALSE(c.access(0x1040));
  CHECK(c.hits() == 2);
  CHECK(c.misses() == 2);
}

TEST_CASE("the least recently used way is the one evicted") {
  Cache c(kSmall);
  const uint64_t a = 0x0, b = 0x100, d = 0x200;  // Same set.
  c.access(a);
  c.access(b);
  c.access(a);  // b is now least recently used.
  c.access(d);  // Evicts b.
  CHECK(c.contains(a));
  CHECK_FALSE(c.contains(b));
  CHECK(c.contains(d));
  CHECK(c.access(a));
  CHECK_FALSE(c.access(b));  // Evicts d (a was used more recently).
  CHECK_FALSE(c.contains(d));
}

TEST_CASE("other sets are untouched and invalidation empties the cache") {
  Cache c(kSmall);
  for (uint64_t s = 0; s < 4; ++s) c.access(s * 64);
  for (uint64_t s = 0; s < 4; ++s) CHECK(c.contains(s * 64));
  c.invalidate_all();
  for (uint64_t s = 0; s < 4; ++s) CHECK_FALSE(c.contains(s * 64));
}

TEST_CASE("a cyclic sweep larger than the cache always misses under LRU") {
  Cache c(kSmall);
  for (int round = 0; round < 3; ++round) {
    for (uint64_t a = 0; a < 3 * 256; a += 256) c.access(a);  // 3 lines, 2 ways.
  }
  CHECK(c.hits() == 0);
}

TEST_CASE("a 3-way cache with a non-power-of-two size (Cortex-A57 L1I) works") {
  Cache c({.size = 48 * 1024, .ways = 3, .line = 64, .miss_penalty = 0});
  // 256 sets: lines 16 KiB apart share a set; three of them fit.
  for (uint64_t a : {0x0, 0x4000, 0x8000}) c.access(a);
  for (uint64_t a : {0x0, 0x4000, 0x8000}) CHECK(c.contains(a));
  c.access(0xC000);
  CHECK_FALSE(c.contains(0x0));
}

// The reference: true LRU over a list of lines, most recent first.
class ReferenceLru {
 public:
  explicit ReferenceLru(size_t ways) : ways_(ways) {}
  bool access(uint64_t line) {
    const auto it = std::find(lines_.begin(), lines_.end(), line);
    const bool hit = it != lines_.end();
    if (hit) lines_.erase(it);
    if (lines_.size() == ways_) lines_.pop_back();
    lines_.insert(lines_.begin(), line);
    return hit;
  }
  bool contains(uint64_t line) const {
    return std::find(lines_.begin(), lines_.end(), line) != lines_.end();
  }
  void clear() { lines_.clear(); }

 private:
  size_t ways_;
  std::vector<uint64_t> lines_;
};

TEST_CASE("a fully associative cache (the micro-TLBs' directory) is true LRU") {
  for (uint32_t ways : {5u, 10u, 32u, 48u}) {
    CAPTURE(ways);
    Cache c({.size = ways * 4096, .ways = ways, .line = 4096, .miss_penalty = 0});
    ReferenceLru ref(ways);
    uint64_t x = 12345;  // A fixed LCG: the same sequence every run.
    for (int i = 0; i < 20000; ++i) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      // Pages from a pool a little larger than the cache, with repeats.
      const uint64_t page = (x >> 33) % (ways + ways / 2 + 1);
      const uint64_t addr = page * 4096 + ((x >> 20) & 0xFFF);
      REQUIRE(c.access(addr) == ref.access(page));
      if (i % 997 == 0) {
        for (uint64_t p = 0; p < 2 * ways; ++p) REQUIRE(c.contains(p * 4096) == ref.contains(p));
      }
      if (i == 10000) {
        c.invalidate_all();
        ref.clear();
      }
    }
  }
}

TEST_CASE("a set-associative cache is true LRU in every set") {
  for (uint32_t ways : {1u, 2u, 3u, 4u, 16u}) {
    CAPTURE(ways);
    constexpr uint64_t kSets = 8;
    Cache c({.size = static_cast<uint32_t>(kSets * ways * 64),
             .ways = ways,
             .line = 64,
             .miss_penalty = 0});
    std::vector<ReferenceLru> ref(kSets, ReferenceLru(ways));
    uint64_t x = 777;
    for (int i = 0; i < 20000; ++i) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      const uint64_t line = (x >> 33) % (kSets * (ways + 2));
      // Runs of the same line now and then, as real accesses have.
      for (int rep = 0; rep < 1 + static_cast<int>((x >> 20) & 1); ++rep)
        REQUIRE(c.access(line * 64 + ((x >> 10) & 63)) == ref[line % kSets].access(line));
      if (i == 10000) {
        c.invalidate_all();
        for (ReferenceLru& r : ref) r.clear();
      }
    }
  }
}

}  // namespace
}  // namespace el2
