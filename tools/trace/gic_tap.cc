#include "tools/trace/gic_tap.h"

namespace el2 {

GicTap::GicTap(Cpu& cpu, Listener listener)
    : cpu_(cpu), inner_(cpu.gic()), listener_(std::move(listener)) {
  cpu.set_gic(this);
}

GicTap::~GicTap() {
  if (cpu_.gic() == this) cpu_.set_gic(inner_);
}

uint64_t GicTap::read(Cpu& cpu, GicReg reg) {
  const uint64_t v = inner_->read(cpu, reg);
  if (reg == GicReg::kIccIar0El1 || reg == GicReg::kIccIar1El1)
    listener_(cpu, reg == GicReg::kIccIar1El1, v);
  return v;
}

}  // namespace el2
