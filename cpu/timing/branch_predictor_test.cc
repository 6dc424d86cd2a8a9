// Branch prediction: the direction counters learn a bias and a short pattern,
// the return stack pairs calls with returns, the target buffer learns
// indirect targets.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "cpu/timing/branch_predictor.h"

#include <doctest/doctest.h>

namespace el2 {
namespace {

constexpr CoreProfile::Branch kParams{.mispredict_penalty = 9,
                                      .predictor_bits = 10,
                                      .history_bits = 6,
                                      .btb_entries = 64,
                                      .ras_entries = 4};

BranchEvent cond(uint64_t pc, bool taken) {
  return {.pc = pc, .target = pc - 16, .conditional = true, .taken = taken};
}

TEST_CASE("an always-taken loop branch is learnt within a few iterations") {
  BranchPredictor bp(kParams);
  for (int i = 0; i < 100; ++i) bp.predict_and_update(cond(0x1000, true));
  CHECK(bp.predictions() == 100);
  CHECK(bp.mispredictions() <= 8);  // Warming the counters along the history.
  const uint64_t before = bp.mispredictions();
  for (int i = 0; i < 100; ++i) bp.predict_and_update(cond(0x1000, true));
  CHECK(bp.mispredictions() == before);
}

TEST_CASE("global history learns an alternating branch a bimodal table cannot") {
  BranchPredictor gshare(kParams);
  CoreProfile::Branch bimodal_params = kParams;
  bimodal_params.history_bits = 0;
  BranchPredictor bimodal(bimodal_params);
  for (int i = 0; i < 400; ++i) {
    gshare.predict_and_update(cond(0x2000, i % 2 == 0));
    bimodal.predict_and_update(cond(0x2000, i % 2 == 0));
  }
  CHECK(gshare.mispredictions() < 20);
  CHECK(bimodal.mispredictions() > 150);
}

TEST_CASE("returns are predicted from the return stack, nested calls included") {
  BranchPredictor bp(kParams);
  auto call = [](uint64_t pc, uint64_t fn) {
    return BranchEvent{.pc = pc, .target = fn, .taken = true, .call = true};
  };
  auto ret = [](uint64_t pc, uint64_t to) {
    return BranchEvent{.pc = pc, .target = to, .taken = true, .ret = true, .indirect = true};
  };
  CHECK(bp.predict_and_update(call(0x100, 0x800)));
  CHECK(bp.predict_and_update(call(0x810, 0x900)));
  CHECK(bp.predict_and_update(ret(0x904, 0x814)));
  CHECK(bp.predict_and_update(ret(0x820, 0x104)));
  CHECK_FALSE(bp.predict_and_update(ret(0x108, 0x50)));  // Empty stack.
  CHECK(bp.mispredictions() == 1);
}

TEST_CASE("a deeper call chain than the stack loses only the oldest returns") {
  BranchPredictor bp(kParams);  // 4 entries.
  for (uint64_t i = 0; i < 6; ++i) {
    bp.predict_and_update(
        {.pc = 0x100 * i, .target = 0x100 * (i + 1), .taken = true, .call = true});
  }
  int right = 0;
  for (uint64_t i = 6; i-- > 0;) {
    right += bp.predict_and_update(
        {.pc = 0x100 * (i + 1) + 8, .target = 0x100 * i + 4, .taken = true, .ret = true});
  }
  CHECK(right == 4);
}

TEST_CASE("an indirect branch with a stable target is predicted after its first run") {
  BranchPredictor bp(kParams);
  const BranchEvent br{.pc = 0x3000, .target = 0x7000, .taken = true, .indirect = true};
  CHECK_FALSE(bp.predict_and_update(br));
  CHECK(bp.predict_and_update(br));
  BranchEvent other = br;
  other.target = 0x7100;
  CHECK_FALSE(bp.predict_and_update(other));
}

TEST_CASE("direct unconditional branches are never mispredicted") {
  BranchPredictor bp(kParams);
  for (uint64_t i = 0; i < 50; ++i) {
    CHECK(bp.predict_and_update({.pc = 0x4000 + 4 * i, .target = 0x9000 + 64 * i, .taken = true}));
  }
}

}  // namespace
}  // namespace el2
