// Sits between a core and its GIC CPU interface and reports each
// acknowledgement (ICC_IAR0/1_EL1 read: the INTID the guest took), so the
// tracer sees INTIDs without hooks in the interrupt controller. Forwards
// everything else unchanged; removes itself when destroyed.
#pragma once

#include <cstdint>
#include <functional>

#include "cpu/cpu.h"

namespace el2 {

class GicTap final : public GicCpuInterface {
 public:
  using Listener = std::function<void(Cpu& cpu, bool group1, uint64_t iar)>;
  // `cpu` must have a GIC CPU interface.
  GicTap(Cpu& cpu, Listener listener);
  ~GicTap() override;
  GicTap(const GicTap&) = delete;
  GicTap& operator=(const GicTap&) = delete;

  uint64_t read(Cpu& cpu, GicReg reg) override;
  void write(Cpu& cpu, GicReg reg, uint64_t value) override { inner_->write(cpu, reg, value); }

 private:
  Cpu& cpu_;
  GicCpuInterface* inner_;
  Listener listener_;
};

}  // namespace el2
