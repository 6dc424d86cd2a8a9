// SIMD and floating point (Arm ARM C4.1.90-C4.1.91): the subset compilers and
// kernels emit for memcpy/memset, struct copies, register moves and simple
// integer vector code. The rest of the Advanced SIMD integer groups is in
// simd_int.h. Rows with no handler are known encodings that el2emu does
// not implement yet: they raise UNDEFINED and are listed as such in
// docs/ISA_COVERAGE.md. Everything else in the class falls to the catch-all row.
//
// Loads and stores of SIMD&FP registers belong to load_store.h.
#pragma once

#include <array>

#include "cpu/insn_def.h"

namespace el2::insn {

// Field letters: q=Q, u=U (or op), t=ftype, s=size, f=sf, r=rmode, o=opcode bit,
// i/j=imm5/imm4 (or imm8), a/b=abc/defgh, c=cmode, p=o2, m=Rm, n=Rn, d=Rd.

// Floating-point data-processing (1 source), opcode 000000 (C4.1.91.24).
using FmovReg = Enc<"00011110tt100000010000nnnnnddddd">;
// Conversion between floating-point and integer, opcode 11x (C4.1.91.29).
using FmovGen = Enc<"f0011110tt1rr11o000000nnnnnddddd">;
// Floating-point immediate, imm5 == 00000 (C4.1.91.27).
using FmovImm = Enc<"00011110tt1iiiiiiii10000000ddddd">;

// Advanced SIMD modified immediate (C4.1.91.16).
using ModImm = Enc<"0qu0111100000aaaccccp1bbbbbddddd">;

// Advanced SIMD copy (C4.1.91.10) and scalar copy (C4.1.91.5).
using DupElem = Enc<"0q001110000iiiii000001nnnnnddddd">;
using DupGen = Enc<"0q001110000iiiii000011nnnnnddddd">;
using InsGen = Enc<"01001110000iiiii000111nnnnnddddd">;
using Smov = Enc<"0q001110000iiiii001011nnnnnddddd">;
using Umov = Enc<"0q001110000iiiii001111nnnnnddddd">;
using InsElem = Enc<"01101110000iiiii0jjjj1nnnnnddddd">;
using DupScalar = Enc<"01011110000iiiii000001nnnnnddddd">;

// Advanced SIMD extract (C4.1.91.9).
using Ext = Enc<"0q101110000mmmmm0iiii0nnnnnddddd">;

// Advanced SIMD three same (C4.1.91.13): logical, ADD/SUB, compares.
using VecLogical = Enc<"0qu01110ss1mmmmm000111nnnnnddddd">;
using VecAddSub = Enc<"0qu01110ss1mmmmm100001nnnnnddddd">;
using VecCmpGtGe = Enc<"0qu01110ss1mmmmm0011o1nnnnnddddd">;
using VecCmeqTst = Enc<"0qu01110ss1mmmmm100011nnnnnddddd">;
// Advanced SIMD scalar three same (C4.1.91.4): ADD/SUB (D only).
using ScalarAddSub = Enc<"01u11110ss1mmmmm100001nnnnnddddd">;

// Advanced SIMD two-register miscellaneous (C4.1.91.14).
using VecCmpZeroAbsNeg = Enc<"0qu01110ss10000010oo10nnnnnddddd">;
using VecCntNotRbit = Enc<"0qu01110ss100000010110nnnnnddddd">;

// Advanced SIMD across lanes (C4.1.91.15).
using VecAddv = Enc<"0q001110ss110001101110nnnnnddddd">;
using VecMaxMinV = Enc<"0qu01110ss11000o101010nnnnnddddd">;

// Named groups el2emu does not implement (UNDEFINED; listed in ISA_COVERAGE.md).
using FpScalarAll = Enc<"-0-11110------------------------">;
using Fp3SourceAll = Enc<"-0-11111------------------------">;
using CryptoAes = Enc<"01001110--10100-----10----------">;
using CryptoSha3Reg = Enc<"01011110--0-----0---00----------">;
using CryptoSha2Reg = Enc<"01011110--10100-----10----------">;
using CryptoExt = Enc<"11001110------------------------">;
using SimdFpAll = Enc<"----111-------------------------">;

void fmov_reg(Cpu& cpu, uint32_t insn);
void fmov_gen(Cpu& cpu, uint32_t insn);
void fmov_imm(Cpu& cpu, uint32_t insn);
void mod_imm(Cpu& cpu, uint32_t insn);
void dup_elem(Cpu& cpu, uint32_t insn);
void dup_gen(Cpu& cpu, uint32_t insn);
void ins_gen(Cpu& cpu, uint32_t insn);
void smov(Cpu& cpu, uint32_t insn);
void umov(Cpu& cpu, uint32_t insn);
void ins_elem(Cpu& cpu, uint32_t insn);
void dup_scalar(Cpu& cpu, uint32_t insn);
void ext(Cpu& cpu, uint32_t insn);
void vec_logical(Cpu& cpu, uint32_t insn);
void vec_add_sub(Cpu& cpu, uint32_t insn);
void vec_cmp_gt_ge(Cpu& cpu, uint32_t insn);
void vec_cmeq_tst(Cpu& cpu, uint32_t insn);
void scalar_add_sub(Cpu& cpu, uint32_t insn);
void vec_cmp_zero_abs_neg(Cpu& cpu, uint32_t insn);
void vec_cnt_not_rbit(Cpu& cpu, uint32_t insn);
void vec_addv(Cpu& cpu, uint32_t insn);
void vec_max_min_v(Cpu& cpu, uint32_t insn);

namespace simd_fp_detail {
template <class E>
consteval InsnDef row(const char* name, Handler fn, int8_t priority = 0) {
  return def<E>(name, fn, Iclass::kSimdFp, OpClass::kFpSimd, Feature::kFp, priority);
}
}  // namespace simd_fp_detail

constexpr auto kSimdFpRows = std::to_array<InsnDef>({
    simd_fp_detail::row<FmovReg>("FMOV (register)", fmov_reg),
    simd_fp_detail::row<FmovGen>("FMOV (general)", fmov_gen),
    simd_fp_detail::row<FmovImm>("FMOV (scalar, immediate)", fmov_imm),
    // Priority 1: immh == 0000 of the shift-by-immediate space (simd_int.h).
    simd_fp_detail::row<ModImm>("MOVI/MVNI/ORR/BIC/FMOV (vector, immediate)", mod_imm, 1),
    simd_fp_detail::row<DupElem>("DUP (element)", dup_elem),
    simd_fp_detail::row<DupGen>("DUP (general)", dup_gen),
    simd_fp_detail::row<InsGen>("INS (general)", ins_gen),
    simd_fp_detail::row<Smov>("SMOV", smov),
    simd_fp_detail::row<Umov>("UMOV", umov),
    simd_fp_detail::row<InsElem>("INS (element)", ins_elem),
    simd_fp_detail::row<DupScalar>("DUP (element, scalar)", dup_scalar),
    simd_fp_detail::row<Ext>("EXT", ext),
    simd_fp_detail::row<VecLogical>("AND/BIC/ORR/ORN/EOR/BSL/BIT/BIF (vector)", vec_logical),
    simd_fp_detail::row<VecAddSub>("ADD/SUB (vector)", vec_add_sub),
    simd_fp_detail::row<VecCmpGtGe>("CMGT/CMGE/CMHI/CMHS (register)", vec_cmp_gt_ge),
    simd_fp_detail::row<VecCmeqTst>("CMEQ/CMTST (register)", vec_cmeq_tst),
    simd_fp_detail::row<ScalarAddSub>("ADD/SUB (scalar)", scalar_add_sub),
    simd_fp_detail::row<VecCmpZeroAbsNeg>("CMGT/CMGE/CMEQ/CMLE/CMLT (zero), ABS/NEG (vector)",
                                          vec_cmp_zero_abs_neg),
    simd_fp_detail::row<VecCntNotRbit>("CNT/NOT/RBIT (vector)", vec_cnt_not_rbit),
    simd_fp_detail::row<VecAddv>("ADDV", vec_addv),
    simd_fp_detail::row<VecMaxMinV>("SMAXV/SMINV/UMAXV/UMINV", vec_max_min_v),

    // What fp_scalar.h does not implement: half precision (FEAT_FP16),
    // FRINT32/64 (FEAT_FRINTTS), FJCVTZS (FEAT_JSCVT) and unallocated encodings.
    simd_fp_detail::row<FpScalarAll>(
        "Floating-point scalar: other encodings (FEAT_FP16, FEAT_FRINTTS; not implemented)",
        nullptr),
    simd_fp_detail::row<Fp3SourceAll>(
        "Floating-point data processing, 3 source: other encodings (not implemented)", nullptr),
    simd_fp_detail::row<CryptoAes>("Cryptographic AES (not implemented)", nullptr),
    simd_fp_detail::row<CryptoSha3Reg>("Cryptographic three-register SHA (not implemented)",
                                       nullptr),
    simd_fp_detail::row<CryptoSha2Reg>("Cryptographic two-register SHA (not implemented)", nullptr),
    simd_fp_detail::row<CryptoExt>("Cryptographic SHA512/SHA3/SM3/SM4 (not implemented)", nullptr),
    simd_fp_detail::row<SimdFpAll>(
        "SIMD&FP data processing: Advanced SIMD floating point and other vector operations "
        "(not implemented)",
        nullptr, -1),
});

}  // namespace el2::insn
