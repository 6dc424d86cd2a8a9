#include "cpu/core_group.h"

#include "cpu/cpu.h"

namespace el2 {

void CoreGroup::store_hit(const Cpu* writer, const uint8_t* host, unsigned len) {
  const auto first = reinterpret_cast<uintptr_t>(host) / kGranule;
  const auto last = (reinterpret_cast<uintptr_t>(host) + len - 1) / kGranule;
  bool any_armed = false;
  for (Cpu* c : cores_) {
    ExclusiveMonitor& m = c->state().monitor;
    if (!m.armed || !m.host) continue;
    const auto granule = reinterpret_cast<uintptr_t>(m.host) / kGranule;
    if (c != writer && granule >= first && granule <= last) {
      m.armed = false;
      // Clearing a PE's global monitor is a WFE wake-up event for it (Arm ARM
      // D1.6.1): spin-lock waiters (LDXR; WFE) sleep on exactly this.
      c->set_event_register(true);
    } else {
      any_armed = true;
    }
  }
  monitors_may_be_armed_ = any_armed;
}

}  // namespace el2
