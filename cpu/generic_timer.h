// The core's generic timers as interrupt sources (Arm ARM D11.2.4 "Timers"):
// each timer's output is asserted while it is enabled, not masked and its
// condition (count >= CVAL) holds. The interrupt controller turns outputs
// into PPIs; the machine uses the next deadline to stop a core's time slice
// exactly when a timer fires and to skip idle (WFI) time forward.
#pragma once

#include <array>
#include <cstdint>

namespace el2 {

class Cpu;

enum class TimerId : uint8_t {
  kEl1Physical,     // CNTP_*_EL0
  kEl1Virtual,      // CNTV_*_EL0
  kEl2Physical,     // CNTHP_*_EL2
  kSecurePhysical,  // CNTPS_*_EL1
};
constexpr unsigned kTimerCount = 4;

// The PPI (INTID) each timer drives, as the Server Base System Architecture
// recommends and QEMU's virt board wires them.
constexpr std::array<unsigned, kTimerCount> kTimerPpi = {30, 27, 26, 29};

struct TimerOutputs {
  std::array<bool, kTimerCount> asserted{};
  // The earliest core cycle at which an enabled, unmasked timer that is not
  // yet asserted will fire; kNever if none.
  uint64_t next_deadline = kNever;
  static constexpr uint64_t kNever = ~uint64_t{0};
};

TimerOutputs evaluate_timers(const Cpu& cpu);

// The first core cycle at which the system counter reaches `count`.
uint64_t cycle_of_count(uint64_t count);

}  // namespace el2
