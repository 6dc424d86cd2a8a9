// Differential test of el2emu against Unicorn 2, one TEST_CASE per instruction
// class plus a stream of random words. EL2EMU_DIFF_ITERS sets the number of
// cases per class (default 200000); EL2EMU_DIFF_SEED overrides the seeds.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "tests/diff/harness.h"
#include "tests/diff/known_divergences.h"

namespace el2::diff {
namespace {

uint64_t env_u64(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtoull(v, nullptr, 0) : fallback;
}

Harness& harness() {
  static Harness* h = new Harness();
  return *h;
}

void run(GenClass c) {
  const uint64_t iters = env_u64("EL2EMU_DIFF_ITERS", 200'000);
  const uint64_t seed = env_u64("EL2EMU_DIFF_SEED", default_seed(c));
  const auto t0 = std::chrono::steady_clock::now();
  const ClassStats st = harness().run_class(c, seed, iters, 10);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::string out = fmt::format("[diff] {} seed={:#x} iters={} ({:.1f} s)\n  {}", gen_class_name(c),
                                seed, iters, secs, st.summary());
  for (const auto& r : st.reports) out += r;
  std::fputs(out.c_str(), stdout);
  std::fflush(stdout);
  CHECK_MESSAGE(st.unexpected == 0, gen_class_name(c), ": ", st.unexpected,
                " mismatches outside KNOWN_DIVERGENCES.md");
}

// The harness itself: a divergence must be seen and attributed.
TEST_CASE("diff: harness detects divergences") {
  TestCase tc = case_for_insn(0x9940'0020, 1, 0);  // LDAPUR W0, [X1]: not in el2emu max.
  tc.in.x[1] = kDataBase + 0x100;
  CaseOutcome o = harness().run_case(tc, "self-check");
  CHECK(o.verdict == Verdict::kEl2TrapsOnly);
  REQUIRE(o.known);
  CHECK(std::string(o.known->id) == "rcpc2-ldapur");

  tc = case_for_insn(0x0816'A197, 1, 0);  // STLXRB W22, W23, [X12] with X12 = ~0.
  tc.in.x[12] = ~uint64_t{0};
  o = harness().run_case(tc, "self-check");
  CHECK(o.verdict == Verdict::kUcTrapsOnly);
  REQUIRE(o.known);
  CHECK(std::string(o.known->id) == "qemu-stxr-sentinel-addr");

  tc = case_for_insn(0x9100'0420, 1, 0);  // ADD X0, X1, #1 agrees and changes X0.
  o = harness().run_case(tc, "self-check");
  CHECK(o.verdict == Verdict::kMatch);
}

TEST_CASE("diff: data processing (immediate)") { run(GenClass::kDataProcImm); }
TEST_CASE("diff: data processing (register)") { run(GenClass::kDataProcReg); }
TEST_CASE("diff: branches, exceptions, system") { run(GenClass::kBranchSystem); }
TEST_CASE("diff: loads and stores") { run(GenClass::kLoadStore); }
TEST_CASE("diff: SIMD and floating point") { run(GenClass::kSimdFp); }
TEST_CASE("diff: random words") { run(GenClass::kRandomWords); }
TEST_CASE("diff: Advanced SIMD integer and structure loads/stores") { run(GenClass::kSimdInt); }
TEST_CASE("diff: scalar floating point and FP/integer conversions") { run(GenClass::kFpScalar); }

}  // namespace
}  // namespace el2::diff
