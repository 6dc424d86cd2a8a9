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
  // Inline: the timing model calls it for every retired branch.
  bool predict_and_update(const BranchEvent& b) {
    ++predictions_;
    bool right = true;
    if (b.conditional) right = predict_direction(b.pc, b.taken);
    // A return pops the stack whether or not it is taken, keeping calls and
    // returns paired; a not-taken branch's target does not matter.
    if (b.ret || b.indirect) [[unlikely]] {
      const bool target_right = predict_target(b);
      if (b.taken) right = right && target_right;
    }
    if (b.call && b.taken) [[unlikely]]
      push_return(b.pc + 4);
    if (!right) ++mispredictions_;
    return right;
  }

  // predict_and_update for a branch that is neither a call, a return nor
  // indirect: only a conditional one can be wrong.
  bool predict_direct(uint64_t pc, bool conditional, bool taken) {
    ++predictions_;
    if (!conditional || predict_direction(pc, taken)) return true;
    ++mispredictions_;
    return false;
  }

  uint64_t predictions() const { return predictions_; }
  uint64_t mispredictions() const { return mispredictions_; }

 private:
  bool predict_direction(uint64_t pc, bool taken) {
    // A64 instructions are 4-byte aligned: drop the two zero bits.
    const uint64_t index = ((pc >> 2) ^ (history_ & history_mask_)) & table_mask_;
    uint8_t& c = counters_[index];
    const bool predicted = c >= 2;
    if (taken && c < 3) ++c;
    if (!taken && c > 0) --c;
    history_ = (history_ << 1) | (taken ? 1 : 0);
    return predicted == taken;
  }
  bool predict_target(const BranchEvent& b);
  void push_return(uint64_t addr);

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
