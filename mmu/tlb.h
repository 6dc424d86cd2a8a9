// A software TLB for stage-1 leaf translations, tagged by regime, VMID, ASID
// (or global) and VA, with each entry's page size (Arm ARM D8.13 "Translation
// Lookaside Buffers"). Set-associative on the 4 KiB VA page (4 ways, so the
// same page under several ASIDs, or pages that collide, stay cached): a block
// or a large page is cached once per 4 KiB piece used, and invalidation by VA
// removes every piece of the page or block that contains the address: those
// of 4 KiB pages sit in the address's own set, and every piece of a larger
// page or block is also chained by its page's base and size (chain_head_),
// so a TLBI by VA looks at one set and one chain per large size in use, not
// at the whole TLB.
#pragma once

#include <array>
#include <cstdint>

#include "mmu/regime.h"
#include "mmu/walk.h"

namespace el2::mmu {

// The tag an entry is looked up with: regime, VMID (EL1&0), ASID.
struct TlbContext {
  Regime regime = Regime::kEl10;
  uint16_t vmid = 0;
  uint16_t asid = 0;
  static TlbContext of(const RegimeControls& rc) { return {rc.regime, rc.vmid, rc.asid}; }
};

// What a TLBI operation invalidates (D8.13.5 "TLB maintenance instructions").
struct TlbiScope {
  Regime regime = Regime::kEl10;
  bool all_vmids = false;  // ALLE1: every VMID; otherwise the current one.
  uint16_t vmid = 0;
  bool by_va = false;        // *VA*: only entries whose page contains `va`.
  uint64_t va = 0;           // Canonical VA (bits [55:12] of Xt, sign-extended from bit 55).
  bool by_asid = false;      // VAE1/VALE1/ASIDE1: this ASID (VA forms: and global entries).
  bool keep_global = false;  // ASIDE1: global entries survive.
  uint16_t asid = 0;
  uint16_t asid_mask = 0xFFFF;  // 0xFF when TCR_EL1.AS is 0.
  bool last_level = false;      // VALE*, VAALE*: leaf entries only (all entries are leaves here).
};

class Tlb {
 public:
  static constexpr unsigned kSetBits = 9;
  static constexpr unsigned kWays = 4;
  static constexpr unsigned kEntries = kWays << kSetBits;

  Tlb() { invalidate_all(); }

  // The cached leaf translation for `cva` (a canonical VA), or nullptr.
  const Translation* lookup(const TlbContext& c, uint64_t cva) {
    Entry* set = &entries_[set_of(c.regime, cva) * kWays];
    for (unsigned w = 0; w < kWays; ++w) {
      Entry& e = set[w];
      if (e.valid && e.page == (cva >> 12) && e.regime == c.regime &&
          (e.regime != Regime::kEl10 || e.vmid == c.vmid) && (!e.t.ng || e.asid == c.asid)) {
        ++hits_;
        return &e.t;
      }
    }
    ++misses_;
    return nullptr;
  }
  const Translation& insert(const TlbContext& c, uint64_t cva, const Translation& t);

  void invalidate(const TlbiScope& s);
  void invalidate_all();

  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }
  unsigned valid_entries() const;

 private:
  struct Entry {
    bool valid = false;
    Regime regime = Regime::kEl10;
    uint16_t vmid = 0, asid = 0;
    uint64_t page = 0;  // cva >> 12 of the 4 KiB piece this entry answers for.
    Translation t;
  };
  static unsigned set_of(Regime r, uint64_t cva) {
    const uint64_t page = cva >> 12;
    return static_cast<unsigned>(page ^ (page >> kSetBits) ^ (page >> 27) ^
                                 (static_cast<unsigned>(r) << (kSetBits - 2))) &
           ((1u << kSetBits) - 1);
  }
  // Whether entry `i` is in the TLBI's scope (regime, VMID, VA, ASID).
  bool in_scope(unsigned i, const TlbiScope& s) const;
  // Marks entry `i` invalid; every removal goes through here.
  void drop(unsigned i);
  void invalidate_by_va(const TlbiScope& s);

  std::array<Entry, kEntries> entries_;
  // Per entry: 0 when invalid, else kKeyValid | regime. Invalidation by
  // ASID or of everything scans this (2 KiB) instead of the entries (96 KiB).
  static constexpr uint8_t kKeyValid = 0x80;
  std::array<uint8_t, kEntries> key_{};
  static uint8_t key_of(Regime r) { return kKeyValid | static_cast<uint8_t>(r); }
  // The valid entries larger than 4 KiB, chained per hash of (regime, page
  // size, page base): a TLBI by VA follows one chain per large page size in
  // use. Linux issues tens of thousands of TLBI VAAE1IS while it boots, with
  // hundreds of block pieces cached; scanning every entry for each was a
  // fifth of its run time, and scanning every large one still an eighth.
  static constexpr uint16_t kNone = 0xFFFF;
  static constexpr unsigned kChains = 256;
  static unsigned chain_of(Regime r, unsigned shift, uint64_t va) {
    const uint64_t h =
        ((va >> shift) ^ (uint64_t{shift} << 8) ^ static_cast<uint64_t>(r)) * 0x9E3779B97F4A7C15ull;
    return static_cast<unsigned>(h >> 56) & (kChains - 1);
  }
  void link_large(unsigned i);
  void unlink_large(unsigned i);
  std::array<uint16_t, kChains> chain_head_{};
  std::array<uint16_t, kEntries> chain_next_{}, chain_prev_{};
  std::array<uint16_t, 64> large_per_shift_{};    // Linked entries per page_shift.
  uint64_t large_shifts_ = 0;                     // Bit n: some have page_shift n.
  std::array<uint8_t, 1u << kSetBits> victim_{};  // Round-robin replacement per set.
  uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace el2::mmu
