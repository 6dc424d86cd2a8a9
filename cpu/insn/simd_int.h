// Advanced SIMD integer data processing beyond the basic moves and compares of
// simd_fp.h (Arm ARM C4.1.95 "Data Processing -- Scalar Floating-Point and
// Advanced SIMD"): three same, three different, two-register miscellaneous,
// across lanes, pairwise, shift by immediate and permute, in their vector and
// scalar forms. One source file per group:
//   simd_three_same.cc      halving/saturating add and subtract, MAX/MIN,
//                           ABD/ABA, MUL/MLA/MLS/PMUL, SQDMULH/SQRDMULH
//   simd_shift_reg.cc       SSHL/USHL/SRSHL/URSHL/SQSHL/UQSHL/SQRSHL/UQRSHL
//   simd_pairwise.cc        ADDP, SMAXP/SMINP/UMAXP/UMINP, [SU]ADDLP/[SU]ADALP
//   simd_two_reg_misc.cc    REV*, CLS/CLZ, XTN/SQXTN/UQXTN/SQXTUN, SHLL,
//                           SQABS/SQNEG, SUQADD/USQADD
//   simd_across_lanes.cc    SADDLV/UADDLV
//   simd_three_different.cc widening and narrowing arithmetic
//   simd_shift_imm.cc       shifts by immediate
//   simd_permute.cc         UZP/TRN/ZIP, TBL/TBX
//
// The scalar forms are the same instructions on one element (bit 28 set, bit
// 30 set): their rows share the vector handlers, which take the shape from
// the encoding (simd_lanes.h shape_of). Encodings inside these groups that the
// rows do not name (floating-point opcodes, FEAT_RDM/FEAT_DotProd...) fall to
// the SIMD&FP catch-all row of simd_fp.h and stay UNDEFINED.
#pragma once

#include <array>

#include "cpu/insn_def.h"

namespace el2::insn {

// Field letters: q=Q, u=U, s=size, m=Rm, n=Rn, d=Rd, o=opcode, h=immh, b=immb,
// other lower-case letters are single opcode bits named in each row's comment.

// Field extractors the handlers decode with (the rows below name subsets).
using ThreeSame = Enc<"0qu01110ss1mmmmmooooo1nnnnnddddd">;
using ThreeDiff = Enc<"0qu01110ss1mmmmmoooo00nnnnnddddd">;
using TwoRegMisc = Enc<"0qu01110ss10000ooooo10nnnnnddddd">;
using ShiftImm = Enc<"0qu011110hhhhbbbooooo1nnnnnddddd">;
using Permute = Enc<"0q001110ss0mmmmm0ooo10nnnnnddddd">;
using TableLookup = Enc<"0q001110000mmmmm0llo00nnnnnddddd">;  // l=len, o=op (TBX).

// ---- Three same (C4.1.95.x "Advanced SIMD (scalar) three same") -------------
using VecHalvingAdd = Enc<"0qu01110ss1mmmmm000r01nnnnnddddd">;  // r: rounding.
using VecHalvingSub = Enc<"0qu01110ss1mmmmm001001nnnnnddddd">;
using VecSatAddSub = Enc<"0qu01110ss1mmmmm00o011nnnnnddddd">;  // o: subtract.
using ScalarSatAddSub = Enc<"01u11110ss1mmmmm00o011nnnnnddddd">;
using VecShiftReg = Enc<"0qu01110ss1mmmmm010ra1nnnnnddddd">;  // r: rounding, a: saturating.
using ScalarShiftReg = Enc<"01u11110ss1mmmmm010ra1nnnnnddddd">;
using VecMaxMin = Enc<"0qu01110ss1mmmmm0110o1nnnnnddddd">;  // o: minimum.
using VecAbd = Enc<"0qu01110ss1mmmmm0111a1nnnnnddddd">;     // a: accumulate.
using VecMlaMls = Enc<"0qu01110ss1mmmmm100101nnnnnddddd">;
using VecMulPmul = Enc<"0qu01110ss1mmmmm100111nnnnnddddd">;
using VecMaxMinP = Enc<"0qu01110ss1mmmmm1010o1nnnnnddddd">;  // o: minimum.
using VecSqdmulh = Enc<"0qu01110ss1mmmmm101101nnnnnddddd">;
using ScalarSqdmulh = Enc<"01u11110ss1mmmmm101101nnnnnddddd">;
using VecAddp = Enc<"0q001110ss1mmmmm101111nnnnnddddd">;
// Scalar forms of the compares of simd_fp.h (D only).
using ScalarCmpGtGe = Enc<"01u11110ss1mmmmm0011o1nnnnnddddd">;
using ScalarCmeqTst = Enc<"01u11110ss1mmmmm100011nnnnnddddd">;

// ---- Three different (C4.1.95.x "Advanced SIMD three different") ------------
using VecAddSubLong = Enc<"0qu01110ss1mmmmm00ow00nnnnnddddd">;  // o: subtract, w: wide.
using VecAddSubHn = Enc<"0qu01110ss1mmmmm01o000nnnnnddddd">;    // o: subtract; U: rounding.
using VecAbdl = Enc<"0qu01110ss1mmmmm01x100nnnnnddddd">;        // x: 0 ABAL, 1 ABDL.
using VecMlal = Enc<"0qu01110ss1mmmmm10o000nnnnnddddd">;        // o: MLSL.
using VecMull = Enc<"0qu01110ss1mmmmm110000nnnnnddddd">;
using VecSqdmlal = Enc<"0q001110ss1mmmmm10o100nnnnnddddd">;  // o: SQDMLSL.
using VecSqdmull = Enc<"0q001110ss1mmmmm110100nnnnnddddd">;
using VecPmull8 = Enc<"0q001110001mmmmm111000nnnnnddddd">;
using VecPmull64 = Enc<"0q001110111mmmmm111000nnnnnddddd">;

// ---- Two-register miscellaneous ---------------------------------------------
using VecRev = Enc<"0qu01110ss100000000o10nnnnnddddd">;    // o: o0 (REV16).
using VecAddlp = Enc<"0qu01110ss1000000a1010nnnnnddddd">;  // a: accumulate (ADALP).
using VecSatAccum = Enc<"0qu01110ss100000001110nnnnnddddd">;
using ScalarSatAccum = Enc<"01u11110ss100000001110nnnnnddddd">;
using VecClsClz = Enc<"0qu01110ss100000010010nnnnnddddd">;
using VecSqabsSqneg = Enc<"0qu01110ss100000011110nnnnnddddd">;
using ScalarSqabsSqneg = Enc<"01u11110ss100000011110nnnnnddddd">;
using ScalarCmpZeroAbsNeg = Enc<"01u11110ss10000010oo10nnnnnddddd">;
using VecXtn = Enc<"0qu01110ss100001001010nnnnnddddd">;  // U=0 XTN, U=1 SQXTUN.
using ScalarSqxtun = Enc<"01111110ss100001001010nnnnnddddd">;
using VecShll = Enc<"0q101110ss100001001110nnnnnddddd">;
using VecSqxtn = Enc<"0qu01110ss100001010010nnnnnddddd">;
using ScalarSqxtn = Enc<"01u11110ss100001010010nnnnnddddd">;

// ---- Across lanes and scalar pairwise -----------------------------------------
using VecAddlv = Enc<"0qu01110ss110000001110nnnnnddddd">;
using ScalarAddp = Enc<"01011110ss110001101110nnnnnddddd">;

// ---- Shift by immediate (immh == 0000 is the modified-immediate group) -------
using VecShrImm = Enc<"0qu011110hhhhbbb00ra01nnnnnddddd">;  // r: rounding, a: accumulate.
using ScalarShrImm = Enc<"01u111110hhhhbbb00ra01nnnnnddddd">;
using VecSri = Enc<"0q1011110hhhhbbb010001nnnnnddddd">;
using ScalarSri = Enc<"011111110hhhhbbb010001nnnnnddddd">;
using VecShlSli = Enc<"0qu011110hhhhbbb010101nnnnnddddd">;
using ScalarShlSli = Enc<"01u111110hhhhbbb010101nnnnnddddd">;
using VecSqshlu = Enc<"0q1011110hhhhbbb011001nnnnnddddd">;
using ScalarSqshlu = Enc<"011111110hhhhbbb011001nnnnnddddd">;
using VecQshlImm = Enc<"0qu011110hhhhbbb011101nnnnnddddd">;
using ScalarQshlImm = Enc<"01u111110hhhhbbb011101nnnnnddddd">;
using VecShrn = Enc<"0qu011110hhhhbbb1000r1nnnnnddddd">;  // U=0 (R)SHRN, U=1 SQ(R)SHRUN.
using ScalarSqshrun = Enc<"011111110hhhhbbb1000r1nnnnnddddd">;
using VecQshrn = Enc<"0qu011110hhhhbbb1001r1nnnnnddddd">;
using ScalarQshrn = Enc<"01u111110hhhhbbb1001r1nnnnnddddd">;
using VecShllImm = Enc<"0qu011110hhhhbbb101001nnnnnddddd">;

// ---- Permute and table lookup -------------------------------------------------
using VecUzp = Enc<"0q001110ss0mmmmm0p0110nnnnnddddd">;  // p: part (UZP2).
using VecTrn = Enc<"0q001110ss0mmmmm0p1010nnnnnddddd">;
using VecZip = Enc<"0q001110ss0mmmmm0p1110nnnnnddddd">;

void three_same_halving(Cpu& cpu, uint32_t insn);
void three_same_sat_add_sub(Cpu& cpu, uint32_t insn);
void three_same_shift(Cpu& cpu, uint32_t insn);
void three_same_max_min(Cpu& cpu, uint32_t insn);
void three_same_abd(Cpu& cpu, uint32_t insn);
void three_same_mla_mls(Cpu& cpu, uint32_t insn);
void three_same_mul_pmul(Cpu& cpu, uint32_t insn);
void three_same_sqdmulh(Cpu& cpu, uint32_t insn);
void pairwise_max_min(Cpu& cpu, uint32_t insn);
void pairwise_add(Cpu& cpu, uint32_t insn);
void scalar_addp(Cpu& cpu, uint32_t insn);
void pairwise_add_long(Cpu& cpu, uint32_t insn);
void three_diff_add_sub_long(Cpu& cpu, uint32_t insn);
void three_diff_add_sub_hn(Cpu& cpu, uint32_t insn);
void three_diff_abdl(Cpu& cpu, uint32_t insn);
void three_diff_mull(Cpu& cpu, uint32_t insn);
void three_diff_sqdmull(Cpu& cpu, uint32_t insn);
void three_diff_pmull(Cpu& cpu, uint32_t insn);
void misc_rev(Cpu& cpu, uint32_t insn);
void misc_sat_accum(Cpu& cpu, uint32_t insn);
void misc_cls_clz(Cpu& cpu, uint32_t insn);
void misc_sqabs_sqneg(Cpu& cpu, uint32_t insn);
void misc_xtn(Cpu& cpu, uint32_t insn);
void misc_shll(Cpu& cpu, uint32_t insn);
void across_addlv(Cpu& cpu, uint32_t insn);
void shift_imm_right(Cpu& cpu, uint32_t insn);
void shift_imm_sri(Cpu& cpu, uint32_t insn);
void shift_imm_shl_sli(Cpu& cpu, uint32_t insn);
void shift_imm_sat_left(Cpu& cpu, uint32_t insn);
void shift_imm_narrow(Cpu& cpu, uint32_t insn);
void shift_imm_long(Cpu& cpu, uint32_t insn);
void permute_uzp(Cpu& cpu, uint32_t insn);
void permute_trn(Cpu& cpu, uint32_t insn);
void permute_zip(Cpu& cpu, uint32_t insn);
void table_lookup(Cpu& cpu, uint32_t insn);
// simd_fp_vector_int.cc (vector and scalar).
void vec_cmp_gt_ge(Cpu& cpu, uint32_t insn);
void vec_cmeq_tst(Cpu& cpu, uint32_t insn);
void vec_cmp_zero_abs_neg(Cpu& cpu, uint32_t insn);

namespace simd_int_detail {
template <class E>
consteval InsnDef row(const char* name, Handler fn) {
  return def<E>(name, fn, Iclass::kSimdFp, OpClass::kFpSimd, Feature::kFp);
}
}  // namespace simd_int_detail

constexpr auto kSimdIntRows = [] {
  using simd_int_detail::row;
  return std::to_array<InsnDef>({
      // Three same.
      row<VecHalvingAdd>("SHADD/UHADD/SRHADD/URHADD", three_same_halving),
      row<VecHalvingSub>("SHSUB/UHSUB", three_same_halving),
      row<VecSatAddSub>("SQADD/UQADD/SQSUB/UQSUB (vector)", three_same_sat_add_sub),
      row<ScalarSatAddSub>("SQADD/UQADD/SQSUB/UQSUB (scalar)", three_same_sat_add_sub),
      row<VecShiftReg>("SSHL/USHL/SRSHL/URSHL/SQSHL/UQSHL/SQRSHL/UQRSHL (register, vector)",
                       three_same_shift),
      row<ScalarShiftReg>("SSHL/USHL/SRSHL/URSHL/SQSHL/UQSHL/SQRSHL/UQRSHL (register, scalar)",
                          three_same_shift),
      row<VecMaxMin>("SMAX/SMIN/UMAX/UMIN", three_same_max_min),
      row<VecAbd>("SABD/UABD/SABA/UABA", three_same_abd),
      row<VecMlaMls>("MLA/MLS (vector)", three_same_mla_mls),
      row<VecMulPmul>("MUL/PMUL (vector)", three_same_mul_pmul),
      row<VecMaxMinP>("SMAXP/SMINP/UMAXP/UMINP", pairwise_max_min),
      row<VecSqdmulh>("SQDMULH/SQRDMULH (vector)", three_same_sqdmulh),
      row<ScalarSqdmulh>("SQDMULH/SQRDMULH (scalar)", three_same_sqdmulh),
      row<VecAddp>("ADDP (vector)", pairwise_add),
      row<ScalarCmpGtGe>("CMGT/CMGE/CMHI/CMHS (register, scalar)", vec_cmp_gt_ge),
      row<ScalarCmeqTst>("CMEQ/CMTST (register, scalar)", vec_cmeq_tst),
      // Three different.
      row<VecAddSubLong>("SADDL/UADDL/SSUBL/USUBL/SADDW/UADDW/SSUBW/USUBW",
                         three_diff_add_sub_long),
      row<VecAddSubHn>("ADDHN/RADDHN/SUBHN/RSUBHN", three_diff_add_sub_hn),
      row<VecAbdl>("SABAL/UABAL/SABDL/UABDL", three_diff_abdl),
      row<VecMlal>("SMLAL/UMLAL/SMLSL/UMLSL (vector)", three_diff_mull),
      row<VecMull>("SMULL/UMULL (vector)", three_diff_mull),
      row<VecSqdmlal>("SQDMLAL/SQDMLSL (vector)", three_diff_sqdmull),
      row<VecSqdmull>("SQDMULL (vector)", three_diff_sqdmull),
      row<VecPmull8>("PMULL (8-bit elements)", three_diff_pmull),
      row<VecPmull64>("PMULL (64-bit elements, FEAT_PMULL, not implemented)", nullptr),
      // Two-register miscellaneous.
      row<VecRev>("REV64/REV32/REV16 (vector)", misc_rev),
      row<VecAddlp>("SADDLP/UADDLP/SADALP/UADALP", pairwise_add_long),
      row<VecSatAccum>("SUQADD/USQADD (vector)", misc_sat_accum),
      row<ScalarSatAccum>("SUQADD/USQADD (scalar)", misc_sat_accum),
      row<VecClsClz>("CLS/CLZ (vector)", misc_cls_clz),
      row<VecSqabsSqneg>("SQABS/SQNEG (vector)", misc_sqabs_sqneg),
      row<ScalarSqabsSqneg>("SQABS/SQNEG (scalar)", misc_sqabs_sqneg),
      row<ScalarCmpZeroAbsNeg>("CMGT/CMGE/CMEQ/CMLE/CMLT (zero), ABS/NEG (scalar)",
                               vec_cmp_zero_abs_neg),
      row<VecXtn>("XTN/SQXTUN (vector)", misc_xtn),
      row<ScalarSqxtun>("SQXTUN (scalar)", misc_xtn),
      row<VecSqxtn>("SQXTN/UQXTN (vector)", misc_xtn),
      row<ScalarSqxtn>("SQXTN/UQXTN (scalar)", misc_xtn),
      row<VecShll>("SHLL", misc_shll),
      // Across lanes, scalar pairwise.
      row<VecAddlv>("SADDLV/UADDLV", across_addlv),
      row<ScalarAddp>("ADDP (scalar)", scalar_addp),
      // Shift by immediate.
      row<VecShrImm>("SSHR/USHR/SRSHR/URSHR/SSRA/USRA/SRSRA/URSRA (vector)", shift_imm_right),
      row<ScalarShrImm>("SSHR/USHR/SRSHR/URSHR/SSRA/USRA/SRSRA/URSRA (scalar)", shift_imm_right),
      row<VecSri>("SRI (vector)", shift_imm_sri),
      row<ScalarSri>("SRI (scalar)", shift_imm_sri),
      row<VecShlSli>("SHL/SLI (vector)", shift_imm_shl_sli),
      row<ScalarShlSli>("SHL/SLI (scalar)", shift_imm_shl_sli),
      row<VecSqshlu>("SQSHLU (vector)", shift_imm_sat_left),
      row<ScalarSqshlu>("SQSHLU (scalar)", shift_imm_sat_left),
      row<VecQshlImm>("SQSHL/UQSHL (immediate, vector)", shift_imm_sat_left),
      row<ScalarQshlImm>("SQSHL/UQSHL (immediate, scalar)", shift_imm_sat_left),
      row<VecShrn>("SHRN/RSHRN/SQSHRUN/SQRSHRUN (vector)", shift_imm_narrow),
      row<ScalarSqshrun>("SQSHRUN/SQRSHRUN (scalar)", shift_imm_narrow),
      row<VecQshrn>("SQSHRN/UQSHRN/SQRSHRN/UQRSHRN (vector)", shift_imm_narrow),
      row<ScalarQshrn>("SQSHRN/UQSHRN/SQRSHRN/UQRSHRN (scalar)", shift_imm_narrow),
      row<VecShllImm>("SSHLL/USHLL (SXTL/UXTL)", shift_imm_long),
      // Permute and table lookup.
      row<VecUzp>("UZP1/UZP2", permute_uzp),
      row<VecTrn>("TRN1/TRN2", permute_trn),
      row<VecZip>("ZIP1/ZIP2", permute_zip),
      row<TableLookup>("TBL/TBX (1-4 registers)", table_lookup),
  });
}();

}  // namespace el2::insn
