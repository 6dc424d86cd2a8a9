// The walk cache's bookkeeping: what it answers for, what it keeps of the
// trail, and that invalidation empties it (walk_test.cc checks resumed walks).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <vector>

#include "mmu/walk_cache.h"

namespace el2::mmu {
namespace {

constexpr unsigned kCover = 21;  // 4 KiB pages: a last-level table covers 2 MiB.
constexpr uint64_t kVa = 0x4060'0000;

LeafTable table_at(uint64_t pa) { return LeafTable{.level = 3, .table = pa}; }

TEST_CASE("an entry answers for its 2 MiB range, regime and VMID only") {
  WalkCache c;
  const TlbContext el2{Regime::kEl2, 0, 0};
  const std::vector<uint64_t> trail = {0x100, 0x200, 0x300};
  CHECK(c.lookup(el2, kVa, kCover) == nullptr);
  c.insert(el2, kVa, kCover, table_at(0x5000), trail);
  const WalkCache::Entry* e = c.lookup(el2, kVa + 0x1F'F000, kCover);
  REQUIRE(e != nullptr);
  CHECK(e->table.table == 0x5000);
  // The descriptors above the leaf table, not the leaf's own.
  const auto upper = e->upper_descriptors();
  CHECK(std::vector<uint64_t>(upper.begin(), upper.end()) == std::vector<uint64_t>{0x100, 0x200});
  CHECK(c.lookup(el2, kVa + 0x20'0000, kCover) == nullptr);                // Next 2 MiB.
  CHECK(c.lookup(el2, kVa + (64ull << 21), kCover) == nullptr);            // Same slot, other tag.
  CHECK(c.lookup(TlbContext{Regime::kEl10, 0, 0}, kVa, kCover) == nullptr);  // Other regime.
  CHECK(c.lookup(TlbContext{Regime::kEl2, 1, 0}, kVa, kCover) == nullptr);   // Other VMID.
  CHECK(c.lookup(TlbContext{Regime::kEl2, 0, 7}, kVa, kCover) != nullptr);   // ASID: irrelevant.
}

TEST_CASE("invalidate_all empties it; later inserts are found again") {
  WalkCache c;
  const TlbContext el2{Regime::kEl2, 0, 0};
  const std::vector<uint64_t> trail = {0x100, 0x200};
  c.insert(el2, kVa, kCover, table_at(0x5000), trail);
  REQUIRE(c.lookup(el2, kVa, kCover) != nullptr);
  c.invalidate_all();
  CHECK(c.lookup(el2, kVa, kCover) == nullptr);
  c.insert(el2, kVa, kCover, table_at(0x6000), trail);
  REQUIRE(c.lookup(el2, kVa, kCover) != nullptr);
  CHECK(c.lookup(el2, kVa, kCover)->table.table == 0x6000);
}

TEST_CASE("a leaf table that is the walk's first table has no descriptors above it") {
  WalkCache c;
  const TlbContext el2{Regime::kEl2, 0, 0};
  c.insert(el2, kVa, kCover, table_at(0x5000), std::vector<uint64_t>{0x5008});
  REQUIRE(c.lookup(el2, kVa, kCover) != nullptr);
  CHECK(c.lookup(el2, kVa, kCover)->upper_descriptors().empty());
}

}  // namespace
}  // namespace el2::mmu
