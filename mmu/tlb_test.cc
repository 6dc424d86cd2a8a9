// TLB tagging and every invalidation scope.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "mmu/tlb.h"

namespace el2::mmu {
namespace {

Translation page(uint64_t va, uint64_t pa, bool ng, unsigned shift = 12) {
  Translation t;
  t.va_base = va & ~((1ull << shift) - 1);
  t.pa_base = pa;
  t.page_shift = static_cast<uint8_t>(shift);
  t.ng = ng;
  return t;
}

constexpr TlbContext kEl10Asid1{Regime::kEl10, 0, 1};
constexpr TlbContext kEl10Asid2{Regime::kEl10, 0, 2};
constexpr TlbContext kEl2{Regime::kEl2, 0, 0};

TEST_CASE("entries are tagged by regime, ASID (unless global) and VMID") {
  Tlb tlb;
  tlb.insert(kEl10Asid1, 0x1000, page(0x1000, 0x8000, true));
  tlb.insert(kEl10Asid1, 0x5000, page(0x5000, 0x9000, false));
  CHECK(tlb.lookup(kEl10Asid1, 0x1000) != nullptr);
  CHECK(tlb.lookup(kEl10Asid2, 0x1000) == nullptr);  // nG: other ASID misses.
  CHECK(tlb.lookup(kEl10Asid2, 0x5000) != nullptr);  // Global: any ASID.
  CHECK(tlb.lookup(kEl2, 0x5000) == nullptr);        // Other regime.
  CHECK(tlb.lookup(TlbContext{Regime::kEl10, 3, 1}, 0x5000) == nullptr);  // Other VMID.
}

TEST_CASE("a 2 MiB block answers for every 4 KiB piece and is invalidated by any VA in it") {
  Tlb tlb;
  const Translation b = page(0x20'0000, 0x4000'0000, false, 21);
  tlb.insert(kEl2, 0x20'0000, b);
  tlb.insert(kEl2, 0x3F'F000, b);
  CHECK(tlb.lookup(kEl2, 0x3F'F123) != nullptr);
  tlb.invalidate({.regime = Regime::kEl2, .by_va = true, .va = 0x21'0000});
  CHECK(tlb.lookup(kEl2, 0x3F'F123) == nullptr);
  CHECK(tlb.lookup(kEl2, 0x20'0000) == nullptr);
}

TEST_CASE("invalidation scopes: VAE1, VAAE1, ASIDE1, VMALLE1, ALLE2") {
  auto fill = [](Tlb& t) {
    t.insert(kEl10Asid1, 0x1000, page(0x1000, 0x8000, true));
    t.insert(kEl10Asid2, 0x2000, page(0x2000, 0x8000, true));
    t.insert(kEl10Asid1, 0x3000, page(0x3000, 0x8000, false));
    t.insert(kEl2, 0x4000, page(0x4000, 0x8000, false));
  };
  Tlb t;
  fill(t);
  // VAE1, ASID 2, VA 0x1000: the ASID-1 entry survives.
  t.invalidate({.by_va = true, .va = 0x1000, .by_asid = true, .asid = 2});
  CHECK(t.lookup(kEl10Asid1, 0x1000));
  t.invalidate({.by_va = true, .va = 0x1000, .by_asid = true, .asid = 1});
  CHECK(!t.lookup(kEl10Asid1, 0x1000));
  // VAE1 removes global entries for any ASID.
  t.invalidate({.by_va = true, .va = 0x3000, .by_asid = true, .asid = 7});
  CHECK(!t.lookup(kEl10Asid1, 0x3000));
  // VAAE1: all ASIDs.
  t.invalidate({.by_va = true, .va = 0x2000});
  CHECK(!t.lookup(kEl10Asid2, 0x2000));
  CHECK(t.lookup(kEl2, 0x4000));

  fill(t);
  // ASIDE1 1: non-global ASID-1 entries only.
  t.invalidate({.by_asid = true, .keep_global = true, .asid = 1});
  CHECK(!t.lookup(kEl10Asid1, 0x1000));
  CHECK(t.lookup(kEl10Asid2, 0x2000));
  CHECK(t.lookup(kEl10Asid1, 0x3000));
  // 8-bit ASIDs: the upper byte of the TLBI's ASID is ignored.
  t.invalidate({.by_asid = true, .keep_global = true, .asid = 0x7702, .asid_mask = 0xFF});
  CHECK(!t.lookup(kEl10Asid2, 0x2000));
  // VMALLE1: everything in EL1&0, nothing in EL2.
  fill(t);
  t.invalidate({.regime = Regime::kEl10});
  CHECK(t.valid_entries() == 1);
  t.invalidate({.regime = Regime::kEl2});
  CHECK(t.valid_entries() == 0);
}

}  // namespace
}  // namespace el2::mmu
