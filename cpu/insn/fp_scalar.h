// Scalar floating point in single and double precision (Arm ARM C4.1.95
// "Floating-point data-processing", "compare", "conditional compare",
// "conditional select", "conversion between floating-point and integer/
// fixed-point") and the Advanced SIMD conversions between floating point and
// integers (two-register misc and shift-by-immediate FCVT*/SCVTF/UCVTF).
// Sources, one group each:
//   fp_data_proc.cc     FABS/FNEG/FSQRT, FCVT (precision), FRINT*, the
//                       2-source and 3-source arithmetic
//   fp_compare_select.cc FCMP/FCMPE, FCCMP/FCCMPE, FCSEL
//   fp_convert.cc       FCVT[NPMZA][SU], SCVTF/UCVTF to and from general
//                       registers (integer and fixed-point)
//   simd_fp_convert.cc  the same conversions on SIMD&FP registers (vector and
//                       scalar forms)
// The arithmetic itself is fp_ops.h (the Arm ARM's FPAdd, FPRound... on the
// host's IEEE unit). Half precision (ftype = 11) needs FEAT_FP16, which the
// models do not have: UNDEFINED, except as the source or destination of FCVT.
// What these rows do not name stays with the catch-all rows of simd_fp.h.
#pragma once

#include <array>

#include "cpu/insn_def.h"

namespace el2::insn {

// Field letters: t=ftype, o=opcode, m/n/d/a = Rm/Rn/Rd/Ra, c=cond, f=sf (or
// nzcv), r=rmode, S=scale, q=Q, u=U, s=sz, h=immh, b=immb.
using FpDp1 = Enc<"00011110tt1oooooo10000nnnnnddddd">;  // Field extractor.
using FpAbsNegSqrt = Enc<"00011110tt10000oo10000nnnnnddddd">;
using FpCvtPrecision = Enc<"00011110tt10001oo10000nnnnnddddd">;
using FpRoundInt = Enc<"00011110tt1001ooo10000nnnnnddddd">;
using FpDp2 = Enc<"00011110tt1mmmmmoooo10nnnnnddddd">;
using FpCompare = Enc<"00011110tt1mmmmm001000nnnnnez000">;      // e: FCMPE, z: with #0.0.
using FpCondCompare = Enc<"00011110tt1mmmmmcccc01nnnnneffff">;  // e: FCCMPE, f: nzcv.
using FpCondSelect = Enc<"00011110tt1mmmmmcccc11nnnnnddddd">;
using FpDp3 = Enc<"00011111ttommmmmpaaaaannnnnddddd">;  // o: o1, p: o0.
using FpFixedConv = Enc<"f0011110tt0rr0ooSSSSSSnnnnnddddd">;
using FpIntConv = Enc<"f0011110tt1rr0oo000000nnnnnddddd">;
using FpIntConvA = Enc<"f0011110tt1rr10o000000nnnnnddddd">;  // FCVTAS/FCVTAU.

// Advanced SIMD (vector and scalar): a = size<1>, s = sz; o = opcode<0>.
using SimdFpToInt = Enc<"0qu01110as100001101o10nnnnnddddd">;  // FCVT[NMPZ][SU]
using ScalarFpToInt = Enc<"01u11110as100001101o10nnnnnddddd">;
using SimdFpToIntA = Enc<"0qu011100s100001110010nnnnnddddd">;  // FCVTA[SU]
using ScalarFpToIntA = Enc<"01u111100s100001110010nnnnnddddd">;
using SimdIntToFp = Enc<"0qu011100s100001110110nnnnnddddd">;  // SCVTF/UCVTF
using ScalarIntToFp = Enc<"01u111100s100001110110nnnnnddddd">;
using SimdFixedToFp = Enc<"0qu011110hhhhbbb111001nnnnnddddd">;  // SCVTF/UCVTF (fixed)
using ScalarFixedToFp = Enc<"01u111110hhhhbbb111001nnnnnddddd">;
using SimdFpToFixed = Enc<"0qu011110hhhhbbb111111nnnnnddddd">;  // FCVTZS/FCVTZU (fixed)
using ScalarFpToFixed = Enc<"01u111110hhhhbbb111111nnnnnddddd">;

void fp_abs_neg_sqrt(Cpu& cpu, uint32_t insn);
void fp_cvt_precision(Cpu& cpu, uint32_t insn);
void fp_round_int(Cpu& cpu, uint32_t insn);
void fp_dp2(Cpu& cpu, uint32_t insn);
void fp_dp3(Cpu& cpu, uint32_t insn);
void fp_compare(Cpu& cpu, uint32_t insn);
void fp_cond_compare(Cpu& cpu, uint32_t insn);
void fp_cond_select(Cpu& cpu, uint32_t insn);
void fp_fixed_conv(Cpu& cpu, uint32_t insn);
void fp_int_conv(Cpu& cpu, uint32_t insn);
void simd_fp_to_int(Cpu& cpu, uint32_t insn);
void simd_int_to_fp(Cpu& cpu, uint32_t insn);
void simd_fixed_to_fp(Cpu& cpu, uint32_t insn);
void simd_fp_to_fixed(Cpu& cpu, uint32_t insn);

namespace fp_scalar_detail {
template <class E>
consteval InsnDef row(const char* name, Handler fn) {
  return def<E>(name, fn, Iclass::kSimdFp, OpClass::kFpSimd, Feature::kFp);
}
}  // namespace fp_scalar_detail

constexpr auto kFpScalarRows = [] {
  using fp_scalar_detail::row;
  return std::to_array<InsnDef>({
      row<FpAbsNegSqrt>("FABS/FNEG/FSQRT (scalar)", fp_abs_neg_sqrt),
      row<FpCvtPrecision>("FCVT (scalar, between precisions)", fp_cvt_precision),
      row<FpRoundInt>("FRINTN/FRINTP/FRINTM/FRINTZ/FRINTA/FRINTX/FRINTI (scalar)", fp_round_int),
      row<FpDp2>("FMUL/FDIV/FADD/FSUB/FMAX/FMIN/FMAXNM/FMINNM/FNMUL (scalar)", fp_dp2),
      row<FpCompare>("FCMP/FCMPE", fp_compare),
      row<FpCondCompare>("FCCMP/FCCMPE", fp_cond_compare),
      row<FpCondSelect>("FCSEL", fp_cond_select),
      row<FpDp3>("FMADD/FMSUB/FNMADD/FNMSUB", fp_dp3),
      row<FpFixedConv>("FCVTZS/FCVTZU/SCVTF/UCVTF (scalar, fixed-point)", fp_fixed_conv),
      row<FpIntConv>("FCVTNS/FCVTNU/FCVTPS/FCVTPU/FCVTMS/FCVTMU/FCVTZS/FCVTZU/SCVTF/UCVTF "
                     "(scalar, integer)",
                     fp_int_conv),
      row<FpIntConvA>("FCVTAS/FCVTAU (scalar, integer)", fp_int_conv),
      row<SimdFpToInt>("FCVTNS/FCVTNU/FCVTPS/FCVTPU/FCVTMS/FCVTMU/FCVTZS/FCVTZU (vector, integer)",
                       simd_fp_to_int),
      row<ScalarFpToInt>(
          "FCVTNS/FCVTNU/FCVTPS/FCVTPU/FCVTMS/FCVTMU/FCVTZS/FCVTZU (AdvSIMD scalar, integer)",
          simd_fp_to_int),
      row<SimdFpToIntA>("FCVTAS/FCVTAU (vector)", simd_fp_to_int),
      row<ScalarFpToIntA>("FCVTAS/FCVTAU (AdvSIMD scalar)", simd_fp_to_int),
      row<SimdIntToFp>("SCVTF/UCVTF (vector, integer)", simd_int_to_fp),
      row<ScalarIntToFp>("SCVTF/UCVTF (AdvSIMD scalar, integer)", simd_int_to_fp),
      row<SimdFixedToFp>("SCVTF/UCVTF (vector, fixed-point)", simd_fixed_to_fp),
      row<ScalarFixedToFp>("SCVTF/UCVTF (AdvSIMD scalar, fixed-point)", simd_fixed_to_fp),
      row<SimdFpToFixed>("FCVTZS/FCVTZU (vector, fixed-point)", simd_fp_to_fixed),
      row<ScalarFpToFixed>("FCVTZS/FCVTZU (AdvSIMD scalar, fixed-point)", simd_fp_to_fixed),
  });
}();

}  // namespace el2::insn
