#include "cpu/timing/branch_predictor.h"

namespace el2 {

BranchPredictor::BranchPredictor(const CoreProfile::Branch& p)
    : table_mask_((1ull << p.predictor_bits) - 1),
      history_mask_(p.history_bits >= 64 ? ~0ull : (1ull << p.history_bits) - 1),
      counters_(1ull << p.predictor_bits, 1),  // Weakly not taken.
      btb_(p.btb_entries),
      ras_(p.ras_entries) {}

bool BranchPredictor::predict_direction(uint64_t pc, bool taken) {
  // A64 instructions are 4-byte aligned: drop the two zero bits.
  const uint64_t index = ((pc >> 2) ^ (history_ & history_mask_)) & table_mask_;
  uint8_t& c = counters_[index];
  const bool predicted = c >= 2;
  if (taken && c < 3) ++c;
  if (!taken && c > 0) --c;
  history_ = (history_ << 1) | (taken ? 1 : 0);
  return predicted == taken;
}

bool BranchPredictor::predict_target(const BranchEvent& b) {
  if (b.ret) {
    if (ras_depth_ == 0) return false;
    ras_top_ = (ras_top_ + static_cast<unsigned>(ras_.size()) - 1) % ras_.size();
    --ras_depth_;
    return ras_[ras_top_] == b.target;
  }
  BtbEntry& e = btb_[(b.pc >> 2) & (btb_.size() - 1)];
  const bool right = e.valid && e.pc == b.pc && e.target == b.target;
  e = {true, b.pc, b.target};
  return right;
}

bool BranchPredictor::predict_and_update(const BranchEvent& b) {
  ++predictions_;
  bool right = true;
  if (b.conditional) right = predict_direction(b.pc, b.taken);
  // A return pops the stack whether or not it is taken, keeping calls and
  // returns paired; a not-taken branch's target does not matter.
  if (b.ret || b.indirect) {
    const bool target_right = predict_target(b);
    if (b.taken) right = right && target_right;
  }
  if (b.call && b.taken) {
    ras_[ras_top_] = b.pc + 4;
    ras_top_ = (ras_top_ + 1) % ras_.size();
    if (ras_depth_ < ras_.size()) ++ras_depth_;
  }
  if (!right) ++mispredictions_;
  return right;
}

}  // namespace el2
