// The differential loop: generate a case, run it on el2emu and on Unicorn from
// identical state and memory, classify the outcome and keep statistics.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "tests/diff/compare.h"
#include "tests/diff/el2emu_runner.h"
#include "tests/diff/generators.h"
#include "tests/diff/oracle_unicorn.h"

namespace el2::diff {

struct ClassStats {
  std::array<uint64_t, kNumVerdicts> by_verdict{};
  uint64_t known = 0;       // Mismatches covered by the known-divergence table.
  uint64_t unexpected = 0;  // Mismatches that fail the test.
  std::map<std::string, uint64_t> known_by_id;
  std::map<std::string, uint64_t> unimplemented_by_row;
  std::map<std::string, uint64_t> mismatch_by_row;  // "verdict / el2emu row" -> count.
  std::vector<std::string> reports;                 // The first few full reports.
  std::vector<std::string> crash_examples;          // Unicorn aborts (not failures).
  uint64_t compared() const;
  std::string summary() const;
};

struct CaseOutcome {
  Verdict verdict = Verdict::kMatch;
  const struct KnownDivergence* known = nullptr;
  std::string row;     // el2emu's decode row name.
  std::string report;  // Filled for mismatches.
};

class Harness {
 public:
  // `seed_fill` seeds the shared memory contents.
  explicit Harness(uint64_t memory_seed = 0x5EED);

  // Runs one case. `reproducer` is printed with a mismatch.
  CaseOutcome run_case(const TestCase& tc, const std::string& reproducer);

  ClassStats run_class(GenClass c, uint64_t seed, uint64_t iters, unsigned max_reports);

 private:
  void sync_memory();     // Copies el2emu's memory to Unicorn's.
  void restore_memory();  // Puts the pristine contents back into both engines.

  El2emuRunner el2_;
  UnicornOracle uc_;
  // Every case starts from these contents, so a case is reproducible alone.
  std::vector<uint8_t> pristine_code_, pristine_data_;
};

}  // namespace el2::diff
