#include "cpu/timing/cache.h"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace el2 {

Cache::Cache(const CacheGeometry& g)
    : g_(g),
      line_shift_(static_cast<unsigned>(std::countr_zero(g.line))),
      sets_(g.size / (static_cast<uint64_t>(g.line) * g.ways)),
      tags_(sets_ * g.ways, kInvalid),
      use_directory_(sets_ == 1 && g.ways > kScanWays && g.ways <= kMaxDirectoryWays),
      directory_(use_directory_ ? g.ways : 0) {
  if (g.ways > 0xFFFF) throw std::invalid_argument("Cache: more ways than a 16-bit way number");
  if (!use_directory_) order_.resize(tags_.size());
  reset_order();
}

void Cache::reset_order() {
  for (size_t base = 0; base < order_.size(); base += g_.ways)
    for (unsigned i = 0; i < g_.ways; ++i)
      order_[base + i] = static_cast<uint16_t>(g_.ways - 1 - i);
}

void Cache::promote(size_t base, unsigned pos, unsigned w) {
  uint16_t* order = &order_[base];
  for (; pos > 0; --pos) order[pos] = order[pos - 1];
  order[0] = static_cast<uint16_t>(w);
}

bool Cache::access_set(uint64_t line) {
  if (use_directory_) return access_directory(line);
  const size_t base = set_base(line);
  const uint64_t* tags = &tags_[base];
  for (unsigned w = 0; w < g_.ways; ++w) {
    if (tags[w] == line) {
      unsigned pos = 0;
      while (order_[base + pos] != w) ++pos;
      promote(base, pos, w);
      mru_ = base + w;
      ++hits_;
      return true;
    }
  }
  const unsigned victim = order_[base + g_.ways - 1];
  promote(base, g_.ways - 1, victim);
  ++misses_;
  mru_ = base + victim;
  tags_[mru_] = line;
  return false;
}

bool Cache::contains(uint64_t addr) const {
  const uint64_t line = addr >> line_shift_;
  const size_t base = set_base(line);
  return std::find(&tags_[base], &tags_[base] + g_.ways, line) != &tags_[base] + g_.ways;
}

void Cache::invalidate_all() {
  std::fill(tags_.begin(), tags_.end(), kInvalid);
  reset_order();
  mru_ = 0;
  if (use_directory_) directory_.reset();
}

bool Cache::access_directory(uint64_t line) {
  if (const int way = directory_.find(line, tags_.data()); way >= 0) {
    directory_.touch(static_cast<unsigned>(way));
    mru_ = static_cast<size_t>(way);
    ++hits_;
    return true;
  }
  ++misses_;
  const unsigned victim = directory_.oldest();
  if (tags_[victim] != kInvalid) directory_.erase(tags_[victim], tags_.data());
  tags_[victim] = line;
  directory_.insert(line, victim);
  directory_.touch(victim);
  mru_ = victim;
  return false;
}

// A table at least twice the ways (rounded up to a power of two) keeps the
// probe runs short.
Cache::Directory::Directory(unsigned ways)
    : ways_(ways),
      shift_(64 - static_cast<unsigned>(std::countr_zero(std::bit_ceil(std::max(2u * ways, 2u))))),
      mask_(std::bit_ceil(std::max(2u * ways, 2u)) - 1),
      slots_(mask_ + 1),
      newer_(ways),
      older_(ways) {
  reset();
}

void Cache::Directory::reset() {
  std::fill(slots_.begin(), slots_.end(), 0);
  // Way 0 is the least recent, way ways_ - 1 the most recent.
  for (unsigned w = 0; w < ways_; ++w) {
    older_[w] = static_cast<uint16_t>(w == 0 ? 0 : w - 1);
    newer_[w] = static_cast<uint16_t>(w + 1 == ways_ ? w : w + 1);
  }
  oldest_ = 0;
  newest_ = ways_ == 0 ? 0 : ways_ - 1;
}

int Cache::Directory::find(uint64_t line, const uint64_t* tags) const {
  for (size_t i = home(line);; i = (i + 1) & mask_) {
    if (slots_[i] == 0) return -1;
    if (tags[slots_[i] - 1] == line) return slots_[i] - 1;
  }
}

void Cache::Directory::insert(uint64_t line, unsigned way) {
  size_t i = home(line);
  while (slots_[i] != 0) i = (i + 1) & mask_;
  slots_[i] = static_cast<uint16_t>(way + 1);
}

void Cache::Directory::erase(uint64_t line, const uint64_t* tags) {
  size_t i = home(line);
  while (tags[slots_[i] - 1] != line) i = (i + 1) & mask_;
  // Backward-shift deletion: move up any later entry of the probe run whose
  // home does not lie in (i, j], so every entry stays reachable from its home.
  for (size_t j = (i + 1) & mask_; slots_[j] != 0; j = (j + 1) & mask_) {
    const size_t h = home(tags[slots_[j] - 1]);
    const bool reachable = i <= j ? (i < h && h <= j) : (i < h || h <= j);
    if (reachable) continue;
    slots_[i] = slots_[j];
    i = j;
  }
  slots_[i] = 0;
}

void Cache::Directory::touch(unsigned way) {
  if (way == newest_) return;
  // Unlink (`way` is not the newest, so it has a newer neighbour).
  if (way == oldest_) {
    oldest_ = newer_[way];
  } else {
    newer_[older_[way]] = newer_[way];
  }
  older_[newer_[way]] = older_[way];
  // Link as the newest.
  older_[way] = static_cast<uint16_t>(newest_);
  newer_[newest_] = static_cast<uint16_t>(way);
  newest_ = way;
}

}  // namespace el2
