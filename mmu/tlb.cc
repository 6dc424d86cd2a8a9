#include "mmu/tlb.h"

namespace el2::mmu {

const Translation& Tlb::insert(const TlbContext& c, uint64_t cva, const Translation& t) {
  const unsigned s = set_of(c.regime, cva);
  Entry* set = &entries_[s * kWays];
  // Reuse the way holding this page's entry for the same tag, else a free
  // way, else the next round-robin victim.
  Entry* slot = nullptr;
  for (unsigned w = 0; w < kWays && !slot; ++w) {
    Entry& e = set[w];
    if (e.valid && e.page == (cva >> 12) && e.regime == c.regime && e.vmid == c.vmid &&
        (e.asid == c.asid || !e.t.ng || !t.ng))
      slot = &e;
  }
  for (unsigned w = 0; w < kWays && !slot; ++w)
    if (!set[w].valid) slot = &set[w];
  if (!slot) {
    slot = &set[victim_[s]];
    victim_[s] = static_cast<uint8_t>((victim_[s] + 1) % kWays);
  }
  Entry& e = *slot;
  key_[slot - entries_.data()] = key_of(c.regime);
  e.valid = true;
  e.regime = c.regime;
  e.vmid = c.vmid;
  e.asid = c.asid;
  e.page = cva >> 12;
  e.t = t;
  return e.t;
}

void Tlb::invalidate_all() {
  for (Entry& e : entries_) e.valid = false;
  key_.fill(0);
}

void Tlb::invalidate(const TlbiScope& s) {
  const uint8_t want = key_of(s.regime);
  for (unsigned i = 0; i < kEntries; ++i) {
    if (key_[i] != want) continue;
    Entry& e = entries_[i];
    if (s.regime == Regime::kEl10 && !s.all_vmids && e.vmid != s.vmid) continue;
    if (s.by_va && (s.va - e.t.va_base) >= e.t.size()) continue;
    if (s.by_asid) {
      const bool asid_match = e.t.ng && ((e.asid ^ s.asid) & s.asid_mask) == 0;
      if (s.keep_global ? !asid_match : (e.t.ng && !asid_match)) continue;
    }
    e.valid = false;
    key_[i] = 0;
  }
}

unsigned Tlb::valid_entries() const {
  unsigned n = 0;
  for (const Entry& e : entries_) n += e.valid;
  return n;
}

}  // namespace el2::mmu
