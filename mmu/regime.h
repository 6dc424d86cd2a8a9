// The stage-1 translation regime that applies to an EL and its controls (Arm
// ARM D8.1 "Translation regimes"): which SCTLR/TCR/TTBR/MAIR, the ASID and
// VMID that tag TLB entries, and whether stage 1 is enabled at all.
#pragma once

#include <cstdint>

#include "cpu/cpu_model.h"
#include "cpu/state.h"

namespace el2::mmu {

enum class Regime : uint8_t { kEl10 = 0, kEl20 = 1, kEl2 = 2, kEl3 = 3 };

// SCTLR_ELx bits (D17.2.118).
constexpr uint64_t kSctlrM = 1ull << 0;
constexpr uint64_t kSctlrA = 1ull << 1;
constexpr uint64_t kSctlrSa = 1ull << 3;
constexpr uint64_t kSctlrSa0 = 1ull << 4;
constexpr uint64_t kSctlrWxn = 1ull << 19;

enum class Granule : uint8_t { k4K = 12, k16K = 14, k64K = 16 };

// One VA range's controls (TTBR0 or TTBR1 half of TCR).
struct RangeControls {
  uint64_t ttbr = 0;
  unsigned tsz = 0;       // TxSZ.
  Granule granule = Granule::k4K;
  bool epd = false;       // EPDn: a TLB miss in this range faults.
  bool tbi = false;       // Top byte ignored.
};

struct RegimeControls {
  Regime regime = Regime::kEl10;
  uint8_t el = 1;             // The ELx of its registers (1, 2 or 3).
  bool enabled = false;       // Stage 1 on (SCTLR_ELx.M, after HCR_EL2.{TGE,DC}).
  bool two_ranges = false;    // TTBR1 exists (EL1&0, EL2&0): EL0 permissions, ASIDs.
  uint64_t sctlr = 0, tcr = 0, mair = 0;
  RangeControls range[2];
  unsigned ps_bits = 48;      // Effective output size: min(TCR.IPS/PS, PARange).
  unsigned pa_bits = 48;      // The model's PARange.
  uint16_t asid = 0;          // Current ASID (TCR.A1 selects TTBR0/TTBR1's).
  bool asid16 = false;        // TCR.AS with 16-bit ASIDs implemented.
  uint16_t vmid = 0;          // VTTBR_EL2.VMID when EL2 is enabled (EL1&0 only).

  bool tbi_for(uint64_t va) const { return range[two_ranges ? ((va >> 55) & 1) : 0].tbi; }
};

// Decodes TCR_ELx.{IPS,PS} (D17.2.131): 32, 36, 40, 42, 44, 48, 52 bits.
unsigned decode_ps(unsigned field);

// The regime for an access made at `el` (0..3) in the current state.
RegimeControls regime_controls(const CpuState& s, const CpuModel& m, unsigned el);

// The VA with the ignored top byte replaced by copies of bit 55 when TBI
// applies: the form the TLB keys on and TLBI VA operands decode to.
uint64_t canonical_va(const RegimeControls& rc, uint64_t va);

// The highest VA bit checked with the MMU off (AddrTop: 55 with TBI, else 63).
inline unsigned addr_top(const RegimeControls& rc, uint64_t va) { return rc.tbi_for(va) ? 55 : 63; }

}  // namespace el2::mmu
