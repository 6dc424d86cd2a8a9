#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "platform/devices/pl031.h"

#include <doctest/doctest.h>

#include <vector>

namespace el2 {
namespace {

constexpr uint32_t kEpoch = 1'700'000'000;

struct Rig {
  Rig()
      : rtc(
            kEpoch, [this] { return now; }, [this](bool l) { edges.push_back(l); }) {}
  uint32_t rd(uint64_t off) {
    uint64_t v = 0;
    REQUIRE(rtc.read(off, 4, v));
    return static_cast<uint32_t>(v);
  }
  void wr(uint64_t off, uint32_t v) { REQUIRE(rtc.write(off, 4, v)); }
  uint64_t now = 0;  // Guest seconds since boot.
  std::vector<bool> edges;
  Pl031 rtc;
};

TEST_CASE("the counter is the fixed epoch plus guest time, never the host clock") {
  Rig r;
  CHECK(r.rd(Pl031::kDR) == kEpoch);
  r.now = 42;
  CHECK(r.rd(Pl031::kDR) == kEpoch + 42);
  CHECK(r.rd(Pl031::kCR) == 1);  // Running.
  r.wr(Pl031::kCR, 0);           // Cannot be stopped.
  r.now = 43;
  CHECK(r.rd(Pl031::kDR) == kEpoch + 43);
}

TEST_CASE("a load sets the counter, which then keeps counting") {
  Rig r;
  r.now = 10;
  r.wr(Pl031::kLR, 5000);
  CHECK(r.rd(Pl031::kDR) == 5000);
  CHECK(r.rd(Pl031::kLR) == 5000);
  r.now = 17;
  CHECK(r.rd(Pl031::kDR) == 5007);
}

TEST_CASE("the match interrupt fires when the counter reaches MR, even between looks") {
  Rig r;
  r.wr(Pl031::kIMSC, 1);
  r.wr(Pl031::kMR, kEpoch + 5);
  r.now = 4;
  r.rtc.poll();
  CHECK(r.rd(Pl031::kRIS) == 0);
  r.now = 9;  // Stepped past the match second between two polls.
  r.rtc.poll();
  CHECK(r.rd(Pl031::kRIS) == 1);
  CHECK(r.rd(Pl031::kMIS) == 1);
  CHECK(r.rtc.irq_level());
  r.wr(Pl031::kICR, 1);
  CHECK(r.rd(Pl031::kRIS) == 0);
  CHECK_FALSE(r.rtc.irq_level());
  CHECK(r.edges == std::vector<bool>{true, false});
}

TEST_CASE("a match is raw status even while masked, and across counter wrap") {
  Rig r;
  r.wr(Pl031::kLR, 0xFFFF'FFFE);
  r.wr(Pl031::kMR, 1);
  r.now = 3;  // 0xFFFFFFFE + 3 wraps to 1.
  CHECK(r.rd(Pl031::kRIS) == 1);
  CHECK(r.rd(Pl031::kMIS) == 0);
  CHECK_FALSE(r.rtc.irq_level());
  CHECK(r.edges.empty());
}

TEST_CASE("setting MR to the current second matches at once") {
  Rig r;
  r.now = 2;
  r.wr(Pl031::kMR, kEpoch + 2);
  CHECK(r.rd(Pl031::kRIS) == 1);
}

TEST_CASE("PrimeCell ids identify an Arm PL031; bad accesses are bus errors") {
  Rig r;
  uint32_t periph = 0, cell = 0;
  for (unsigned i = 0; i < 4; ++i) {
    periph |= r.rd(0xFE0 + 4 * i) << (8 * i);
    cell |= r.rd(0xFF0 + 4 * i) << (8 * i);
  }
  CHECK((periph & 0x000FFFFF) == 0x00041031);
  CHECK(cell == 0xB105F00D);
  uint64_t v = 0;
  CHECK_FALSE(r.rtc.read(Pl031::kDR + 2, 4, v));
  CHECK_FALSE(r.rtc.read(Pl031::kDR, 8, v));
  CHECK_FALSE(r.rtc.write(0x1000, 4, 0));
}

}  // namespace
}  // namespace el2
