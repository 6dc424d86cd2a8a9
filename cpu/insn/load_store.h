// Loads and stores (Arm ARM C4.1.88): general-purpose and SIMD&FP registers.
//
// Sources: load_store.cc (single register), load_store_pair.cc (LDP/STP),
// load_store_exclusive.cc (exclusives, LDAR/STLR), load_store_atomic.cc (LSE),
// load_store_simd.cc (SIMD&FP registers and LD1/ST1), simd_load_store_structures.cc
// (LD2-LD4/ST2-ST4, single structures, LD1R-LD4R).
//
// Not implemented, and UNDEFINED on purpose:
//  - Rows with a nullptr handler below (LDLAR/STLLR, LDAPR).
//  - No row at all, so the decoder raises UNDEFINED: memory tagging (LDG/STG/
//    STZG/ST2G/LDGM/STGM..., STGP is caught as an unallocated pair opc),
//    pointer authentication LDRAA/LDRAB, RCpc LDAPUR/STLUR (FEAT_LRCPC2), LDAPR
//    variants of v8.3 aside from the named row, LD64B/ST64B, CPY/SET (FEAT_MOPS),
//    LSE128/LRCPC3 and the exclusive/CAS encodings whose Rt2 is not 0b11111.
#pragma once

#include <array>

#include "cpu/insn_def.h"

namespace el2::insn {

// Field letters: s=size, o=opc, i=imm, w=index mode (imm9 forms), p=index mode
// (pairs), n=Rn, t=Rt, m=Rm (or Rt2 for pairs), x=option, S=S, L=load, r=Rs,
// a=o0 (acquire/release), A/R = LSE acquire/release, q=Q, c=opcode, z=size.
//
// The handlers decode with the general pattern; rows with the load/store bit
// fixed to "store" are more specific and only there to give stores OpClass::kStore.

// ---- General-purpose registers, single register ---------------------------
using LdStUImm = Enc<"ss111001ooiiiiiiiiiiiinnnnnttttt">;
using StUImm = Enc<"ss11100100iiiiiiiiiiiinnnnnttttt">;
using LdStImm9 = Enc<"ss111000oo0iiiiiiiiiwwnnnnnttttt">;
using StImm9 = Enc<"ss111000000iiiiiiiiiwwnnnnnttttt">;
using LdStReg = Enc<"ss111000oo1mmmmmxxxS10nnnnnttttt">;
using StReg = Enc<"ss111000001mmmmmxxxS10nnnnnttttt">;
using LdrLiteral = Enc<"oo011000iiiiiiiiiiiiiiiiiiittttt">;

// ---- General-purpose pairs -------------------------------------------------
using LdStPair = Enc<"oo10100ppLiiiiiiimmmmmnnnnnttttt">;
using StPair = Enc<"oo10100pp0iiiiiiimmmmmnnnnnttttt">;

// ---- Exclusives, load-acquire/store-release, compare and swap --------------
using ExclReg = Enc<"ss0010000L0rrrrra-----nnnnnttttt">;  // Rt2 is (1)(1)(1)(1)(1): ignored.
using StExclReg = Enc<"ss001000000rrrrra-----nnnnnttttt">;
using ExclPair = Enc<"1s0010000L1rrrrrammmmmnnnnnttttt">;
using StExclPair = Enc<"1s001000001rrrrrammmmmnnnnnttttt">;
using Ordered = Enc<"ss0010001L0-----1-----nnnnnttttt">;  // LDAR/STLR (o0 = 1).
using StOrdered = Enc<"ss001000100-----1-----nnnnnttttt">;
using LorOrdered = Enc<"ss0010001-0-----0---------------">;  // LDLAR/STLLR (FEAT_LOR).
using Cas = Enc<"ss0010001L1rrrrra11111nnnnnttttt">;
using Casp = Enc<"0s0010000L1rrrrra11111nnnnnttttt">;

// ---- LSE atomic memory operations -----------------------------------------
using AtomicOp = Enc<"ss111000AR1rrrrr0ooo00nnnnnttttt">;
using Swp = Enc<"ss111000AR1rrrrr100000nnnnnttttt">;
using Ldapr = Enc<"ss11100010111111110000----------">;

// ---- SIMD&FP registers ------------------------------------------------------
using FpUImm = Enc<"ss111101ooiiiiiiiiiiiinnnnnttttt">;
using FpStUImm = Enc<"--111101-0----------------------">;
using FpImm9 = Enc<"ss111100oo0iiiiiiiiiwwnnnnnttttt">;
using FpStImm9 = Enc<"--111100-00---------------------">;
using FpReg = Enc<"ss111100oo1mmmmmxxxS10nnnnnttttt">;
using FpStReg = Enc<"--111100-01---------10----------">;
using FpLiteral = Enc<"oo011100iiiiiiiiiiiiiiiiiiittttt">;
using FpPair = Enc<"oo10110ppLiiiiiiimmmmmnnnnnttttt">;
using FpStPair = Enc<"--10110--0----------------------">;
using Ld1Multi = Enc<"0q0011000L000000cccczznnnnnttttt">;
using St1Multi = Enc<"0-00110000000000----------------">;
using Ld1MultiPost = Enc<"0q0011001L0mmmmmcccczznnnnnttttt">;
using St1MultiPost = Enc<"0-001100100---------------------">;
using LdNMulti24 = Enc<"0-0011000-000000-000------------">;  // opcode 0000 LD4, 1000 LD2.
using StNMulti24 = Enc<"0-00110000000000-000------------">;
using LdNMulti3 = Enc<"0-0011000-0000000100------------">;
using StNMulti3 = Enc<"0-001100000000000100------------">;
using LdNMultiPost24 = Enc<"0-0011001-0------000------------">;
using StNMultiPost24 = Enc<"0-001100100------000------------">;
using LdNMultiPost3 = Enc<"0-0011001-0-----0100------------">;
using StNMultiPost3 = Enc<"0-001100100-----0100------------">;
// Single structure (r=R, o=opcode, S=S, z=size); the no-offset forms need
// bits 20:16 = 00000. Replicating loads (opcode 11x) have their own rows.
using LdStSingle = Enc<"0q0011010Lr00000oooSzznnnnnttttt">;
using StSingle = Enc<"0q00110100r00000oooSzznnnnnttttt">;
using LdRepl = Enc<"0q00110101r0000011oSzznnnnnttttt">;
using LdStSinglePost = Enc<"0q0011011LrmmmmmoooSzznnnnnttttt">;
using StSinglePost = Enc<"0q00110110rmmmmmoooSzznnnnnttttt">;
using LdReplPost = Enc<"0q00110111rmmmmm11oSzznnnnnttttt">;

void ldst_uimm(Cpu&, uint32_t);
Handler ldst_uimm_specialized(uint32_t);
void ldst_imm9(Cpu&, uint32_t);
Handler ldst_imm9_specialized(uint32_t);
void ldst_reg(Cpu&, uint32_t);
Handler ldst_reg_specialized(uint32_t);
void ldr_literal(Cpu&, uint32_t);
void ldst_pair(Cpu&, uint32_t);
Handler ldst_pair_specialized(uint32_t);
void ldst_excl(Cpu&, uint32_t);
void ldst_excl_pair(Cpu&, uint32_t);
void ldst_ordered(Cpu&, uint32_t);
void cas(Cpu&, uint32_t);
void casp(Cpu&, uint32_t);
void atomic_op(Cpu&, uint32_t);
void swp(Cpu&, uint32_t);
void fp_ldst_uimm(Cpu&, uint32_t);
void fp_ldst_imm9(Cpu&, uint32_t);
void fp_ldst_reg(Cpu&, uint32_t);
void fp_ldr_literal(Cpu&, uint32_t);
void fp_ldst_pair(Cpu&, uint32_t);
void ld1_multi(Cpu&, uint32_t);
void ld1_multi_post(Cpu&, uint32_t);
void ldst_multi_n(Cpu&, uint32_t);  // simd_load_store_structures.cc
void ldst_single(Cpu&, uint32_t);

namespace ldst_detail {
constexpr Iclass C = Iclass::kLoadStore;
constexpr OpClass Ld = OpClass::kLoad, St = OpClass::kStore, At = OpClass::kAtomic;
constexpr OpClass FpLd = OpClass::kFpSimdLoad, FpSt = OpClass::kFpSimdStore;
constexpr Feature Lse = Feature::kLse, Fp = Feature::kFp;
}  // namespace ldst_detail

constexpr auto kLoadStoreRows = [] {
  using namespace ldst_detail;
  return std::to_array<InsnDef>({
      // General-purpose registers.
      specialized(def<LdStUImm>("LDR/LDRB/LDRH/LDRS*/PRFM (unsigned offset)", ldst_uimm, C, Ld),
                  ldst_uimm_specialized),
      specialized(def<StUImm>("STR/STRB/STRH (unsigned offset)", ldst_uimm, C, St),
                  ldst_uimm_specialized),
      specialized(def<LdStImm9>("LDUR/LDTR/LDR* (unscaled, unprivileged, pre/post-index), PRFUM",
                                ldst_imm9, C, Ld),
                  ldst_imm9_specialized),
      specialized(
          def<StImm9>("STUR/STTR/STR* (unscaled, unprivileged, pre/post-index)", ldst_imm9, C, St),
          ldst_imm9_specialized),
      specialized(def<LdStReg>("LDR*/PRFM (register offset)", ldst_reg, C, Ld),
                  ldst_reg_specialized),
      specialized(def<StReg>("STR/STRB/STRH (register offset)", ldst_reg, C, St),
                  ldst_reg_specialized),
      def<LdrLiteral>("LDR/LDRSW/PRFM (literal)", ldr_literal, C, Ld),
      specialized(def<LdStPair>("LDP/LDPSW/LDNP", ldst_pair, C, Ld), ldst_pair_specialized),
      specialized(def<StPair>("STP/STNP", ldst_pair, C, St), ldst_pair_specialized),
      // Exclusives and ordered.
      def<ExclReg>("LDXR/LDAXR (B/H/W/X)", ldst_excl, C, Ld),
      def<StExclReg>("STXR/STLXR (B/H/W/X)", ldst_excl, C, St),
      def<ExclPair>("LDXP/LDAXP", ldst_excl_pair, C, Ld),
      def<StExclPair>("STXP/STLXP", ldst_excl_pair, C, St),
      def<Ordered>("LDAR (B/H/W/X)", ldst_ordered, C, Ld),
      def<StOrdered>("STLR (B/H/W/X)", ldst_ordered, C, St),
      def<LorOrdered>("LDLAR/STLLR (FEAT_LOR, not implemented)", nullptr, C, Ld),
      // LSE (ARMv8.1).
      def<Cas>("CAS/CASA/CASL/CASAL (B/H/W/X)", cas, C, At, Lse),
      def<Casp>("CASP/CASPA/CASPL/CASPAL", casp, C, At, Lse),
      def<AtomicOp>("LDADD/LDCLR/LDEOR/LDSET/LD[SU]MAX/LD[SU]MIN (and ST* aliases)", atomic_op, C,
                    At, Lse),
      def<Swp>("SWP/SWPA/SWPL/SWPAL (B/H/W/X)", swp, C, At, Lse),
      def<Ldapr>("LDAPR (FEAT_LRCPC, not implemented)", nullptr, C, Ld),
      // SIMD&FP registers.
      def<FpUImm>("LDR B/H/S/D/Q (unsigned offset)", fp_ldst_uimm, C, FpLd, Fp),
      def<FpStUImm>("STR B/H/S/D/Q (unsigned offset)", fp_ldst_uimm, C, FpSt, Fp),
      def<FpImm9>("LDUR/LDR B/H/S/D/Q (unscaled, pre/post-index)", fp_ldst_imm9, C, FpLd, Fp),
      def<FpStImm9>("STUR/STR B/H/S/D/Q (unscaled, pre/post-index)", fp_ldst_imm9, C, FpSt, Fp),
      def<FpReg>("LDR B/H/S/D/Q (register offset)", fp_ldst_reg, C, FpLd, Fp),
      def<FpStReg>("STR B/H/S/D/Q (register offset)", fp_ldst_reg, C, FpSt, Fp),
      def<FpLiteral>("LDR S/D/Q (literal)", fp_ldr_literal, C, FpLd, Fp),
      def<FpPair>("LDP/LDNP S/D/Q", fp_ldst_pair, C, FpLd, Fp),
      def<FpStPair>("STP/STNP S/D/Q", fp_ldst_pair, C, FpSt, Fp),
      def<Ld1Multi>("LD1 (multiple structures, 1-4 registers)", ld1_multi, C, FpLd, Fp),
      def<St1Multi>("ST1 (multiple structures, 1-4 registers)", ld1_multi, C, FpSt, Fp),
      def<Ld1MultiPost>("LD1 (multiple structures, post-index)", ld1_multi_post, C, FpLd, Fp),
      def<St1MultiPost>("ST1 (multiple structures, post-index)", ld1_multi_post, C, FpSt, Fp),
      // Priority 1: these override the LD1/ST1 rows for the LD2-LD4 opcodes.
      def<LdNMulti24>("LD2/LD4 (multiple structures)", ldst_multi_n, C, FpLd, Fp, 1),
      def<StNMulti24>("ST2/ST4 (multiple structures)", ldst_multi_n, C, FpSt, Fp, 1),
      def<LdNMulti3>("LD3 (multiple structures)", ldst_multi_n, C, FpLd, Fp, 1),
      def<StNMulti3>("ST3 (multiple structures)", ldst_multi_n, C, FpSt, Fp, 1),
      def<LdNMultiPost24>("LD2/LD4 (multiple structures, post-index)", ldst_multi_n, C, FpLd, Fp,
                          1),
      def<StNMultiPost24>("ST2/ST4 (multiple structures, post-index)", ldst_multi_n, C, FpSt, Fp,
                          1),
      def<LdNMultiPost3>("LD3 (multiple structures, post-index)", ldst_multi_n, C, FpLd, Fp, 1),
      def<StNMultiPost3>("ST3 (multiple structures, post-index)", ldst_multi_n, C, FpSt, Fp, 1),
      def<LdStSingle>("LD1/LD2/LD3/LD4 (single structure)", ldst_single, C, FpLd, Fp),
      def<StSingle>("ST1/ST2/ST3/ST4 (single structure)", ldst_single, C, FpSt, Fp),
      def<LdRepl>("LD1R/LD2R/LD3R/LD4R", ldst_single, C, FpLd, Fp),
      def<LdStSinglePost>("LD1/LD2/LD3/LD4 (single structure, post-index)", ldst_single, C, FpLd,
                          Fp),
      def<StSinglePost>("ST1/ST2/ST3/ST4 (single structure, post-index)", ldst_single, C, FpSt, Fp),
      def<LdReplPost>("LD1R/LD2R/LD3R/LD4R (post-index)", ldst_single, C, FpLd, Fp),
  });
}();

}  // namespace el2::insn
