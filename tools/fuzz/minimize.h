// Delta debugging (Zeller and Hildebrandt's ddmin): the smallest sub-sequence
// of steps, keeping their order, that still fails the same way. The result
// is 1-minimal: dropping any single step makes the failure go away.
#pragma once

#include <cstdint>
#include <functional>

#include "tools/fuzz/sequence.h"

namespace el2::fuzz {

struct MinimizeStats {
  uint64_t tests = 0;  // Times `fails` was called.
};

// `fails(candidate)` re-runs a candidate and says whether it still shows the
// failure; `seq` must fail. Gives up refining after `max_tests` calls.
Sequence minimize(const Sequence& seq, const std::function<bool(const Sequence&)>& fails,
                  uint64_t max_tests = 5000, MinimizeStats* stats = nullptr);

}  // namespace el2::fuzz
