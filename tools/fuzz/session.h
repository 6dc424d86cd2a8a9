// A fuzz session (`el2emu fuzz`): generates run after run from the seed,
// executes each on the fuzz machine from its snapshot, and on the first
// finding minimises the run's sequence, confirms it on a newly built machine
// and writes a reproducer. Every `verify_every` runs it also re-runs one on a
// newly built machine and compares the outcome, so a snapshot restore that
// leaves something behind is itself a finding.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "tools/fuzz/executor.h"
#include "tools/fuzz/generator.h"

namespace el2::fuzz {

struct SessionOptions {
  uint64_t seed = 1;
  uint64_t runs = 1000;
  uint64_t verify_every = 100;  // 0: never.
  GeneratorOptions generator;
};

struct SessionResult {
  uint64_t runs = 0, calls = 0, rebuilds = 0;
  double seconds = 0;  // Wall time of the runs (minimising excluded).
  std::optional<Finding> finding;
  uint64_t finding_run = 0;
  Sequence original, minimized;
  uint64_t minimize_tests = 0;
};

// Prints one line per finding step to `log` (may be null).
SessionResult run_session(FuzzMachine& fm, Executor& ex, const SessionOptions& options,
                          std::FILE* log);

}  // namespace el2::fuzz
