// Advanced SIMD three same, integer arithmetic (Arm ARM C7.2: SHADD, SRHADD,
// SHSUB, SQADD, SQSUB, SMAX, SMIN, SABD, SABA, MLA, MLS, MUL, PMUL, SQDMULH,
// SQRDMULH and their unsigned twins), vector and scalar forms.
//
// Each body follows the Arm ARM's order: the decode-time UNDEFINED checks first,
// then CheckFPAdvSIMDEnabled64() (fp_access_enabled), then the operation.
#include "cpu/insn/fp_access.h"
#include "cpu/insn/simd_int.h"
#include "cpu/insn/simd_lanes.h"

namespace el2::insn {

namespace {

using E = ThreeSame;

u128 vn(const Cpu& cpu, uint32_t i) { return vreg(cpu, E::get<'n'>(i)); }
u128 vm(const Cpu& cpu, uint32_t i) { return vreg(cpu, E::get<'m'>(i)); }

}  // namespace

// SHADD/UHADD (opcode 00000), SRHADD/URHADD (00010), SHSUB/UHSUB (00100):
// (element1 +/- element2 [+ 1]) >> 1 on the unbounded integers.
void three_same_halving(Cpu& cpu, uint32_t i) {
  const unsigned size = E::get<'s'>(i), opcode = E::get<'o'>(i);
  if (size == 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool u = E::get<'u'>(i), sub = opcode == 0b00100, round = opcode == 0b00010;
  const Shape s = shape_of(i, size);
  const u128 r = lanes2(s, vn(cpu, i), vm(cpu, i), [&](uint64_t a, uint64_t b) {
    const i128 x = to_int(a, s.esize, u), y = to_int(b, s.esize, u);
    return static_cast<uint64_t>((sub ? x - y : x + y + round) >> 1);
  });
  set_vreg(cpu, E::get<'d'>(i), r, s.datasize);
}

// SQADD/UQADD (opcode 00001), SQSUB/UQSUB (00101): SatQ of the exact sum or
// difference; saturation sets FPSR.QC. The scalar forms take every size.
void three_same_sat_add_sub(Cpu& cpu, uint32_t i) {
  const unsigned size = E::get<'s'>(i);
  if (vector_1d(i, size)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool u = E::get<'u'>(i), sub = bit(E::get<'o'>(i), 2);
  const Shape s = shape_of(i, size);
  const u128 r = lanes2(s, vn(cpu, i), vm(cpu, i), [&](uint64_t a, uint64_t b) {
    const i128 x = to_int(a, s.esize, u), y = to_int(b, s.esize, u);
    return sat_q(cpu, sub ? x - y : x + y, s.esize, u);
  });
  set_vreg(cpu, E::get<'d'>(i), r, s.datasize);
}

// SMAX/UMAX (01100), SMIN/UMIN (01101).
void three_same_max_min(Cpu& cpu, uint32_t i) {
  const unsigned size = E::get<'s'>(i);
  if (size == 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool u = E::get<'u'>(i), minimum = bit(E::get<'o'>(i), 0);
  const Shape s = shape_of(i, size);
  const u128 r = lanes2(s, vn(cpu, i), vm(cpu, i), [&](uint64_t a, uint64_t b) {
    const bool a_less = to_int(a, s.esize, u) < to_int(b, s.esize, u);
    return a_less == minimum ? a : b;
  });
  set_vreg(cpu, E::get<'d'>(i), r, s.datasize);
}

// SABD/UABD (01110): Abs(element1 - element2); SABA/UABA (01111) adds it to
// the destination element.
void three_same_abd(Cpu& cpu, uint32_t i) {
  const unsigned size = E::get<'s'>(i);
  if (size == 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool u = E::get<'u'>(i), accumulate = bit(E::get<'o'>(i), 0);
  const Shape s = shape_of(i, size);
  const unsigned d = E::get<'d'>(i);
  const u128 r =
      lanes3(s, vn(cpu, i), vm(cpu, i), vreg(cpu, d), [&](uint64_t a, uint64_t b, uint64_t acc) {
        const i128 diff = to_int(a, s.esize, u) - to_int(b, s.esize, u);
        const uint64_t absdiff = static_cast<uint64_t>(diff < 0 ? -diff : diff);
        return accumulate ? acc + absdiff : absdiff;
      });
  set_vreg(cpu, d, r, s.datasize);
}

// MLA (U=0) / MLS (U=1): Vd +/- (element1 * element2)<esize-1:0>.
void three_same_mla_mls(Cpu& cpu, uint32_t i) {
  const unsigned size = E::get<'s'>(i);
  if (size == 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool sub = E::get<'u'>(i);
  const Shape s = shape_of(i, size);
  const unsigned d = E::get<'d'>(i);
  const u128 r =
      lanes3(s, vn(cpu, i), vm(cpu, i), vreg(cpu, d),
             [&](uint64_t a, uint64_t b, uint64_t acc) { return sub ? acc - a * b : acc + a * b; });
  set_vreg(cpu, d, r, s.datasize);
}

// MUL (U=0, sizes B/H/S) and PMUL (U=1, bytes only).
void three_same_mul_pmul(Cpu& cpu, uint32_t i) {
  const unsigned size = E::get<'s'>(i);
  const bool poly = E::get<'u'>(i);
  if (poly ? size != 0 : size == 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const Shape s = shape_of(i, size);
  const u128 r = lanes2(s, vn(cpu, i), vm(cpu, i), [&](uint64_t a, uint64_t b) {
    return poly ? polynomial_mult(a, b, 8) : a * b;
  });
  set_vreg(cpu, E::get<'d'>(i), r, s.datasize);
}

// SQDMULH (U=0) / SQRDMULH (U=1): SignedSatQ((2 * e1 * e2 + round) >> esize).
// Only H and S elements exist.
void three_same_sqdmulh(Cpu& cpu, uint32_t i) {
  const unsigned size = E::get<'s'>(i);
  if (size == 0 || size == 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool round = E::get<'u'>(i);
  const Shape s = shape_of(i, size);
  const i128 round_const = round ? i128{1} << (s.esize - 1) : 0;
  const u128 r = lanes2(s, vn(cpu, i), vm(cpu, i), [&](uint64_t a, uint64_t b) {
    const i128 product = 2 * to_int(a, s.esize, false) * to_int(b, s.esize, false) + round_const;
    return sat_q(cpu, product >> s.esize, s.esize, false);
  });
  set_vreg(cpu, E::get<'d'>(i), r, s.datasize);
}

}  // namespace el2::insn
