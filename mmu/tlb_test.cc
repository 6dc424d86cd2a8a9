// TLB tagging and every invalidation scope.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "mmu/tlb.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

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
  CHECK(tlb.lookup(kEl10Asid2, 0x1000) == nullptr);                       // nG: other ASID misses.
  CHECK(tlb.lookup(kEl10Asid2, 0x5000) != nullptr);                       // Global: any ASID.
  CHECK(tlb.lookup(kEl2, 0x5000) == nullptr);                             // Other regime.
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

// Against a brute-force model: random fills of 4 KiB pages, 16 KiB and 64 KiB
// pages and 2 MiB / 1 GiB blocks (as pieces) under a few tags, and random
// invalidations of every scope. Whatever the TLB answers must still be live in
// the model; a TLBI by VA looks only at one set and the list of large
// entries, so a piece it missed would show up here as a stale hit.
TEST_CASE("no TLBI leaves a stale entry behind (random, against a model)") {
  struct Piece {
    TlbContext c;
    uint64_t page;
    Translation t;
    bool live;
  };
  uint64_t x = 0x9E3779B97F4A7C15ull;
  auto rnd = [&](uint64_t n) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x % n;
  };
  const TlbContext contexts[] = {
      kEl10Asid1, kEl10Asid2, {Regime::kEl10, 1, 1}, kEl2, {Regime::kEl20, 0, 1}};
  const unsigned shifts[] = {12, 12, 12, 14, 16, 21, 30};
  auto covers = [](const Piece& p, const TlbContext& c, uint64_t va) {
    return p.live && p.page == va >> 12 && p.c.regime == c.regime &&
           (c.regime != Regime::kEl10 || p.c.vmid == c.vmid) && (!p.t.ng || p.c.asid == c.asid);
  };
  auto in_scope = [](const Piece& p, const TlbiScope& s) {
    if (p.c.regime != s.regime) return false;
    if (s.regime == Regime::kEl10 && !s.all_vmids && p.c.vmid != s.vmid) return false;
    if (s.by_va && (s.va < p.t.va_base || s.va - p.t.va_base >= p.t.size())) return false;
    if (!s.by_asid) return true;
    const bool same_asid = p.t.ng && ((p.c.asid ^ s.asid) & s.asid_mask) == 0;
    return s.keep_global ? same_asid : (!p.t.ng || same_asid);
  };
  Tlb tlb;
  std::vector<Piece> model;
  uint64_t next_pa = 1;
  for (int step = 0; step < 200000; ++step) {
    // Addresses in a 4 GiB window so that blocks, pages and TLBIs meet.
    const uint64_t va = rnd(1ull << 32) & ~0xFFFull;
    const TlbContext& c = contexts[rnd(5)];
    if (rnd(4) != 0) {
      const unsigned shift = shifts[rnd(7)];
      Translation t = page(va, (next_pa++) << 30, rnd(2) != 0, shift);
      // Several pieces of one block, as accesses to it would cache them.
      for (int k = 0, n = shift > 12 ? 1 + static_cast<int>(rnd(4)) : 1; k < n; ++k) {
        const uint64_t piece = t.va_base + (rnd(t.size()) & ~0xFFFull);
        tlb.insert(c, piece, t);
        model.push_back({c, piece >> 12, t, true});
      }
    } else {
      TlbiScope s{.regime = c.regime, .all_vmids = rnd(8) == 0, .vmid = c.vmid};
      switch (rnd(4)) {
        case 0:
          s.by_va = true, s.va = va + rnd(4096);
          break;  // VAAE1, VAE2
        case 1:
          s.by_va = s.by_asid = true, s.va = va, s.asid = c.asid;
          break;  // VAE1
        case 2:
          s.by_asid = s.keep_global = true, s.asid = c.asid;
          break;  // ASIDE1
        default:
          break;  // *ALL*
      }
      if (rnd(2)) s.va = model.empty() ? s.va : model[rnd(model.size())].t.va_base + rnd(1u << 20);
      tlb.invalidate(s);
      for (Piece& p : model)
        if (in_scope(p, s)) p.live = false;
    }
    if (model.size() > 4000) std::erase_if(model, [](const Piece& p) { return !p.live; });
    // Probe a few addresses the model knows of.
    for (int probe = 0; probe < 3 && !model.empty(); ++probe) {
      const Piece& p = model[rnd(model.size())];
      const uint64_t pva = (p.page << 12) | rnd(4096);
      const TlbContext& pc = rnd(2) ? p.c : contexts[rnd(5)];
      if (const Translation* hit = tlb.lookup(pc, pva)) {
        bool live = false;
        for (const Piece& q : model) live |= covers(q, pc, pva) && q.t.pa_base == hit->pa_base;
        INFO("step " << step << " va " << pva);
        REQUIRE(live);
      }
    }
  }
}

}  // namespace
}  // namespace el2::mmu
