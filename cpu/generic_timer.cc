#include "cpu/generic_timer.h"

#include "cpu/cpu.h"

namespace el2 {

namespace {

constexpr uint64_t kCtlEnable = 1u << 0;
constexpr uint64_t kCtlImask = 1u << 1;

}  // namespace

uint64_t cycle_of_count(uint64_t count) {
  // Inverse of Cpu::physical_count(): the smallest c with
  // floor(c * kCounterHz / kCoreHz) >= count.
  const unsigned __int128 num = static_cast<unsigned __int128>(count) * Cpu::kCoreHz;
  const unsigned __int128 c = (num + Cpu::kCounterHz - 1) / Cpu::kCounterHz;
  return c > ~uint64_t{0} ? ~uint64_t{0} : static_cast<uint64_t>(c);
}

TimerOutputs evaluate_timers(const Cpu& cpu) {
  const SysRegFile& r = cpu.state().sys;
  const uint64_t phys = cpu.physical_count();
  struct Timer {
    uint64_t ctl, cval, offset;  // Fires when physical count - offset >= cval.
  };
  const std::array<Timer, kTimerCount> timers = {{
      {r.cntp_ctl_el0, r.cntp_cval_el0, 0},
      {r.cntv_ctl_el0, r.cntv_cval_el0, r.cntvoff_el2},
      {r.cnthp_ctl_el2, r.cnthp_cval_el2, 0},
      {r.cntps_ctl_el1, r.cntps_cval_el1, 0},
  }};
  TimerOutputs out;
  for (unsigned i = 0; i < kTimerCount; ++i) {
    const Timer& t = timers[i];
    if (!(t.ctl & kCtlEnable) || (t.ctl & kCtlImask)) continue;
    if (phys - t.offset >= t.cval) {
      out.asserted[i] = true;
      continue;
    }
    // count - offset reaches cval when count = cval + offset (modulo 2^64;
    // a deadline that wraps past the counter's range never comes).
    const uint64_t target = t.cval + t.offset;
    if (target < phys) continue;
    const uint64_t at = cycle_of_count(target);
    if (at < out.next_deadline) out.next_deadline = at;
  }
  return out;
}

}  // namespace el2
