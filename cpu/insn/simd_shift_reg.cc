// Advanced SIMD shifts by register (Arm ARM C7.2 SSHL, USHL, SRSHL, URSHL,
// SQSHL, UQSHL, SQRSHL, UQRSHL (register)), vector and scalar forms.
//
// The shift is the signed low byte of each element of Vm: positive shifts
// left, negative shifts right (rounding forms add 1 << (-shift - 1) first).
// Saturating forms SatQ the exact result and set FPSR.QC; the others keep its
// low esize bits.
#include "cpu/insn/fp_access.h"
#include "cpu/insn/simd_int.h"
#include "cpu/insn/simd_lanes.h"

namespace el2::insn {

namespace {

// (Int(x) + round_const) << shift on the unbounded integers, exact whenever
// the result matters: a left shift by esize or more is replaced by a value
// that truncates to zero and saturates with the sign of x; right shifts are
// capped at 66, past which every result is 0 or -1 (or 0 when rounding).
i128 shift_by(i128 x, int shift, bool rounding, unsigned esize) {
  if (shift >= 0) {
    if (static_cast<unsigned>(shift) < esize) return x << shift;
    const i128 big = i128{1} << 100;
    return x == 0 ? 0 : (x < 0 ? -big : big);
  }
  const unsigned right = -shift > 66 ? 66 : static_cast<unsigned>(-shift);
  const i128 round_const = rounding ? i128{1} << (right - 1) : 0;
  return shr_floor(x + round_const, right);
}

}  // namespace

void three_same_shift(Cpu& cpu, uint32_t i) {
  using E = ThreeSame;
  const unsigned size = E::get<'s'>(i), opcode = E::get<'o'>(i);
  const bool rounding = bit(opcode, 1), saturating = bit(opcode, 0);
  // Scalar SSHL/USHL/SRSHL/URSHL exist for D only; the saturating ones for all.
  if (is_scalar(i) ? !saturating && size != 3 : vector_1d(i, size)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool u = E::get<'u'>(i);
  const Shape s = shape_of(i, size);
  const u128 r =
      lanes2(s, vreg(cpu, E::get<'n'>(i)), vreg(cpu, E::get<'m'>(i)), [&](uint64_t a, uint64_t b) {
        const int shift = static_cast<int>(sign_extend(b & 0xFF, 8));
        const i128 v = shift_by(to_int(a, s.esize, u), shift, rounding, s.esize);
        return saturating ? sat_q(cpu, v, s.esize, u) : static_cast<uint64_t>(v);
      });
  set_vreg(cpu, E::get<'d'>(i), r, s.datasize);
}

}  // namespace el2::insn
