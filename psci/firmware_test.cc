// PsciFirmware call semantics. Expected values come from
// ../shared/spec/STUB_AND_PSCI_FACTS.md Part C (section cited per test).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstring>

#include "psci/ids.h"
#include "psci/test_support.h"

namespace el2 {
namespace {

using namespace psci;
using testing::FakeHost;
using testing::Rig;

constexpr uint64_t kEntry = 0x4008'0000;
constexpr uint64_t kMinus1 = ~uint64_t{0};

PsciConfig v01_caller() {
  PsciConfig c;
  c.psci_0_2 = {false};
  return c;
}

// ---- CPU_ON (C.5) ---------------------------------------------------------------

TEST_CASE("CPU_ON success starts the target at entry with x0 = context in the caller's EL") {
  Rig rig;
  CHECK(rig.call(kCpuOn64, 2, kEntry, 0xC0FFEE) == 0);
  CHECK(rig.x(1) == 0);
  CHECK(rig.x(2) == 0);
  CHECK(rig.x(3) == 0);
  REQUIRE(rig.host.ons.size() == 1);
  CHECK(rig.host.ons[0].core == 2);
  CHECK(rig.host.ons[0].entry == kEntry);
  CHECK(rig.host.ons[0].context == 0xC0FFEE);
  CHECK(rig.host.ons[0].el == 2);
}

TEST_CASE("CPU_ON: bits outside MPIDR_HWID_BITMASK 0xFF00FFFFFF -> INVALID_PARAMS") {
  Rig rig;
  CHECK(rig.call(kCpuOn64, 0x8000'0001) == kInvalidParams);         // Bit 31 (RES1 in MPIDR).
  CHECK(rig.call(kCpuOn64, 0x0100'0001) == kInvalidParams);         // Bits 31:24.
  CHECK(rig.call(kCpuOn64, 0x100'0000'0001ull) == kInvalidParams);  // Above Aff3.
  CHECK(rig.host.ons.empty());
}

TEST_CASE("CPU_ON: no core with that MPIDR -> INVALID_PARAMS") {
  Rig rig;
  CHECK(rig.call(kCpuOn64, 4) == kInvalidParams);
  CHECK(rig.call(kCpuOn64, 0x100) == kInvalidParams);
  CHECK(rig.host.ons.empty());
}

TEST_CASE("CPU_ON: target not off -> ALREADY_ON; INVALID_PARAMS under 0.1") {
  Rig rig;
  rig.host.power[3] = PowerState::kOn;
  CHECK(rig.call(kCpuOn32, 3, kEntry) == kAlreadyOn);
  CHECK(rig.x(0) == static_cast<uint64_t>(-4));  // Sign-extended (C.2).
  Rig old(v01_caller());
  old.host.power[3] = PowerState::kOn;
  CHECK(old.call(kV01CpuOn, 3, kEntry) == kInvalidParams);
  CHECK(rig.host.ons.empty());
  CHECK(old.host.ons.empty());
}

TEST_CASE("CPU_ON on yourself -> ALREADY_ON") {
  Rig rig;
  CHECK(rig.call(kCpuOn64, 0, kEntry) == kAlreadyOn);
  // Even if the host has not (yet) marked the caller as on.
  rig.host.power[1] = PowerState::kOff;
  CHECK(rig.call(kCpuOn64, 1, kEntry, 0, /*core=*/1) == kAlreadyOn);
  CHECK(rig.host.ons.empty());
}

TEST_CASE("CPU_ON race: the second caller gets ALREADY_ON, never ON_PENDING") {
  Rig rig;
  rig.host.power[2] = PowerState::kOn;
  CHECK(rig.call(kCpuOn64, 1, kEntry, 1, /*core=*/0) == 0);
  CHECK(rig.call(kCpuOn64, 1, kEntry + 4, 2, /*core=*/2) == kAlreadyOn);
  CHECK(rig.host.ons.size() == 1);
}

TEST_CASE("CPU_ON under 0.1 through the legacy ID") {
  Rig rig(v01_caller());
  CHECK(rig.call(kV01CpuOn, 1, kEntry, 9) == 0);
  REQUIRE(rig.host.ons.size() == 1);
  CHECK(rig.host.ons[0].context == 9);
  CHECK(rig.call(kV01CpuOn, 1, kEntry, 9) == kInvalidParams);  // Now on: 0.1 rule.
}

// ---- CPU_OFF, CPU_SUSPEND (C.3) --------------------------------------------------

TEST_CASE("CPU_OFF powers the caller down; CPU_SUSPEND is standby and returns 0") {
  Rig rig;
  rig.host.power[1] = PowerState::kOn;
  CHECK(rig.call(kCpuOff, 0, 0, 0, /*core=*/1) == 0);
  CHECK(rig.host.offs == std::vector<unsigned>{1});
  CHECK(rig.call(kCpuSuspend64, 0x1'0000, kEntry, 5) == 0);
  CHECK(rig.x(1) == 0);
  CHECK(rig.x(2) == 0);
  CHECK(rig.host.standbys == std::vector<unsigned>{0});
  CHECK(rig.host.ons.empty());  // The entry point is ignored.
}

// ---- AFFINITY_INFO (C.5) --------------------------------------------------------

TEST_CASE("AFFINITY_INFO levels and masks") {
  Rig rig;
  // Cores: 0 = 0.0.0 (on), 1 = 0.0.1, 2 = 0.1.0, 3 = 0.1.1 (all off).
  rig.host.mpidr = {0x8000'0000, 0x8000'0001, 0x8000'0100, 0x8000'0101};
  CHECK(rig.call(kAffinityInfo64, 0x000, 0) == kAffinityOn);
  CHECK(rig.call(kAffinityInfo64, 0x001, 0) == kAffinityOff);
  CHECK(rig.call(kAffinityInfo64, 0x002, 0) == kInvalidParams);  // No match.
  // Level 1 (mask 0xFF00FFFF00): Aff0 ignored.
  CHECK(rig.call(kAffinityInfo64, 0x100, 1) == kAffinityOff);
  CHECK(rig.call(kAffinityInfo64, 0x1FF, 1) == kAffinityOff);
  CHECK(rig.call(kAffinityInfo64, 0x001, 1) == kAffinityOn);
  CHECK(rig.call(kAffinityInfo64, 0x200, 1) == kInvalidParams);
  // Level 2 (mask 0xFF00FF0000): Aff1 and Aff0 ignored.
  CHECK(rig.call(kAffinityInfo64, 0xFFFF, 2) == kAffinityOn);
  CHECK(rig.call(kAffinityInfo64, 0x1'0000, 2) == kInvalidParams);
  // Level 3 (mask 0xFF00000000): only Aff3 counts.
  CHECK(rig.call(kAffinityInfo64, 0xFF'FFFF, 3) == kAffinityOn);
  CHECK(rig.call(kAffinityInfo64, 0x1'0000'0000, 3) == kInvalidParams);
  // Level above 3, or target bits outside the HW-ID mask.
  CHECK(rig.call(kAffinityInfo64, 0, 4) == kInvalidParams);
  CHECK(rig.call(kAffinityInfo64, 0x8000'0000, 0) == kInvalidParams);
  // ON if any match is not off (a pending core counts as on); never ON_PENDING.
  rig.host.power[3] = PowerState::kOnPending;
  CHECK(rig.call(kAffinityInfo64, 0x100, 1) == kAffinityOn);
  CHECK(rig.call(kAffinityInfo64, 0x101, 0) == kAffinityOn);
}

// ---- 32-bit argument handling (C.5) ----------------------------------------------

TEST_CASE("32-bit CPU_ON / AFFINITY_INFO zero bits 63:32 of x1..x3; 64-bit IDs do not") {
  Rig rig;
  CHECK(rig.call(kCpuOn32, 0xFFFF'FFFF'0000'0001, 0xAAAA'BBBB'4000'0000, 0x1234'5678'0000'0042) ==
        0);
  REQUIRE(rig.host.ons.size() == 1);
  CHECK(rig.host.ons[0].entry == 0x4000'0000);
  CHECK(rig.host.ons[0].context == 0x42);
  CHECK(rig.call(kCpuOn64, 0xFFFF'FFFF'0000'0002, kEntry) == kInvalidParams);
  CHECK(rig.call(kAffinityInfo32, 0x1'0000'0000, 0x1'0000'0000) == kAffinityOn);
  CHECK(rig.call(kAffinityInfo64, 0, 0x1'0000'0000) == kInvalidParams);
}

TEST_CASE("32-bit SYSTEM_RESET2 narrows in place and writes only x0 on success") {
  Rig rig;
  CHECK(rig.call(kSystemReset2_32, 0x1'0000'0000, 0xDEAD'BEEF'0000'1234, 0xFFFF'FFFF'FFFF'FFFF) ==
        kInternalFailure);
  CHECK(rig.x(1) == 0);
  CHECK(rig.x(2) == 0x1234);
  CHECK(rig.x(3) == 0xFFFF'FFFF);
  REQUIRE(rig.host.events.size() == 1);
  CHECK(rig.host.events[0].event == SystemEvent::kReset);
  CHECK(rig.host.events[0].x[0] == static_cast<uint64_t>(-6));  // Preloaded before the event.
}

TEST_CASE("the function ID is the low 32 bits of x0") {
  Rig rig;
  CHECK(rig.call(0xFFFF'FFFF'0000'0000ull | kPsciVersion) == 0x10001);
  CHECK(rig.call(0x1'0000'0000ull | kSmcccVersion) == 0x10001);
}

// ---- SYSTEM_* (C.5) -------------------------------------------------------------

TEST_CASE("SYSTEM_OFF / SYSTEM_RESET preload x0 = -6, x1..x3 = 0, then raise the event") {
  for (const bool reset : {false, true}) {
    Rig rig;
    CHECK(rig.call(reset ? kSystemReset : kSystemOff, 7, 8, 9) == kInternalFailure);
    CHECK(rig.x(0) == static_cast<uint64_t>(-6));
    CHECK(rig.x(1) == 0);
    CHECK(rig.x(3) == 0);
    REQUIRE(rig.host.events.size() == 1);
    CHECK(rig.host.events[0].event == (reset ? SystemEvent::kReset : SystemEvent::kOff));
    CHECK(rig.host.events[0].type == 0);
    CHECK(rig.host.events[0].x[0] == static_cast<uint64_t>(-6));
    CHECK(rig.host.events[0].x[1] == 0);
    CHECK(rig.host.events[0].x[2] == 0);
  }
}

TEST_CASE("SYSTEM_RESET2: type 0 or >= 0x80000000, else INVALID_PARAMS (x1..x3 = 0)") {
  Rig rig;
  CHECK(rig.call(kSystemReset2_64, 1, 5, 5) == kInvalidParams);
  CHECK(rig.x(1) == 0);
  CHECK(rig.x(2) == 0);
  CHECK(rig.call(kSystemReset2_64, 0x7FFF'FFFF) == kInvalidParams);
  CHECK(rig.host.events.empty());
  CHECK(rig.call(kSystemReset2_64, 0x8000'0000, 0x77, 0) == kInternalFailure);
  CHECK(rig.x(1) == 0x8000'0000);  // Only x0 written on success.
  CHECK(rig.x(2) == 0x77);
  REQUIRE(rig.host.events.size() == 1);
  CHECK(rig.host.events[0].event == SystemEvent::kReset);
  CHECK(rig.host.events[0].type == 0x8000'0000);
  // KVM reads the type into a u32 (psci.c kvm_psci_1_x_call), so bits 63:32 of
  // the 64-bit call's x1 do not count.
  CHECK(rig.call(kSystemReset2_64, 0x1'0000'0000) == kInternalFailure);
}

TEST_CASE("SYSTEM_RESET2 is NOT_SUPPORTED below 1.1") {
  PsciConfig c;
  c.version = PsciVersion::k1_0;
  Rig rig(c);
  CHECK(rig.call(kSystemReset2_64, 0) == kNotSupported);
  CHECK(rig.host.events.empty());
}

TEST_CASE("SYSTEM_OFF2 (1.3): type 0 or HIBERNATE_OFF and cookie 0") {
  PsciConfig c;
  c.latest = PsciVersion::k1_3;
  Rig rig(c);
  CHECK(rig.call(kSystemOff2_64, 2) == kInvalidParams);
  CHECK(rig.call(kSystemOff2_64, 1, 1) == kInvalidParams);
  CHECK(rig.host.events.empty());
  CHECK(rig.call(kSystemOff2_32, 0xFFFF'FFFF'0000'0001, 0xFFFF'FFFF'0000'0000) == kInternalFailure);
  CHECK(rig.x(1) == 0);
  CHECK(rig.x(2) == 0);
  REQUIRE(rig.host.events.size() == 1);
  CHECK(rig.host.events[0].event == SystemEvent::kOff);
  CHECK(rig.host.events[0].type == 1);
  Rig old;  // 1.1: not there.
  CHECK(old.call(kSystemOff2_64, 1) == kNotSupported);
}

TEST_CASE("SYSTEM_SUSPEND: NOT_SUPPORTED unless enabled") {
  Rig rig;
  CHECK(rig.call(kSystemSuspend64, kEntry, 3) == kNotSupported);
  CHECK(rig.x(1) == 0);
  CHECK(rig.x(2) == 0);
  CHECK(rig.host.standbys.empty());
}

TEST_CASE("SYSTEM_SUSPEND enabled: registers other than x0 untouched (el2emu as the VMM)") {
  PsciConfig c;
  c.system_suspend = true;
  Rig rig(c);
  rig.host.power[2] = PowerState::kOn;
  CHECK(rig.call(kSystemSuspend64, kEntry, 3) == kDenied);  // Another core is on.
  CHECK(rig.x(1) == kEntry);
  CHECK(rig.x(2) == 3);
  rig.host.power[2] = PowerState::kOff;
  CHECK(rig.call(kSystemSuspend64, kEntry, 3) == 0);
  CHECK(rig.x(1) == kEntry);
  CHECK(rig.host.standbys == std::vector<unsigned>{0});
}

// ---- Unknown IDs, conduits, immediates (C.4) -----------------------------------

TEST_CASE("unknown IDs: x0 = -1 sign-extended, x1..x3 = 0") {
  Rig rig;
  for (uint64_t id : {uint64_t{1337}, uint64_t{0x4B00'0000}, uint64_t{0xC600'0005},
                      uint64_t{0x8400'0018}, uint64_t{0x0}}) {
    CAPTURE(id);
    CHECK(rig.call(id, 1, 2, 3) == kNotSupported);
    CHECK(rig.x(0) == kMinus1);
    CHECK(rig.x(1) == 0);
    CHECK(rig.x(2) == 0);
    CHECK(rig.x(3) == 0);
  }
}

TEST_CASE("only the configured conduit is answered") {
  Rig hvc;
  CHECK_FALSE(hvc.call_raw(kPsciVersion, 1, 2, 3, 0, /*is_smc=*/true, 0));
  CHECK(hvc.x(0) == kPsciVersion);  // Untouched: the SMC stays UNDEFINED.
  CHECK(hvc.x(1) == 1);
  PsciConfig c;
  c.conduit = PsciConduit::kSmc;
  Rig smc(c);
  CHECK_FALSE(smc.call_raw(kPsciVersion, 0, 0, 0, 0, /*is_smc=*/false, 0));
  CHECK(smc.call_raw(kPsciVersion, 0, 0, 0, 0, /*is_smc=*/true, 0));
  CHECK(smc.x(0) == 0x10001);
}

TEST_CASE("SMC with a non-zero immediate: x0 = -1 only (KVM 6.4+)") {
  PsciConfig c;
  c.conduit = PsciConduit::kSmc;
  Rig rig(c);
  CHECK(rig.call_raw(kCpuOn64, 1, kEntry, 5, 0, true, 1));
  CHECK(rig.x(0) == kMinus1);
  CHECK(rig.x(1) == 1);
  CHECK(rig.x(2) == kEntry);
  CHECK(rig.x(3) == 5);
  CHECK(rig.host.ons.empty());
}

TEST_CASE("the HVC immediate is ignored") {
  Rig rig;
  CHECK(rig.call_raw(kPsciVersion, 0, 0, 0, 0, false, 0x1234));
  CHECK(rig.x(0) == 0x10001);
}

TEST_CASE("ARCH_WORKAROUND_1/2/3 fast path: x0 = 0, x1 = 0 whatever ARCH_FEATURES says") {
  PsciConfig c;
  c.spectre_v2 = HostMitigation::kVulnerable;
  c.spectre_v4 = HostMitigation::kVulnerable;
  c.spectre_bhb = HostMitigation::kVulnerable;
  Rig rig(c);
  CHECK(rig.call(kSmcccArchFeatures, kArchWorkaround1) == kNotSupported);
  for (uint32_t id : {kArchWorkaround1, kArchWorkaround2, kArchWorkaround3}) {
    CHECK(rig.call(0xABCD'0000'0000'0000ull | id, 0x55, 0x66, 0x77) == 0);
    CHECK(rig.x(1) == 0);
    CHECK(rig.x(2) == 0x66);
    CHECK(rig.x(3) == 0x77);
  }
}

TEST_CASE("ARCH_WORKAROUND_* through SMC take the slow path: -1") {
  PsciConfig c;
  c.conduit = PsciConduit::kSmc;
  Rig rig(c);
  CHECK(rig.call(kArchWorkaround1, 0x55) == kNotSupported);
  CHECK(rig.x(1) == 0);
}

// ---- SMCCC_ARCH_FEATURES per host state (C.6) -----------------------------------

TEST_CASE("ARCH_FEATURES(WA1/WA3): mitigated 0, unaffected 1, vulnerable -1") {
  const std::pair<HostMitigation, int64_t> cases[] = {{HostMitigation::kMitigated, 0},
                                                      {HostMitigation::kUnaffected, 1},
                                                      {HostMitigation::kVulnerable, -1}};
  for (auto [m, want] : cases) {
    PsciConfig c;
    c.spectre_v2 = m;
    c.spectre_bhb = m;
    Rig rig(c);
    CHECK(rig.call(kSmcccArchFeatures, kArchWorkaround1) == want);
    CHECK(rig.call(kSmcccArchFeatures, kArchWorkaround3) == want);
  }
}

TEST_CASE("ARCH_FEATURES(WA2): vulnerable -1, mitigated+SSBS -1, mitigated -2, unaffected -2") {
  struct C {
    HostMitigation m;
    bool ssbs;
    int64_t want;
  };
  for (C k :
       {C{HostMitigation::kVulnerable, false, -1}, C{HostMitigation::kMitigated, true, -1},
        C{HostMitigation::kMitigated, false, -2}, C{HostMitigation::kUnaffected, false, -2}}) {
    PsciConfig c;
    c.spectre_v4 = k.m;
    c.host_ssbs = k.ssbs;
    Rig rig(c);
    CHECK(rig.call(kSmcccArchFeatures, kArchWorkaround2) == k.want);
  }
}

TEST_CASE("ARCH_FEATURES reads x1 as 32 bits; PV_TIME_FEATURES follows STD_HYP bit 0") {
  Rig rig;
  CHECK(rig.call(kSmcccArchFeatures, 0xFFFF'FFFF'0000'0000ull | kArchWorkaround1) == 1);
  CHECK(rig.call(kSmcccArchFeatures, kPvTimeFeatures) == 0);
  PsciConfig c;
  c.std_hyp_bmap = 0;
  Rig off(c);
  CHECK(off.call(kSmcccArchFeatures, kPvTimeFeatures) == kNotSupported);
}

TEST_CASE("cleared bitmap bits make the gated calls return -1 with x1..x3 = 0 (C.7)") {
  PsciConfig c;
  c.vendor_hyp_bmap = 0;
  Rig rig(c);
  CHECK(rig.call(kVendorHypCallUid) == kNotSupported);
  CHECK(rig.x(1) == 0);
  CHECK(rig.x(3) == 0);
  CHECK(rig.call(kKvmFeatures) == kNotSupported);
}

// ---- Version gating (C.3) -------------------------------------------------------

TEST_CASE("a core without PSCI_0_2 has only 0.1, the others the VM's version") {
  PsciConfig c;
  c.psci_0_2 = {true, false};
  Rig rig(c);
  CHECK(rig.call(kPsciVersion, 0, 0, 0, /*core=*/0) == 0x10001);
  CHECK(rig.call(kPsciVersion, 0, 0, 0, /*core=*/1) == kNotSupported);
  CHECK(rig.call(kCpuOn64, 2, kEntry, 0, /*core=*/1) == kNotSupported);
  CHECK(rig.call(kV01CpuOn, 2, kEntry, 0, /*core=*/1) == 0);
  CHECK(rig.call(kV01CpuOn, 3, kEntry, 0, /*core=*/0) == kNotSupported);
  CHECK(rig.fw.version_for(1) == PsciVersion::k0_1);
}

// ---- Trace events ---------------------------------------------------------------

struct Recorder : PsciObserver {
  void on_psci_call(const PsciCallEvent& e) override { events.push_back(e); }
  std::vector<PsciCallEvent> events;
};

TEST_CASE("every answered call produces one trace event with args and results") {
  Rig rig;
  Recorder rec;
  rig.fw.add_observer(&rec);
  rig.call(kCpuOn32, 0xFFFF'FFFF'0000'0001, kEntry, 3, /*core=*/0);
  rig.call(1337, 4, 5, 6);
  rig.call_raw(kPsciVersion, 0, 0, 0, 0, /*is_smc=*/true, 0);  // Wrong conduit: no event.
  REQUIRE(rec.events.size() == 2);
  const PsciCallEvent& e = rec.events[0];
  CHECK(e.core == 0);
  CHECK(e.function_id == kCpuOn32);
  CHECK(std::strcmp(e.name, "CPU_ON") == 0);
  CHECK(e.args[0] == 0xFFFF'FFFF'0000'0001);  // As passed, before narrowing.
  CHECK(e.args[1] == kEntry);
  CHECK(e.result[0] == 0);
  CHECK(std::strcmp(rec.events[1].name, "UNKNOWN") == 0);
  CHECK(rec.events[1].result[0] == kMinus1);
  rig.fw.remove_observer(&rec);
  rig.call(kPsciVersion);
  CHECK(rec.events.size() == 2);
}

}  // namespace
}  // namespace el2
