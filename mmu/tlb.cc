#include "mmu/tlb.h"

#include <bit>

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
  const auto i = static_cast<unsigned>(slot - entries_.data());
  if (slot->valid) drop(i);
  Entry& e = *slot;
  key_[i] = key_of(c.regime);
  e.valid = true;
  e.regime = c.regime;
  e.vmid = c.vmid;
  e.asid = c.asid;
  e.page = cva >> 12;
  e.t = t;
  if (t.size() > 4096) link_large(i);
  return e.t;
}

void Tlb::invalidate_all() {
  for (Entry& e : entries_) e.valid = false;
  key_.fill(0);
  chain_head_.fill(kNone);
  large_per_shift_.fill(0);
  large_shifts_ = 0;
}

void Tlb::link_large(unsigned i) {
  const Translation& t = entries_[i].t;
  uint16_t& head = chain_head_[chain_of(entries_[i].regime, t.page_shift, t.va_base)];
  chain_prev_[i] = kNone;
  chain_next_[i] = head;
  if (head != kNone) chain_prev_[head] = static_cast<uint16_t>(i);
  head = static_cast<uint16_t>(i);
  if (large_per_shift_[t.page_shift]++ == 0) large_shifts_ |= 1ull << t.page_shift;
}

void Tlb::unlink_large(unsigned i) {
  const Translation& t = entries_[i].t;
  const uint16_t next = chain_next_[i], prev = chain_prev_[i];
  if (prev != kNone)
    chain_next_[prev] = next;
  else
    chain_head_[chain_of(entries_[i].regime, t.page_shift, t.va_base)] = next;
  if (next != kNone) chain_prev_[next] = prev;
  if (--large_per_shift_[t.page_shift] == 0) large_shifts_ &= ~(1ull << t.page_shift);
}

// Only valid entries are dropped; those larger than 4 KiB are chained.
void Tlb::drop(unsigned i) {
  if (entries_[i].t.size() > 4096) unlink_large(i);
  entries_[i].valid = false;
  key_[i] = 0;
}

bool Tlb::in_scope(unsigned i, const TlbiScope& s) const {
  const Entry& e = entries_[i];
  if (key_[i] != key_of(s.regime)) return false;
  if (s.regime == Regime::kEl10 && !s.all_vmids && e.vmid != s.vmid) return false;
  if (s.by_va && (s.va - e.t.va_base) >= e.t.size()) return false;
  if (s.by_asid) {
    const bool asid_match = e.t.ng && ((e.asid ^ s.asid) & s.asid_mask) == 0;
    if (s.keep_global ? !asid_match : (e.t.ng && !asid_match)) return false;
  }
  return true;
}

// A 4 KiB entry holding `va` can only be in va's own set; any other entry
// holding it is a piece of a larger page or block, chained under that page's
// base for its size.
void Tlb::invalidate_by_va(const TlbiScope& s) {
  const unsigned first = set_of(s.regime, s.va) * kWays;
  for (unsigned i = first; i < first + kWays; ++i)
    if (in_scope(i, s)) drop(i);
  for (uint64_t shifts = large_shifts_; shifts != 0; shifts &= shifts - 1) {
    const unsigned shift = static_cast<unsigned>(std::countr_zero(shifts));
    const uint64_t base = s.va & ~((uint64_t{1} << shift) - 1);
    for (uint16_t i = chain_head_[chain_of(s.regime, shift, base)]; i != kNone;) {
      const uint16_t next = chain_next_[i];
      if (in_scope(i, s)) drop(i);
      i = next;
    }
  }
}

void Tlb::invalidate(const TlbiScope& s) {
  if (s.by_va) return invalidate_by_va(s);
  for (unsigned i = 0; i < kEntries; ++i)
    if (key_[i] != 0 && in_scope(i, s)) drop(i);
}

unsigned Tlb::valid_entries() const {
  unsigned n = 0;
  for (const Entry& e : entries_) n += e.valid;
  return n;
}

}  // namespace el2::mmu
