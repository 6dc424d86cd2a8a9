// The decode table: every class's rows, concatenated and ordered at compile
// time, with overlaps checked by static_assert.
#include <span>

#include "cpu/decoder.h"
#include "cpu/insn/branch_system.h"
#include "cpu/insn/data_proc_imm.h"
#include "cpu/insn/data_proc_reg.h"
#include "cpu/insn/fp_scalar.h"
#include "cpu/insn/load_store.h"
#include "cpu/insn/simd_fp.h"
#include "cpu/insn/simd_int.h"
#include "cpu/table_check.h"

namespace el2 {

namespace {

constexpr auto kTable = sort_rows(
    concat_rows(insn::kDataProcImmRows, insn::kDataProcRegRows, insn::kBranchSystemRows,
                insn::kLoadStoreRows, insn::kSimdFpRows, insn::kSimdIntRows, insn::kFpScalarRows));

static_assert(find_table_conflict(kTable).first < 0,
              "two decode rows overlap ambiguously: run //cpu:decoder_test to name them");

}  // namespace

std::span<const InsnDef> decode_table() { return kTable; }

}  // namespace el2
