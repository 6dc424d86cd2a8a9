#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "cpu/decoder.h"
#include "cpu/isa_coverage.h"

namespace el2 {
namespace {

// The first row in table order that matches, on a model: what the buckets
// must reproduce.
const InsnDef* linear_decode(uint32_t insn, const CpuModel& m) {
  for (const InsnDef& row : decode_table()) {
    if (has_feature(m, row.feature) && row.matches(insn)) return &row;
  }
  return nullptr;
}

TEST_CASE("bucketed decode agrees with a linear scan of the table") {
  for (const char* name : {"cortex-a57", "max"}) {
    const CpuModel& m = *find_cpu_model(name);
    const Decoder d(m);
    std::mt19937 rng(1234);
    for (int i = 0; i < 200000; ++i) {
      const uint32_t insn = rng();
      CHECK(d.decode(insn) == linear_decode(insn, m));
    }
    // And every row's own fixed pattern decodes to a row at least as specific.
    for (const InsnDef& row : decode_table()) {
      const InsnDef* got = d.decode(row.value);
      if (got) CHECK(got->specificity() >= 0);
      CHECK(got == linear_decode(row.value, m));
    }
  }
}

TEST_CASE("a few well-known encodings decode to the expected rows") {
  const Decoder d(*find_cpu_model("cortex-a57"));
  auto name = [&](uint32_t insn) -> std::string {
    const InsnDef* r = d.decode(insn);
    return r ? r->name : "(none)";
  };
  CHECK(name(0xD503201F) == "NOP/YIELD/WFE/WFI/SEV/SEVL and other hints");  // NOP
  CHECK(name(0xD4000002) == "HVC");                                          // HVC #0
  CHECK(name(0xD69F03E0) == "ERET");
  CHECK(name(0x91000420).rfind("ADD/ADDS/SUB/SUBS (immediate)", 0) == 0);  // ADD X0, X1, #1
  CHECK(d.decode(0x00000000) == nullptr);                                   // UDF #0
}

TEST_CASE("docs/ISA_COVERAGE.md is up to date") {
  std::ifstream in("docs/ISA_COVERAGE.md");
  REQUIRE_MESSAGE(in.good(), "docs/ISA_COVERAGE.md is missing");
  std::stringstream ss;
  ss << in.rdbuf();
  const bool fresh = ss.str() == isa_coverage_markdown();
  CHECK_MESSAGE(fresh, "stale: run ./bazelw run //tools:isa_coverage > docs/ISA_COVERAGE.md");
}

}  // namespace
}  // namespace el2
