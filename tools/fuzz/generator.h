// Random call sequences from EL1, reproducible from a seed: stub hypercalls
// (function ids weighted towards the defined ones, boundary and random
// arguments), PSCI/SMCCC calls, EL1 register writes, and now and then a
// SOFT_RESTART or a PSCI SYSTEM_RESET/CPU_OFF that reboots the machine.
#pragma once

#include <cstdint>

#include "tools/fuzz/sequence.h"

namespace el2::fuzz {

// Addresses the generator passes as arguments (the stub's and the driver's).
struct Targets {
  uint64_t stub_vectors = 0;
  uint64_t hyp_vectors = 0;     // The driver's stand-in hypervisor.
  uint64_t restart_target = 0;  // SOFT_RESTART's x1.
};

struct GeneratorOptions {
  unsigned max_steps = 24;  // A run has 1..max_steps steps.
};

Sequence generate(uint64_t run_seed, const Targets& t, const GeneratorOptions& options = {});

}  // namespace el2::fuzz
