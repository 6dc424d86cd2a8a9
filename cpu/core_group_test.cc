// The global exclusive monitor across cores (Arm ARM B2.9.3): a store by
// another core to the reserved granule makes the store-exclusive fail.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "cpu/core_group.h"
#include "cpu/cpu.h"

namespace el2 {
namespace {

constexpr uint64_t kRam = 0x4000'0000;
constexpr uint64_t kData = kRam + 0x8000;
// ldxr x1, [x0]      stxr w2, x3, [x0]      str x4, [x5]
constexpr uint32_t kLdxr = 0xC85F7C01;
constexpr uint32_t kStxr = 0xC8027C03;
constexpr uint32_t kStr = 0xF90000A4;

struct TwoCores {
  MemoryMap mem;
  CoreGroup group;
  std::unique_ptr<Cpu> a, b;
  TwoCores() {
    mem.add_ram("ram", kRam, 1 << 20);
    const CpuModel& m = *find_cpu_model("cortex-a57");
    a = std::make_unique<Cpu>(m, mem, 0);
    b = std::make_unique<Cpu>(m, mem, 1);
    for (Cpu* c : {a.get(), b.get()}) {
      group.add(c);
      c->set_core_group(&group);
      c->state().pstate.el = 1;
    }
  }
  void exec(Cpu& c, uint32_t insn, uint64_t at) {
    mem.write_phys(at, &insn, 4);
    c.state().pc = at;
    c.step();
  }
  // Core a: LDXR from kData; core b: STR to `other`; core a: STXR. Returns Ws.
  uint64_t race(uint64_t other) {
    a->state().x[0] = kData;
    a->state().x[3] = 0x1111;
    exec(*a, kLdxr, kRam);
    b->state().x[4] = 0x2222;
    b->state().x[5] = other;
    exec(*b, kStr, kRam + 0x100);
    exec(*a, kStxr, kRam + 0x200);
    return a->state().x[2];
  }
};

TEST_CASE("a store by another core to the reserved granule clears the reservation") {
  TwoCores t;
  CHECK(t.race(kData + 8) == 1);  // Same 64-byte granule: STXR fails...
  uint64_t v = 0;
  t.mem.read_phys(kData, &v, 8);
  CHECK(v != 0x1111);  // ...and stores nothing.
}

// A spin-lock waiter sleeps in WFE after LDXR; the lock holder's release (a
// plain store) must wake it (Arm ARM D1.6.1). Without the event the waiter
// sleeps until an interrupt, which may never come.
TEST_CASE("clearing another core's reservation sets its event register") {
  TwoCores t;
  t.a->set_event_register(false);
  t.race(kData + 8);
  CHECK(t.a->event_register());
}

TEST_CASE("a store outside the granule neither clears the reservation nor wakes the core") {
  TwoCores t;
  t.a->set_event_register(false);
  t.a->state().x[0] = kData;
  t.exec(*t.a, kLdxr, kRam);
  t.b->state().x[4] = 0x2222;
  t.b->state().x[5] = kData + 64;
  t.exec(*t.b, kStr, kRam + 0x100);
  CHECK(t.a->state().monitor.armed);
  CHECK_FALSE(t.a->event_register());
}

TEST_CASE("a store outside the granule leaves the reservation") {
  TwoCores t;
  CHECK(t.race(kData + 64) == 0);
  uint64_t v = 0;
  t.mem.read_phys(kData, &v, 8);
  CHECK(v == 0x1111);
}

TEST_CASE("the core's own store does not clear its reservation through the group") {
  TwoCores t;
  t.a->state().x[0] = kData;
  t.exec(*t.a, kLdxr, kRam);
  CHECK(t.a->state().monitor.armed);
  t.a->state().x[4] = 5;
  t.a->state().x[5] = kData + 16;
  t.exec(*t.a, kStr, kRam + 0x100);
  CHECK(t.a->state().monitor.armed);
}

}  // namespace
}  // namespace el2
