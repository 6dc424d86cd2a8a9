// Advanced SIMD three different (Arm ARM C7.2): widening SADDL/UADDL,
// SSUBL/USUBL, SADDW/UADDW, SSUBW/USUBW, SABAL/UABAL, SABDL/UABDL,
// SMLAL/UMLAL, SMLSL/UMLSL, SMULL/UMULL, SQDMLAL, SQDMLSL, SQDMULL, PMULL
// (8-bit), and narrowing ADDHN/RADDHN/SUBHN/RSUBHN.
//
// The "2" forms (Q = 1) read the upper halves of the narrow operands
// (Vpart[n, 1]) or write the upper half of the narrow result. size = 11 is
// reserved throughout.
#include "cpu/insn/fp_access.h"
#include "cpu/insn/simd_int.h"
#include "cpu/insn/simd_lanes.h"

namespace el2::insn {

namespace {

using E = ThreeDiff;

// The narrow operands: elements of esize bits in Vpart[n, part].
struct Narrow {
  unsigned esize;
  unsigned part;
  unsigned elements() const { return 64 / esize; }
};

Narrow narrow_of(uint32_t i) { return {8u << E::get<'s'>(i), E::get<'q'>(i)}; }

// Result[e] (2*esize bits) = f(e): the widening forms write all 128 bits.
template <class F>
void write_wide(Cpu& cpu, uint32_t i, const Narrow& w, F f) {
  u128 r = 0;
  for (unsigned e = 0; e < w.elements(); ++e) r = with_elem(r, e, 2 * w.esize, f(e));
  set_vreg(cpu, E::get<'d'>(i), r);
}

}  // namespace

// SADDL/UADDL (0000), SADDW/UADDW (0001), SSUBL/USUBL (0010), SSUBW/USUBW
// (0011): the W forms take the first operand as wide elements of V[n].
void three_diff_add_sub_long(Cpu& cpu, uint32_t i) {
  if (E::get<'s'>(i) == 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const Narrow w = narrow_of(i);
  const bool u = E::get<'u'>(i), sub = bit(E::get<'o'>(i), 1), wide = bit(E::get<'o'>(i), 0);
  const u128 n = vreg(cpu, E::get<'n'>(i));
  const uint64_t n_part = vpart(cpu, E::get<'n'>(i), w.part);
  const uint64_t m = vpart(cpu, E::get<'m'>(i), w.part);
  write_wide(cpu, i, w, [&](unsigned e) {
    const i128 a = wide ? to_int(elem(n, e, 2 * w.esize), 2 * w.esize, u)
                        : to_int(elem(n_part, e, w.esize), w.esize, u);
    const i128 b = to_int(elem(m, e, w.esize), w.esize, u);
    return static_cast<uint64_t>(sub ? a - b : a + b);
  });
}

// ADDHN/SUBHN (U=0), RADDHN/RSUBHN (U=1): the high halves of the 2*esize
// sums or differences, rounded for the R forms, into Vpart[d, Q].
void three_diff_add_sub_hn(Cpu& cpu, uint32_t i) {
  if (E::get<'s'>(i) == 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const Narrow w = narrow_of(i);
  const bool round = E::get<'u'>(i), sub = bit(E::get<'o'>(i), 1);
  const u128 n = vreg(cpu, E::get<'n'>(i)), m = vreg(cpu, E::get<'m'>(i));
  const uint64_t round_const = round ? uint64_t{1} << (w.esize - 1) : 0;
  uint64_t result = 0;
  for (unsigned e = 0; e < w.elements(); ++e) {
    const uint64_t a = elem(n, e, 2 * w.esize), b = elem(m, e, 2 * w.esize);
    const uint64_t sum = ((sub ? a - b : a + b) + round_const) & ones(2 * w.esize);
    result |= (sum >> w.esize) << (e * w.esize);
  }
  set_vpart(cpu, E::get<'d'>(i), w.part, result);
}

// SABAL/UABAL (0101) accumulate Abs(e1 - e2) into Vd's wide elements;
// SABDL/UABDL (0111) write it.
void three_diff_abdl(Cpu& cpu, uint32_t i) {
  if (E::get<'s'>(i) == 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const Narrow w = narrow_of(i);
  const bool u = E::get<'u'>(i), accumulate = !bit(E::get<'o'>(i), 1);
  const uint64_t n = vpart(cpu, E::get<'n'>(i), w.part), m = vpart(cpu, E::get<'m'>(i), w.part);
  const u128 acc = vreg(cpu, E::get<'d'>(i));
  write_wide(cpu, i, w, [&](unsigned e) {
    const i128 diff =
        to_int(elem(n, e, w.esize), w.esize, u) - to_int(elem(m, e, w.esize), w.esize, u);
    const uint64_t absdiff = static_cast<uint64_t>(diff < 0 ? -diff : diff);
    return absdiff + (accumulate ? elem(acc, e, 2 * w.esize) : 0);
  });
}

// SMLAL/UMLAL (1000), SMLSL/UMLSL (1010), SMULL/UMULL (1100).
void three_diff_mull(Cpu& cpu, uint32_t i) {
  if (E::get<'s'>(i) == 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const Narrow w = narrow_of(i);
  const unsigned opcode = E::get<'o'>(i);
  const bool u = E::get<'u'>(i), accumulate = opcode != 0b1100, sub = opcode == 0b1010;
  const uint64_t n = vpart(cpu, E::get<'n'>(i), w.part), m = vpart(cpu, E::get<'m'>(i), w.part);
  const u128 acc = vreg(cpu, E::get<'d'>(i));
  write_wide(cpu, i, w, [&](unsigned e) {
    const uint64_t product = static_cast<uint64_t>(to_int(elem(n, e, w.esize), w.esize, u) *
                                                   to_int(elem(m, e, w.esize), w.esize, u));
    if (!accumulate) return product;
    const uint64_t old = elem(acc, e, 2 * w.esize);
    return sub ? old - product : old + product;
  });
}

// SQDMLAL (1001), SQDMLSL (1011), SQDMULL (1101), U=0, H and S elements:
// product = SignedSatQ(2 * e1 * e2, 2*esize), then for the accumulating forms
// SignedSatQ(Vd +/- product); either saturation sets FPSR.QC.
void three_diff_sqdmull(Cpu& cpu, uint32_t i) {
  const unsigned size = E::get<'s'>(i);
  if (size == 0 || size == 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const Narrow w = narrow_of(i);
  const unsigned opcode = E::get<'o'>(i), wsize = 2 * w.esize;
  const bool accumulate = opcode != 0b1101, sub = opcode == 0b1011;
  const uint64_t n = vpart(cpu, E::get<'n'>(i), w.part), m = vpart(cpu, E::get<'m'>(i), w.part);
  const u128 acc = vreg(cpu, E::get<'d'>(i));
  write_wide(cpu, i, w, [&](unsigned e) {
    const i128 p = 2 * to_int(elem(n, e, w.esize), w.esize, false) *
                   to_int(elem(m, e, w.esize), w.esize, false);
    const uint64_t product = sat_q(cpu, p, wsize, false);
    if (!accumulate) return product;
    const i128 old = to_int(elem(acc, e, wsize), wsize, false);
    const i128 prod = to_int(product, wsize, false);
    return sat_q(cpu, sub ? old - prod : old + prod, wsize, false);
  });
}

// PMULL/PMULL2 with 8-bit elements: 16-bit carry-less products. (The 64-bit
// form is FEAT_PMULL, which the models do not have: its row is UNDEFINED.)
void three_diff_pmull(Cpu& cpu, uint32_t i) {
  if (!fp_access_enabled(cpu)) return;
  const Narrow w = narrow_of(i);
  const uint64_t n = vpart(cpu, E::get<'n'>(i), w.part), m = vpart(cpu, E::get<'m'>(i), w.part);
  write_wide(cpu, i, w,
             [&](unsigned e) { return polynomial_mult(elem(n, e, 8), elem(m, e, 8), 8); });
}

}  // namespace el2::insn
