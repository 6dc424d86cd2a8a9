// Observing firmware calls: one event per PSCI/SMCCC call the firmware answers,
// for the tracer (F8) and the demo.
#pragma once

#include <array>
#include <cstdint>

namespace el2 {

struct PsciCallEvent {
  unsigned core = 0;
  uint32_t function_id = 0;  // Low 32 bits of x0 (facts file C.1).
  const char* name = "";     // psci_function_name(function_id).
  bool is_smc = false;
  uint16_t imm = 0;
  std::array<uint64_t, 3> args{};    // x1..x3 as the caller passed them.
  std::array<uint64_t, 4> result{};  // x0..x3 after the call.
};

class PsciObserver {
 public:
  virtual ~PsciObserver() = default;
  virtual void on_psci_call(const PsciCallEvent& event) = 0;
};

// The name of a PSCI/SMCCC function ID ("CPU_ON", "CPU_ON64", "SMCCC_VERSION",
// "PSCI_0_1_CPU_ON", ...), or "UNKNOWN". Only the low 32 bits matter.
const char* psci_function_name(uint32_t id);

}  // namespace el2
