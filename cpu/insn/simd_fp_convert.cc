// Conversions between floating point and integers on SIMD&FP registers,
// vector and scalar forms (Arm ARM C7.2 FCVTNS, FCVTNU, FCVTPS, FCVTPU,
// FCVTMS, FCVTMU, FCVTZS, FCVTZU, FCVTAS, FCVTAU, SCVTF, UCVTF (vector,
// integer and fixed-point)), single and double precision elements. The
// half-precision forms are FEAT_FP16: UNDEFINED.
#include <optional>

#include "cpu/insn/fp_access.h"
#include "cpu/insn/fp_ops.h"
#include "cpu/insn/fp_scalar.h"
#include "cpu/insn/simd_lanes.h"

namespace el2::insn {

namespace {

// esize 32 or 64: one element (scalar) or a 64/128-bit vector; the vector
// forms reserve 2D with Q = 0.
std::optional<Shape> fp_shape(uint32_t i, unsigned esize) {
  if (!is_scalar(i) && esize == 64 && !bit(i, 30)) return std::nullopt;
  if (is_scalar(i)) return Shape{esize, esize};
  return Shape{esize, bit(i, 30) ? 128u : 64u};
}

// Applies f(env, element) to each element and writes Vd and FPSR.
template <class Fn>
void convert_lanes(Cpu& cpu, uint32_t i, const Shape& s, Fn f) {
  fp::Env env{cpu.state().fpcr};
  const u128 r = lanes1(s, vreg(cpu, bits(i, 9, 5)), [&](uint64_t a) { return f(env, a); });
  cpu.state().fpsr |= env.flags;
  set_vreg(cpu, bits(i, 4, 0), r, s.datasize);
}

// The fixed-point forms' element size from immh: 1xxx D, 01xx S; 001x is
// half precision (FEAT_FP16) and 000x unallocated (0000 in the vector space
// is the modified-immediate group).
unsigned fixed_esize(unsigned immh) { return bit(immh, 3) ? 64 : bit(immh, 2) ? 32 : 0; }

}  // namespace

// FCVT[NPMZ][SU]: rounding = FPDecodeRounding(opcode<0>:size<1>); FCVTA[SU]
// (opcode 11100): ties away. FPToFixed with no fraction bits, per element.
void simd_fp_to_int(Cpu& cpu, uint32_t i) {
  using E = SimdFpToInt;
  const unsigned esize = 32u << E::get<'s'>(i);
  const auto s = fp_shape(i, esize);
  if (!s) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool is_unsigned = E::get<'u'>(i), ties_away = bits(i, 16, 12) == 0b11100;
  const fp::Rounding r = ties_away
                             ? fp::Rounding::kTieAway
                             : static_cast<fp::Rounding>((E::get<'o'>(i) << 1) | E::get<'a'>(i));
  convert_lanes(cpu, i, *s, [&](fp::Env& env, uint64_t a) {
    return fp::to_fixed(env, esize, a, 0, is_unsigned, esize, r);
  });
}

// SCVTF/UCVTF (integer): FixedToFP with no fraction bits, FPCR rounding.
void simd_int_to_fp(Cpu& cpu, uint32_t i) {
  using E = SimdIntToFp;
  const unsigned esize = 32u << E::get<'s'>(i);
  const auto s = fp_shape(i, esize);
  if (!s) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool is_unsigned = E::get<'u'>(i);
  convert_lanes(cpu, i, *s, [&](fp::Env& env, uint64_t a) {
    return fp::from_fixed(env, esize, a, esize, 0, is_unsigned);
  });
}

// SCVTF/UCVTF (fixed-point): fracbits = 2*esize - immh:immb.
void simd_fixed_to_fp(Cpu& cpu, uint32_t i) {
  using E = SimdFixedToFp;
  const unsigned esize = fixed_esize(E::get<'h'>(i));
  const auto s = esize ? fp_shape(i, esize) : std::nullopt;
  if (!s) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const unsigned fbits = 2 * esize - ((E::get<'h'>(i) << 3) | E::get<'b'>(i));
  const bool is_unsigned = E::get<'u'>(i);
  convert_lanes(cpu, i, *s, [&](fp::Env& env, uint64_t a) {
    return fp::from_fixed(env, esize, a, esize, fbits, is_unsigned);
  });
}

// FCVTZS/FCVTZU (fixed-point): round toward zero, fracbits as above.
void simd_fp_to_fixed(Cpu& cpu, uint32_t i) {
  using E = SimdFpToFixed;
  const unsigned esize = fixed_esize(E::get<'h'>(i));
  const auto s = esize ? fp_shape(i, esize) : std::nullopt;
  if (!s) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const unsigned fbits = 2 * esize - ((E::get<'h'>(i) << 3) | E::get<'b'>(i));
  const bool is_unsigned = E::get<'u'>(i);
  convert_lanes(cpu, i, *s, [&](fp::Env& env, uint64_t a) {
    return fp::to_fixed(env, esize, a, fbits, is_unsigned, esize, fp::Rounding::kZero);
  });
}

}  // namespace el2::insn
