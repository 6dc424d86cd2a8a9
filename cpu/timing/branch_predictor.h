// Branch prediction for the timing model: a table of 2-bit saturating counters
// indexed by the PC XOR the global taken/not-taken history (gshare; bimodal
// with history_bits = 0) for conditional branches, a direct-mapped tagged
// target buffer for indirect branches, and a return address stack. Direct
// branch targets are known at decode, so only their direction can be wrong.
// Deterministic: state depends on the branches seen and nothing else.
#pragma once

#include <cstdint>
#include <vector>

#include "cpu/timing/profile.h"

namespace el2 {

struct BranchEvent {
  uint64_t pc = 0;
  uint64_t target = 0;  // Where it went when taken.
  bool conditional = false, taken = false, call = false, ret = false, indirect = false;
};

class BranchPredictor {
 public:
  explicit BranchPredictor(const CoreProfile::Branch& p);

  // Predicts `b`, then trains on its real outcome. True when the prediction
  // (direction and, for a taken indirect branch or return, target) was right.
  bool predict_and_update(const BranchEvent& b);

  uint64_t predictions() const { return predictions_; }
  uint64_t mispredictions() const { return mispredictions_; }

 private:
  bool predict_direction(uint64_t pc, bool taken);
  bool predict_target(const BranchEvent& b);

  struct BtbEntry {
    bool valid = false;
    uint64_t pc = 0, target = 0;
  };
  uint64_t table_mask_, history_mask_;
  std::vector<uint8_t> counters_;  // 0-1 predict not taken, 2-3 taken.
  uint64_t history_ = 0;
  std::vector<BtbEntry> btb_;
  std::vector<uint64_t> ras_;  // Circular: a push onto a full stack drops the oldest.
  unsigned ras_top_ = 0, ras_depth_ = 0;
  uint64_t predictions_ = 0, mispredictions_ = 0;
};

}  // namespace el2
