#include "cpu/isa_coverage.h"

#include <fmt/format.h>

#include "cpu/decoder.h"

namespace el2 {

namespace {

const char* iclass_name(Iclass c) {
  switch (c) {
    case Iclass::kDataProcImm: return "Data processing -- immediate";
    case Iclass::kDataProcReg: return "Data processing -- register";
    case Iclass::kBranchSystem: return "Branches, exception generating and system instructions";
    case Iclass::kLoadStore: return "Loads and stores";
    case Iclass::kSimdFp: return "SIMD and floating point";
  }
  return "?";
}

const char* feature_name(Feature f) {
  switch (f) {
    case Feature::kBase: return "";
    case Feature::kLse: return "FEAT_LSE";
    case Feature::kCrc32: return "FEAT_CRC32";
    case Feature::kFp: return "FP/AdvSIMD";
    case Feature::kPan: return "FEAT_PAN";
    case Feature::kVhe: return "FEAT_VHE";
  }
  return "?";
}

std::string pattern_of(const InsnDef& row) {
  std::string s;
  for (int b = 31; b >= 0; --b) {
    const uint32_t bit = 1u << b;
    s += (row.mask & bit) ? ((row.value & bit) ? '1' : '0') : 'x';
    if (b % 4 == 0 && b) s += '_';
  }
  return s;
}

}  // namespace

std::string isa_coverage_markdown() {
  std::string out =
      "# A64 instruction coverage\n\n"
      "Generated from the decode table (`cpu/decode_table.cc`) by\n"
      "`./bazelw run //tools:isa_coverage > docs/ISA_COVERAGE.md`; the test\n"
      "`//cpu:decoder_test` fails when this file is stale.\n\n"
      "Every encoding that matches no row, or a row marked *UNDEFINED*, raises an\n"
      "UNDEFINED exception (EC 0x00). Rows are listed in decode order within each class\n"
      "(pattern: bit 31 first; x = operand or ignored bit).\n";
  for (Iclass c : {Iclass::kDataProcImm, Iclass::kDataProcReg, Iclass::kBranchSystem,
                   Iclass::kLoadStore, Iclass::kSimdFp}) {
    unsigned done = 0, total = 0;
    std::string rows;
    for (const InsnDef& row : decode_table()) {
      if (row.iclass != c) continue;
      ++total;
      if (row.fn) ++done;
      rows += fmt::format("| {} | `{}` | {} | {} |\n", row.name, pattern_of(row),
                          row.fn ? "implemented" : "*UNDEFINED*", feature_name(row.feature));
    }
    out += fmt::format("\n## {} ({} of {} rows implemented)\n\n", iclass_name(c), done, total);
    out += "| instruction | pattern | status | feature |\n|---|---|---|---|\n" + rows;
  }
  return out;
}

}  // namespace el2
