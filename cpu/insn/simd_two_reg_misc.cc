// Advanced SIMD two-register miscellaneous, integer (Arm ARM C7.2 REV64,
// REV32, REV16, CLS, CLZ, SUQADD, USQADD, SQABS, SQNEG, XTN, SQXTN, UQXTN,
// SQXTUN, SHLL), vector and scalar forms. CNT/NOT/RBIT, ABS/NEG and the
// compares with zero are in simd_fp_vector_int.cc; SADDLP and friends in
// simd_pairwise.cc.
#include <bit>

#include "cpu/insn/fp_access.h"
#include "cpu/insn/simd_int.h"
#include "cpu/insn/simd_lanes.h"

namespace el2::insn {

namespace {
using E = TwoRegMisc;
}  // namespace

// REV64 (U=0, o0=0), REV32 (U=1, o0=0), REV16 (U=0, o0=1): reverse the
// elements inside each container of 64 >> op bits, op = o0:U. Elements as
// large as the container are UNDEFINED.
void misc_rev(Cpu& cpu, uint32_t i) {
  const unsigned size = E::get<'s'>(i);
  const unsigned op = (bit(E::get<'o'>(i), 0) << 1) | E::get<'u'>(i);
  if (op + size >= 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const Shape s = shape_of(i, size);
  const unsigned per_container = (64u >> op) / s.esize;
  const u128 n = vreg(cpu, E::get<'n'>(i));
  u128 r = 0;
  for (unsigned e = 0; e < s.elements(); ++e)
    r = with_elem(r, e ^ (per_container - 1), s.esize, elem(n, e, s.esize));
  set_vreg(cpu, E::get<'d'>(i), r, s.datasize);
}

// SUQADD (U=0): signed saturating Vd + unsigned Vn; USQADD (U=1): unsigned
// saturating Vd + signed Vn.
void misc_sat_accum(Cpu& cpu, uint32_t i) {
  const unsigned size = E::get<'s'>(i);
  if (vector_1d(i, size)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool u = E::get<'u'>(i);
  const Shape s = shape_of(i, size);
  const unsigned d = E::get<'d'>(i);
  const u128 r = lanes2(s, vreg(cpu, E::get<'n'>(i)), vreg(cpu, d), [&](uint64_t a, uint64_t acc) {
    return sat_q(cpu, to_int(a, s.esize, !u) + to_int(acc, s.esize, u), s.esize, u);
  });
  set_vreg(cpu, d, r, s.datasize);
}

// CLS (U=0): CountLeadingSignBits; CLZ (U=1): CountLeadingZeroBits.
void misc_cls_clz(Cpu& cpu, uint32_t i) {
  const unsigned size = E::get<'s'>(i);
  if (size == 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool clz = E::get<'u'>(i);
  const Shape s = shape_of(i, size);
  const u128 r = lanes1(s, vreg(cpu, E::get<'n'>(i)), [&](uint64_t a) -> uint64_t {
    const unsigned lead_zeros = std::countl_zero(a) - (64 - s.esize);
    if (clz) return lead_zeros;
    // CountLeadingSignBits(x) = CountLeadingZeroBits(x<N-1:1> EOR x<N-2:0>).
    const uint64_t x = (a >> 1) ^ (a & ones(s.esize - 1));
    return std::countl_zero(x) - (64 - (s.esize - 1));
  });
  set_vreg(cpu, E::get<'d'>(i), r, s.datasize);
}

// SQABS (U=0) / SQNEG (U=1): saturating; Abs(-2^(esize-1)) saturates.
void misc_sqabs_sqneg(Cpu& cpu, uint32_t i) {
  const unsigned size = E::get<'s'>(i);
  if (vector_1d(i, size)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool neg = E::get<'u'>(i);
  const Shape s = shape_of(i, size);
  const u128 r = lanes1(s, vreg(cpu, E::get<'n'>(i)), [&](uint64_t a) {
    const i128 x = to_int(a, s.esize, false);
    return sat_q(cpu, neg ? -x : (x < 0 ? -x : x), s.esize, false);
  });
  set_vreg(cpu, E::get<'d'>(i), r, s.datasize);
}

// XTN (U=0, opcode 10010), SQXTUN (U=1, 10010), SQXTN/UQXTN (U=0/1, 10100):
// each 2*esize element of Vn narrowed to esize, truncated or saturated, into
// Vpart[d, Q] (the "2" forms keep the lower half). The scalar forms narrow one
// element into the zeroed register.
void misc_xtn(Cpu& cpu, uint32_t i) {
  const unsigned size = E::get<'s'>(i);
  if (size == 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool u = E::get<'u'>(i), xtn_group = E::get<'o'>(i) == 0b10010;
  const bool truncate_only = xtn_group && !u;  // XTN
  const bool src_unsigned = !xtn_group && u;   // UQXTN; SQXTN and SQXTUN read signed.
  const bool dst_unsigned = u;                 // UQXTN, SQXTUN
  const unsigned esize = 8u << size;
  const unsigned elements = is_scalar(i) ? 1 : 64 / esize;
  const u128 n = vreg(cpu, E::get<'n'>(i));
  uint64_t result = 0;
  for (unsigned e = 0; e < elements; ++e) {
    const uint64_t wide = elem(n, e, 2 * esize);
    const uint64_t narrow =
        truncate_only ? wide
                      : sat_q(cpu, to_int(wide, 2 * esize, src_unsigned), esize, dst_unsigned);
    result |= (narrow & ones(esize)) << (e * esize);
  }
  set_vpart(cpu, E::get<'d'>(i), is_scalar(i) ? 0 : E::get<'q'>(i), result);
}

// SHLL/SHLL2: Vpart[n, Q] elements widened and shifted left by esize.
void misc_shll(Cpu& cpu, uint32_t i) {
  const unsigned size = E::get<'s'>(i);
  if (size == 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const unsigned esize = 8u << size;
  const uint64_t n = vpart(cpu, E::get<'n'>(i), E::get<'q'>(i));
  u128 r = 0;
  for (unsigned e = 0; e < 64 / esize; ++e)
    r = with_elem(r, e, 2 * esize, elem(n, e, esize) << esize);
  set_vreg(cpu, E::get<'d'>(i), r);
}

}  // namespace el2::insn
