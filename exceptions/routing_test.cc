// The asynchronous routing and masking matrix, written out from the Arm ARM's
// routing tables (D1.3.6) rather than computed: SCR_EL3.IRQ x HCR_EL2.{IMO,TGE}
// x current EL x PSTATE.I, for machines with EL2 and EL3 (Non-secure).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "cpu/cpu_model.h"
#include "exceptions/routing.h"

namespace el2 {
namespace {

constexpr uint64_t kImo = 1ull << 4;
constexpr uint64_t kTge = 1ull << 27;
constexpr uint64_t kScrIrq = 1ull << 1;

struct Row {
  bool scr_irq, imo, tge;
  unsigned el;
  bool pstate_i;
  unsigned target;  // Expected target EL.
  bool taken;       // Expected: taken now (else pending).
};

// "C" = current EL, "I" = PSTATE.I. Target EL1 interrupts are masked by I at EL0
// and EL1; interrupts to a higher EL (2 or 3) ignore I; same-EL ones obey I;
// those targeting a lower EL stay pending.
const Row kMatrix[] = {
    // SCR.IRQ=0, IMO=0, TGE=0: EL1 target.
    {0, 0, 0, 0, 0, 1, true},  {0, 0, 0, 0, 1, 1, false}, {0, 0, 0, 1, 0, 1, true},
    {0, 0, 0, 1, 1, 1, false}, {0, 0, 0, 2, 0, 1, false}, {0, 0, 0, 3, 0, 1, false},
    // IMO=1: EL2 target.
    {0, 1, 0, 0, 1, 2, true},  {0, 1, 0, 1, 1, 2, true},  {0, 1, 0, 2, 0, 2, true},
    {0, 1, 0, 2, 1, 2, false}, {0, 1, 0, 3, 0, 2, false},
    // TGE=1: EL2 target as well.
    {0, 0, 1, 0, 1, 2, true},  {0, 0, 1, 2, 1, 2, false}, {0, 0, 1, 2, 0, 2, true},
    // SCR_EL3.IRQ=1: EL3 target, regardless of EL2 routing.
    {1, 0, 0, 0, 1, 3, true},  {1, 1, 0, 1, 1, 3, true},  {1, 0, 1, 2, 1, 3, true},
    {1, 0, 0, 3, 1, 3, false}, {1, 0, 0, 3, 0, 3, true},
};

TEST_CASE("physical IRQ routing and masking matrix") {
  CpuModel m = *find_cpu_model("cortex-a57");
  for (const Row& r : kMatrix) {
    CpuState s;
    s.sys.scr_el3 = 1 /*NS*/ | (r.scr_irq ? kScrIrq : 0);
    s.sys.hcr_el2 = (r.imo ? kImo : 0) | (r.tge ? kTge : 0);
    s.pstate.el = static_cast<uint8_t>(r.el);
    s.pstate.i = r.pstate_i;
    const AsyncDecision d = route_physical_async(AsyncKind::kIrq, s, m);
    CAPTURE(r.scr_irq);
    CAPTURE(r.imo);
    CAPTURE(r.tge);
    CAPTURE(r.el);
    CAPTURE(r.pstate_i);
    CHECK(d.target_el == r.target);
    CHECK(d.taken == r.taken);
  }
}

TEST_CASE("EL2 routing needs EL2 to be enabled (Secure state ignores HCR_EL2)") {
  CpuModel m = *find_cpu_model("cortex-a57");
  CpuState s;
  s.sys.scr_el3 = 0;  // Secure: EL2 disabled.
  s.sys.hcr_el2 = kImo;
  s.pstate.el = 1;
  s.pstate.i = false;
  CHECK(route_physical_async(AsyncKind::kIrq, s, m).target_el == 1);
  m.has_el2 = false;
  s.sys.scr_el3 = 1;
  CHECK(route_physical_async(AsyncKind::kIrq, s, m).target_el == 1);
}

TEST_CASE("FIQ and SError use F/FMO/SCR.FIQ and A/AMO/SCR.EA") {
  CpuModel m = *find_cpu_model("cortex-a57");
  CpuState s;
  s.sys.scr_el3 = 1 | (1ull << 3);  // EA routes SError to EL3.
  s.sys.hcr_el2 = 1ull << 3;        // FMO routes FIQ to EL2.
  s.pstate.el = 1;
  CHECK(route_physical_async(AsyncKind::kSError, s, m).target_el == 3);
  CHECK(route_physical_async(AsyncKind::kFiq, s, m).target_el == 2);
  CHECK(route_physical_async(AsyncKind::kIrq, s, m).target_el == 1);
  s.pstate.i = false;
  s.pstate.f = true;
  s.sys.hcr_el2 = 0;
  CHECK_FALSE(route_physical_async(AsyncKind::kFiq, s, m).taken);
  CHECK(route_physical_async(AsyncKind::kIrq, s, m).taken);
}

TEST_CASE("virtual interrupts: VI with IMO, not TGE, at EL0/EL1 only, masked by I") {
  CpuModel m = *find_cpu_model("cortex-a57");
  CpuState s;
  s.sys.scr_el3 = 1;
  s.sys.hcr_el2 = kImo | (1ull << 7);
  s.pstate.el = 1;
  s.pstate.i = false;
  CHECK(virtual_async_taken(AsyncKind::kIrq, s, m));
  s.pstate.i = true;
  CHECK_FALSE(virtual_async_taken(AsyncKind::kIrq, s, m));
  s.pstate.i = false;
  s.pstate.el = 2;
  CHECK_FALSE(virtual_async_taken(AsyncKind::kIrq, s, m));
  s.pstate.el = 0;
  s.sys.hcr_el2 |= kTge;
  CHECK_FALSE(virtual_async_taken(AsyncKind::kIrq, s, m));
  s.sys.hcr_el2 = 1ull << 7;  // VI without IMO does nothing.
  CHECK_FALSE(virtual_async_taken(AsyncKind::kIrq, s, m));
}

}  // namespace
}  // namespace el2
