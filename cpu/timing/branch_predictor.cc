#include "cpu/timing/branch_predictor.h"

namespace el2 {

BranchPredictor::BranchPredictor(const CoreProfile::Branch& p)
    : table_mask_((1ull << p.predictor_bits) - 1),
      history_mask_(p.history_bits >= 64 ? ~0ull : (1ull << p.history_bits) - 1),
      counters_(1ull << p.predictor_bits, 1),  // Weakly not taken.
      btb_(p.btb_entries),
      ras_(p.ras_entries) {}

bool BranchPredictor::predict_target(const BranchEvent& b) {
  if (b.ret) {
    if (ras_depth_ == 0) return false;
    ras_top_ = (ras_top_ == 0 ? static_cast<unsigned>(ras_.size()) : ras_top_) - 1;
    --ras_depth_;
    return ras_[ras_top_] == b.target;
  }
  BtbEntry& e = btb_[(b.pc >> 2) & (btb_.size() - 1)];
  const bool right = e.valid && e.pc == b.pc && e.target == b.target;
  e = {true, b.pc, b.target};
  return right;
}

void BranchPredictor::push_return(uint64_t addr) {
  ras_[ras_top_] = addr;
  if (++ras_top_ == ras_.size()) ras_top_ = 0;  // No division on the hot path.
  if (ras_depth_ < ras_.size()) ++ras_depth_;
}

}  // namespace el2
