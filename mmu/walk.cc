#include "mmu/walk.h"

namespace el2::mmu {

namespace {

constexpr uint64_t mask(unsigned hi, unsigned lo) {  // Bits [hi:lo].
  return ((hi >= 63 ? ~0ull : (1ull << (hi + 1)) - 1)) & ~((1ull << lo) - 1);
}

constexpr uint64_t kAf = 1ull << 10;
constexpr uint64_t kNg = 1ull << 11;

Fault make_fault(FaultType type, unsigned level, Access acc) {
  return Fault{.type = type,
               .level = static_cast<uint8_t>(level),
               .write = acc == Access::kWrite,
               .fetch = acc == Access::kFetch};
}

// Block descriptors exist at level 1 and 2 with 4 KiB granules and at level 2
// with 16 KiB and 64 KiB granules (D8.3.1; level-1 blocks for 16K/64K need
// FEAT_LPA2/FEAT_LPA, which no model has).
bool block_allowed(Granule g, unsigned level) {
  if (g == Granule::k4K) return level == 1 || level == 2;
  return level == 2;
}

}  // namespace

WalkResult walk(const RegimeControls& rc, uint64_t va, Access acc, const DescriptorReader& mem) {
  return walk_from(rc, va, acc, mem, nullptr, nullptr);
}

WalkResult walk_from(const RegimeControls& rc, uint64_t va, Access acc,
                     const DescriptorReader& mem, const LeafTable* from, LeafTable* leaf) {
  WalkResult r;
  auto fail = [&](FaultType type, unsigned level) {
    r.fault = make_fault(type, level, acc);
    return r;
  };
  const unsigned sel = rc.two_ranges ? (va >> 55) & 1 : 0;
  const RangeControls& range = rc.range[sel];
  // TxSZ outside [16, 39] (no FEAT_LVA/FEAT_TTST): a level-0 translation fault,
  // one of the CONSTRAINED UNPREDICTABLE choices of D8.2.4 (QEMU makes it too).
  if (range.tsz < 16 || range.tsz > 39) return fail(FaultType::kTranslation, 0);
  const unsigned va_bits = 64 - range.tsz;
  // Bits [top:va_bits] must all equal the range-select bit (D8.2.5 "VA
  // ranges"); a one-range regime has only the lower range.
  const unsigned top = range.tbi ? 55 : 63;
  const uint64_t upper = va & mask(top, va_bits);
  if (upper != (sel ? mask(top, va_bits) : 0)) return fail(FaultType::kTranslation, 0);
  if (range.epd) return fail(FaultType::kTranslation, 0);

  const unsigned g = static_cast<unsigned>(range.granule);
  const unsigned stride = g - 3;
  // Start level (D8.2.6): enough levels, each resolving `stride` bits, to
  // cover the bits above the page offset.
  // (Counted rather than divided: a division costs more than the whole loop.)
  unsigned levels = 1;
  while (g + stride * levels < va_bits) ++levels;
  unsigned level = 4 - levels;

  // TTBR_ELx.BADDR (bits [47:1]; CnP in bit 0). BADDR bits beyond the
  // effective PA size: an Address size fault at level 0 (AArch64.S1Walk).
  uint64_t table = range.ttbr & mask(47, 1);
  if (table & mask(47, rc.ps_bits)) return fail(FaultType::kAddressSize, 0);
  const unsigned first_bits = va_bits - (g + stride * (3 - level));
  // The start table is aligned to its size (at least 64 bytes): lower BADDR
  // bits are RES0 and treated as zero.
  const unsigned align = first_bits + 3 < 6 ? 6 : first_bits + 3;
  table &= ~((1ull << align) - 1);

  bool ap_table_ro = false, ap_table_no_el0 = false, xn_table = false, pxn_table = false;
  if (from) {
    level = from->level;
    table = from->table;
    ap_table_ro = from->ap_table_ro;
    ap_table_no_el0 = from->ap_table_no_el0;
    xn_table = from->xn_table;
    pxn_table = from->pxn_table;
  }
  for (;; ++level) {
    const unsigned shift = g + stride * (3 - level);
    const unsigned idx_bits = level == 4 - levels ? first_bits : stride;
    const uint64_t idx = (va >> shift) & ((1ull << idx_bits) - 1);
    uint64_t desc = 0;
    if (!mem.read64(table + idx * 8, desc)) return fail(FaultType::kWalkExternal, level);
    if (!(desc & 1)) return fail(FaultType::kTranslation, level);
    const bool is_table_or_page = desc & 2;
    if (level < 3 && is_table_or_page) {
      // Table descriptor (D8.3.2): next-level address [47:g], APTable[62:61],
      // UXNTable/XNTable[60], PXNTable[59].
      const uint64_t next = desc & mask(47, g);
      if (next & mask(47, rc.ps_bits)) return fail(FaultType::kAddressSize, level);
      ap_table_ro |= (desc >> 62) & 1;
      xn_table |= (desc >> 60) & 1;
      if (rc.two_ranges) {
        ap_table_no_el0 |= (desc >> 61) & 1;
        pxn_table |= (desc >> 59) & 1;
      }
      table = next;
      continue;
    }
    // A leaf: page (level 3, 0b11) or block (0b01 where blocks exist). 0b01
    // at level 3 and blocks elsewhere are reserved: translation faults.
    if (level == 3 ? !is_table_or_page : !block_allowed(range.granule, level))
      return fail(FaultType::kTranslation, level);
    const uint64_t oa = desc & mask(47, shift);
    if (oa & mask(47, rc.ps_bits)) return fail(FaultType::kAddressSize, level);
    if (!(desc & kAf)) return fail(FaultType::kAccessFlag, level);

    if (leaf)
      *leaf = {static_cast<uint8_t>(level), table, ap_table_ro, ap_table_no_el0, xn_table,
               pxn_table};
    Translation& t = r.t;
    t.va_base = canonical_va(rc, va) & ~((1ull << shift) - 1);
    t.pa_base = oa;
    t.page_shift = static_cast<uint8_t>(shift);
    t.level = static_cast<uint8_t>(level);
    t.ap2 = ((desc >> 7) & 1) || ap_table_ro;
    t.ap1 = rc.two_ranges && ((desc >> 6) & 1) && !ap_table_no_el0;
    t.uxn = ((desc >> 54) & 1) || xn_table;
    t.pxn = rc.two_ranges && (((desc >> 53) & 1) || pxn_table);
    t.ng = rc.two_ranges && (desc & kNg);
    t.attr_index = (desc >> 2) & 7;
    t.attr = static_cast<uint8_t>(rc.mair >> (8 * t.attr_index));
    t.sh = (desc >> 8) & 3;
    return r;
  }
}

Permissions permissions(const RegimeControls& rc, const Translation& t, bool el0, bool pan) {
  const bool wxn = rc.sctlr & kSctlrWxn;
  Permissions p;
  if (!rc.two_ranges) {
    // EL2 and EL3: AP[2] selects read-only; AP[1] is RES1 and ignored.
    p.read = true;
    p.write = !t.ap2;
    p.exec = !t.uxn && !(wxn && p.write);
    return p;
  }
  // AP[2:1] (D8.4.1.2): 00 priv RW; 01 priv RW, EL0 RW; 10 priv RO; 11 both RO.
  const bool user_write = t.ap1 && !t.ap2;
  if (el0) {
    p.read = t.ap1;
    p.write = user_write;
    p.exec = !t.uxn && !(wxn && p.write);
  } else {
    p.read = true;
    p.write = !t.ap2;
    // Memory writable at EL0 is never executable at EL1 (D8.4.1.3).
    p.exec = !t.pxn && !user_write && !(wxn && p.write);
    // PSTATE.PAN: privileged data accesses to EL0-accessible memory fault.
    if (pan && t.ap1) p.read = p.write = false;
  }
  return p;
}

}  // namespace el2::mmu
