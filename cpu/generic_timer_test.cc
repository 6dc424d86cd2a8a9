// Timer outputs and deadlines (Arm ARM D11.2.4): a timer asserts its output
// while enabled, unmasked and count >= CVAL; the virtual timer compares the
// physical count minus CNTVOFF_EL2.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "cpu/cpu.h"
#include "cpu/generic_timer.h"

namespace el2 {
namespace {

struct Core {
  MemoryMap mem;
  std::unique_ptr<Cpu> cpu;
  Core() {
    mem.add_ram("ram", 0x4000'0000, 1 << 20);
    cpu = std::make_unique<Cpu>(*find_cpu_model("cortex-a57"), mem, 0);
  }
  SysRegFile& sys() { return cpu->state().sys; }
};

constexpr uint64_t kEnable = 1, kImask = 2;
constexpr uint64_t kCyclesPerTick = Cpu::kCoreHz / Cpu::kCounterHz;  // 16

TEST_CASE("cycle_of_count is the first cycle at which the counter shows the count") {
  for (uint64_t count : {0ull, 1ull, 2ull, 1000ull, 62'500'000ull}) {
    const uint64_t c = cycle_of_count(count);
    Core k;
    k.cpu->idle_until(c);
    CHECK(k.cpu->physical_count() == count);
    if (c > 0) {
      Core before;
      before.cpu->idle_until(c - 1);
      CHECK(before.cpu->physical_count() < count);
    }
  }
  CHECK(cycle_of_count(1) == kCyclesPerTick);
}

TEST_CASE("a disabled or masked timer neither asserts nor has a deadline") {
  Core k;
  k.sys().cntp_cval_el0 = 0;
  CHECK_FALSE(evaluate_timers(*k.cpu).asserted[0]);
  k.sys().cntp_ctl_el0 = kEnable | kImask;
  const TimerOutputs t = evaluate_timers(*k.cpu);
  CHECK_FALSE(t.asserted[0]);
  CHECK(t.next_deadline == TimerOutputs::kNever);
}

TEST_CASE("the physical timer fires at CVAL, and its deadline says when") {
  Core k;
  k.sys().cntp_ctl_el0 = kEnable;
  k.sys().cntp_cval_el0 = 100;
  TimerOutputs t = evaluate_timers(*k.cpu);
  CHECK_FALSE(t.asserted[static_cast<int>(TimerId::kEl1Physical)]);
  CHECK(t.next_deadline == 100 * kCyclesPerTick);
  k.cpu->idle_until(t.next_deadline - 1);
  CHECK_FALSE(evaluate_timers(*k.cpu).asserted[0]);
  k.cpu->idle_until(t.next_deadline);
  t = evaluate_timers(*k.cpu);
  CHECK(t.asserted[0]);
  CHECK(t.next_deadline == TimerOutputs::kNever);
}

TEST_CASE("the virtual timer compares count - CNTVOFF_EL2 with its CVAL") {
  Core k;
  k.cpu->idle_until(100 * kCyclesPerTick);
  k.sys().cntvoff_el2 = 50;
  k.sys().cntv_ctl_el0 = kEnable;
  k.sys().cntv_cval_el0 = 70;  // Virtual count 70 = physical count 120.
  const TimerOutputs t = evaluate_timers(*k.cpu);
  CHECK_FALSE(t.asserted[static_cast<int>(TimerId::kEl1Virtual)]);
  CHECK(t.next_deadline == 120 * kCyclesPerTick);
  k.cpu->idle_until(120 * kCyclesPerTick);
  CHECK(evaluate_timers(*k.cpu).asserted[static_cast<int>(TimerId::kEl1Virtual)]);
  // The comparison is unsigned on 64 bits: an offset above the physical
  // count makes the virtual count wrap to a huge value, which meets CVAL.
  k.sys().cntvoff_el2 = k.cpu->physical_count() + 1;
  CHECK(evaluate_timers(*k.cpu).asserted[static_cast<int>(TimerId::kEl1Virtual)]);
}

TEST_CASE("the earliest of several deadlines is reported; each timer has its own output") {
  Core k;
  k.sys().cnthp_ctl_el2 = kEnable;
  k.sys().cnthp_cval_el2 = 30;
  k.sys().cntps_ctl_el1 = kEnable;
  k.sys().cntps_cval_el1 = 20;
  TimerOutputs t = evaluate_timers(*k.cpu);
  CHECK(t.next_deadline == 20 * kCyclesPerTick);
  k.cpu->idle_until(25 * kCyclesPerTick);
  t = evaluate_timers(*k.cpu);
  CHECK(t.asserted[static_cast<int>(TimerId::kSecurePhysical)]);
  CHECK_FALSE(t.asserted[static_cast<int>(TimerId::kEl2Physical)]);
  CHECK(t.next_deadline == 30 * kCyclesPerTick);
}

}  // namespace
}  // namespace el2
