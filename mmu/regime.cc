#include "mmu/regime.h"

#include "exceptions/routing.h"

namespace el2::mmu {

namespace {

constexpr uint64_t kHcrDc = 1ull << 12;
constexpr uint64_t kHcrE2h = 1ull << 34;

unsigned bits(uint64_t v, unsigned lo, unsigned n) { return (v >> lo) & ((1u << n) - 1); }

bool granule_supported(const CpuModel& m, Granule g) {
  const uint64_t r = m.id_aa64mmfr0;
  switch (g) {
    case Granule::k4K: return bits(r, 28, 4) != 0xF;
    case Granule::k16K: return bits(r, 20, 4) != 0;
    case Granule::k64K: return bits(r, 24, 4) != 0xF;
  }
  return false;
}

// An unsupported or reserved TGx value behaves as an IMPLEMENTATION DEFINED
// supported size (D8.2.7); like QEMU, el2emu picks the smallest one.
Granule sanitize(const CpuModel& m, Granule g, bool reserved) {
  if (!reserved && granule_supported(m, g)) return g;
  for (Granule s : {Granule::k4K, Granule::k16K, Granule::k64K})
    if (granule_supported(m, s)) return s;
  return Granule::k4K;
}

// TG0: 0b00 4K, 0b01 64K, 0b10 16K. TG1: 0b01 16K, 0b10 4K, 0b11 64K.
Granule tg0(const CpuModel& m, unsigned v) {
  static constexpr Granule k[] = {Granule::k4K, Granule::k64K, Granule::k16K, Granule::k4K};
  return sanitize(m, k[v & 3], (v & 3) == 3);
}
Granule tg1(const CpuModel& m, unsigned v) {
  static constexpr Granule k[] = {Granule::k4K, Granule::k16K, Granule::k4K, Granule::k64K};
  return sanitize(m, k[v & 3], (v & 3) == 0);
}

}  // namespace

unsigned decode_ps(unsigned field) {
  static constexpr unsigned k[] = {32, 36, 40, 42, 44, 48, 52, 52};
  return k[field & 7];
}

RegimeControls regime_controls(const CpuState& s, const CpuModel& m, unsigned el) {
  const SysRegFile& r = s.sys;
  const bool el2_on = el2_enabled(s, m);
  const bool e2h = m.vhe && (r.hcr_el2 & kHcrE2h);
  RegimeControls rc;
  rc.pa_bits = m.pa_bits;
  if (el == 3) {
    rc.regime = Regime::kEl3;
    rc.el = 3;
  } else if (el == 2 || (el == 0 && e2h && el2_on && (r.hcr_el2 & kHcrTge))) {
    rc.regime = e2h ? Regime::kEl20 : Regime::kEl2;
    rc.el = 2;
  } else {
    rc.regime = Regime::kEl10;
    rc.el = 1;
  }
  rc.two_ranges = rc.regime == Regime::kEl10 || rc.regime == Regime::kEl20;
  rc.sctlr = r.sctlr[rc.el];
  rc.tcr = r.tcr[rc.el];
  rc.mair = r.mair[rc.el];
  rc.enabled = (rc.sctlr & kSctlrM) != 0;
  // HCR_EL2.{TGE,DC} disable EL1&0 stage 1 for everything but reading
  // SCTLR_EL1.M (D17.2.48 "HCR_EL2").
  if (rc.regime == Regime::kEl10 && el2_on && (r.hcr_el2 & (kHcrTge | kHcrDc))) rc.enabled = false;

  const uint64_t tcr = rc.tcr;
  rc.range[0] = {.ttbr = r.ttbr0[rc.el],
                 .tsz = bits(tcr, 0, 6),
                 .granule = tg0(m, bits(tcr, 14, 2)),
                 .epd = rc.two_ranges && bits(tcr, 7, 1)};
  if (rc.two_ranges) {
    // TCR_EL1 layout (D17.2.131): T1SZ[21:16], A1[22], EPD1[23], TG1[31:30],
    // IPS[34:32], AS[36], TBI0[37], TBI1[38].
    rc.range[0].tbi = bits(tcr, 37, 1);
    rc.range[1] = {.ttbr = rc.el == 1 ? r.ttbr1_el1 : r.ttbr1_el2,
                   .tsz = bits(tcr, 16, 6),
                   .granule = tg1(m, bits(tcr, 30, 2)),
                   .epd = bits(tcr, 23, 1) != 0,
                   .tbi = bits(tcr, 38, 1) != 0};
    rc.ps_bits = decode_ps(bits(tcr, 32, 3));
    rc.asid16 = bits(tcr, 36, 1) && bits(m.id_aa64mmfr0, 4, 4) == 2;
    const uint64_t asid_reg = bits(tcr, 22, 1) ? rc.range[1].ttbr : rc.range[0].ttbr;
    rc.asid = static_cast<uint16_t>((asid_reg >> 48) & (rc.asid16 ? 0xFFFF : 0xFF));
    if (rc.regime == Regime::kEl10 && el2_on) rc.vmid = static_cast<uint16_t>((r.vttbr_el2 >> 48) & 0xFF);
  } else {
    // TCR_EL2 (E2H=0) / TCR_EL3: T0SZ[5:0], TG0[15:14], PS[18:16], TBI[20].
    rc.range[0].tbi = bits(tcr, 20, 1);
    rc.ps_bits = decode_ps(bits(tcr, 16, 3));
  }
  if (rc.ps_bits > rc.pa_bits) rc.ps_bits = rc.pa_bits;
  return rc;
}

uint64_t canonical_va(const RegimeControls& rc, uint64_t va) {
  if (!rc.tbi_for(va)) return va;
  const uint64_t low = va & ((1ull << 56) - 1);
  return (va >> 55) & 1 ? low | (0xFFull << 56) : low;
}

}  // namespace el2::mmu
