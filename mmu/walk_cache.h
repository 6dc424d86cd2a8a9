// A walk cache: the last-level tables recent walks read their page
// descriptors from (mmu::LeafTable), so a TLB miss next to an earlier one
// reads one descriptor instead of one per level. Real cores keep such
// intermediate entries too; the architecture allows it, and every TLBI and
// every change of the translation controls empties this one (Cpu), so a
// guest sees a changed table descriptor no later than on a real core.
//
// Direct-mapped on the VA range a table covers (2 MiB with 4 KiB pages),
// tagged by regime and VMID (a walk does not depend on the ASID; a new TTBR
// is a control change). Each entry also keeps the physical addresses of the
// descriptors above the table, so the timing model is told of the same
// descriptor reads as a full walk makes.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "mmu/tlb.h"
#include "mmu/walk.h"

namespace el2::mmu {

class WalkCache {
 public:
  static constexpr unsigned kEntries = 64;

  struct Entry {
    uint32_t epoch = 0;  // Valid while equal to the cache's epoch.
    Regime regime = Regime::kEl10;
    uint16_t vmid = 0;
    uint64_t tag = 0;  // cva >> cover_shift.
    LeafTable table;
    std::array<uint64_t, 3> upper{};  // Descriptor addresses above the table.
    uint8_t n_upper = 0;
    std::span<const uint64_t> upper_descriptors() const { return {upper.data(), n_upper}; }
  };

  // The entry for `cva` (canonical VA) whose table covers 1 << cover_shift
  // bytes, or nullptr.
  const Entry* lookup(const TlbContext& c, uint64_t cva, unsigned cover_shift) const {
    const Entry& e = entries_[index(cva, cover_shift)];
    const bool hit = e.epoch == epoch_ && e.tag == (cva >> cover_shift) && e.regime == c.regime &&
                     e.vmid == c.vmid;
    return hit ? &e : nullptr;
  }

  // `trail`: every descriptor address the walk read, the leaf's last.
  void insert(const TlbContext& c, uint64_t cva, unsigned cover_shift, const LeafTable& t,
              std::span<const uint64_t> trail) {
    if (trail.empty() || trail.size() - 1 > 3) return;
    Entry& e = entries_[index(cva, cover_shift)];
    e = Entry{.epoch = epoch_, .regime = c.regime, .vmid = c.vmid, .tag = cva >> cover_shift,
              .table = t};
    e.n_upper = static_cast<uint8_t>(trail.size() - 1);
    for (unsigned i = 0; i < e.n_upper; ++i) e.upper[i] = trail[i];
  }

  void invalidate_all() {
    if (++epoch_ == 0) {  // Wrapped: old epochs could match again.
      entries_.fill(Entry{});
      epoch_ = 1;
    }
  }

 private:
  static unsigned index(uint64_t cva, unsigned cover_shift) {
    return static_cast<unsigned>(cva >> cover_shift) & (kEntries - 1);
  }
  std::array<Entry, kEntries> entries_{};
  uint32_t epoch_ = 1;  // Entries start at epoch 0: invalid.
};

}  // namespace el2::mmu
