// The spec table, per PSCI version: which IDs exist and what they return.
// Every expected value comes from ../shared/spec/STUB_AND_PSCI_FACTS.md Part C
// (C.3 table, C.4 gating, C.5 semantics, C.6 SMCCC answers), not from the
// implementation. Set-up: 4 cores, MPIDR = 0x80000000 | n, core 0 (the caller)
// on, the others off, an unaffected host, default bitmaps.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "psci/function_table.h"

#include <doctest/doctest.h>

#include <cstring>

#include "psci/ids.h"
#include "psci/test_support.h"

namespace el2 {
namespace {

using namespace psci;
using testing::Rig;

constexpr PsciVersion kVersions[] = {PsciVersion::k0_1, PsciVersion::k0_2, PsciVersion::k1_0,
                                     PsciVersion::k1_1, PsciVersion::k1_2, PsciVersion::k1_3};

// A rig whose caller (core 0) sees `v`: 0.1 through a core without PSCI_0_2
// (C.3), the others as the VM's chosen version of a 6.13+ KVM.
PsciConfig config_for(PsciVersion v) {
  PsciConfig c;
  c.latest = PsciVersion::k1_3;
  if (v == PsciVersion::k0_1)
    c.psci_0_2 = {false};
  else
    c.version = v;
  return c;
}

constexpr int64_t N = -1;  // NOT_SUPPORTED.

struct Row {
  uint32_t id;
  uint64_t x1, x2, x3;
  int64_t expect[6];  // x0 for 0.1, 0.2, 1.0, 1.1, 1.2, 1.3; x1..x3 end up 0.
};

const Row kRows[] = {
    // Legacy 0.1 IDs work only under 0.1 (C.3); CPU_SUSPEND/MIGRATE never.
    {kV01CpuSuspend, 0, 0, 0, {N, N, N, N, N, N}},
    {kV01CpuOff, 0, 0, 0, {0, N, N, N, N, N}},
    {kV01CpuOn, 1, 0x40000000, 7, {0, N, N, N, N, N}},
    {kV01Migrate, 0, 0, 0, {N, N, N, N, N, N}},
    // PSCI 0.2+ (C.3).
    {kPsciVersion, 0, 0, 0, {N, 0x2, 0x10000, 0x10001, 0x10002, 0x10003}},
    {kCpuSuspend32, 0, 0, 0, {N, 0, 0, 0, 0, 0}},
    {kCpuSuspend64, 0, 0, 0, {N, 0, 0, 0, 0, 0}},
    {kCpuOff, 0, 0, 0, {N, 0, 0, 0, 0, 0}},
    {kCpuOn32, 1, 0x40000000, 7, {N, 0, 0, 0, 0, 0}},
    {kCpuOn64, 1, 0x40000000, 7, {N, 0, 0, 0, 0, 0}},
    {kAffinityInfo32, 0, 0, 0, {N, 0, 0, 0, 0, 0}},  // Core 0: ON.
    {kAffinityInfo64, 1, 0, 0, {N, 1, 1, 1, 1, 1}},  // Core 1: OFF.
    {kMigrate32, 0, 0, 0, {N, N, N, N, N, N}},
    {kMigrate64, 0, 0, 0, {N, N, N, N, N, N}},
    {kMigrateInfoType, 0, 0, 0, {N, 2, 2, 2, 2, 2}},
    {kMigrateInfoUpCpu32, 0, 0, 0, {N, N, N, N, N, N}},
    {kMigrateInfoUpCpu64, 0, 0, 0, {N, N, N, N, N, N}},
    {kSystemOff, 0, 0, 0, {N, -6, -6, -6, -6, -6}},
    {kSystemReset, 0, 0, 0, {N, -6, -6, -6, -6, -6}},
    {kPsciFeatures, kPsciVersion, 0, 0, {N, N, 0, 0, 0, 0}},
    {kCpuFreeze, 0, 0, 0, {N, N, N, N, N, N}},
    {kCpuDefaultSuspend32, 0, 0, 0, {N, N, N, N, N, N}},
    {kCpuDefaultSuspend64, 0, 0, 0, {N, N, N, N, N, N}},
    {kNodeHwState32, 0, 0, 0, {N, N, N, N, N, N}},
    {kNodeHwState64, 0, 0, 0, {N, N, N, N, N, N}},
    {kSystemSuspend32, 0x40000000, 0, 0, {N, N, N, N, N, N}},  // Not enabled.
    {kSystemSuspend64, 0x40000000, 0, 0, {N, N, N, N, N, N}},
    {kSetSuspendMode, 0, 0, 0, {N, N, N, N, N, N}},
    {kStatResidency32, 0, 0, 0, {N, N, N, N, N, N}},
    {kStatResidency64, 0, 0, 0, {N, N, N, N, N, N}},
    {kStatCount32, 0, 0, 0, {N, N, N, N, N, N}},
    {kStatCount64, 0, 0, 0, {N, N, N, N, N, N}},
    // SYSTEM_RESET2(0) from 1.1; on success only x0 is written (x1..x3 are 0
    // here because the arguments were).
    {kSystemReset2_32, 0, 0, 0, {N, N, N, -6, -6, -6}},
    {kSystemReset2_64, 0, 0, 0, {N, N, N, -6, -6, -6}},
    {kMemProtect, 0, 0, 0, {N, N, N, N, N, N}},
    {kMemProtectCheckRange32, 0, 0, 0, {N, N, N, N, N, N}},
    {kMemProtectCheckRange64, 0, 0, 0, {N, N, N, N, N, N}},
    {kSystemOff2_32, 0, 0, 0, {N, N, N, N, N, -6}},
    {kSystemOff2_64, 1, 0, 0, {N, N, N, N, N, -6}},
    {kCleanInvMemregion64, 0, 0, 0, {N, N, N, N, N, N}},
    {kCleanInvMemregionAttributes, 0, 0, 0, {N, N, N, N, N, N}},
    // SMCCC architecture calls: answered before the PSCI version switch, so
    // under 0.1 as well (C.4 step 5, C.6).
    {kSmcccVersion, 0, 0, 0, {0x10001, 0x10001, 0x10001, 0x10001, 0x10001, 0x10001}},
    {kSmcccArchFeatures, kArchWorkaround1, 0, 0, {1, 1, 1, 1, 1, 1}},
    {kSmcccArchFeatures, kArchWorkaround2, 0, 0, {-2, -2, -2, -2, -2, -2}},
    {kSmcccArchFeatures, kArchWorkaround3, 0, 0, {1, 1, 1, 1, 1, 1}},
    {kSmcccArchFeatures, kSmcccArchSocId, 0, 0, {N, N, N, N, N, N}},
    {kSmcccArchFeatures, kSmcccArchFeatures, 0, 0, {N, N, N, N, N, N}},
    {kSmcccArchFeatures, kPvTimeFeatures, 0, 0, {0, 0, 0, 0, 0, 0}},
    {kSmcccArchSocId, 0, 0, 0, {N, N, N, N, N, N}},
    // HVC fast path (C.4 step 2): x0 = 0, x1 = 0, x2/x3 untouched.
    {kArchWorkaround1, 5, 0, 0, {0, 0, 0, 0, 0, 0}},
    {kArchWorkaround2, 5, 0, 0, {0, 0, 0, 0, 0, 0}},
    {kArchWorkaround3, 5, 0, 0, {0, 0, 0, 0, 0, 0}},
    // KVM vendor calls (C.6), default VENDOR_HYP_BMAP 0x3.
    {kKvmFeatures, 0, 0, 0, {3, 3, 3, 3, 3, 3}},
    // Unknown IDs (C.4 step 4): kvm-unit-tests' 1337, micro-bench's 0x4B000000.
    {1337, 1, 2, 3, {N, N, N, N, N, N}},
    {0x4B000000, 1, 2, 3, {N, N, N, N, N, N}},
    {0x84000020, 1, 2, 3, {N, N, N, N, N, N}},
};

TEST_CASE("per-version answers for every function ID (C.3, C.6)") {
  for (const Row& row : kRows) {
    for (size_t vi = 0; vi < 6; ++vi) {
      CAPTURE(psci_function_name(row.id));
      CAPTURE(row.id);
      CAPTURE(psci_version_name(kVersions[vi]));
      Rig rig(config_for(kVersions[vi]));
      const int64_t x0 = rig.call(row.id, row.x1, row.x2, row.x3);
      CHECK(x0 == row.expect[vi]);
      CHECK(rig.x(1) == 0);
      CHECK(rig.x(2) == 0);
      CHECK(rig.x(3) == 0);
    }
  }
}

TEST_CASE("VENDOR_HYP_CALL_UID answers KVM's UID in x0..x3 for every version (C.6)") {
  for (PsciVersion v : kVersions) {
    Rig rig(config_for(v));
    CHECK(rig.call(kVendorHypCallUid) == 0xB66FB428);
    CHECK(rig.x(1) == 0xE911C52E);
    CHECK(rig.x(2) == 0x564BCAA9);
    CHECK(rig.x(3) == 0x743A004D);
  }
}

TEST_CASE("PSCI_FEATURES answers per version (C.3)") {
  struct F {
    uint32_t query;
    int64_t expect[5];  // 0.2 has no PSCI_FEATURES; 1.0, 1.1, 1.2, 1.3 below.
  };
  const F rows[] = {
      {kPsciVersion, {0, 0, 0, 0}},
      {kCpuSuspend32, {0, 0, 0, 0}},
      {kCpuSuspend64, {0, 0, 0, 0}},
      {kCpuOff, {0, 0, 0, 0}},
      {kCpuOn32, {0, 0, 0, 0}},
      {kCpuOn64, {0, 0, 0, 0}},
      {kAffinityInfo32, {0, 0, 0, 0}},
      {kAffinityInfo64, {0, 0, 0, 0}},
      {kMigrateInfoType, {0, 0, 0, 0}},
      {kSystemOff, {0, 0, 0, 0}},
      {kSystemReset, {0, 0, 0, 0}},
      {kPsciFeatures, {0, 0, 0, 0}},
      {kSmcccVersion, {0, 0, 0, 0}},
      {kSmcccArchFeatures, {N, N, N, N}},
      {kSystemSuspend32, {N, N, N, N}},
      {kSystemSuspend64, {N, N, N, N}},
      {kSystemReset2_32, {N, 0, 0, 0}},
      {kSystemReset2_64, {N, 0, 0, 0}},
      {kSystemOff2_32, {N, N, N, 1}},
      {kSystemOff2_64, {N, N, N, 1}},
      {kMigrate32, {N, N, N, N}},
      {kMigrateInfoUpCpu64, {N, N, N, N}},
      {kCpuFreeze, {N, N, N, N}},
      {kCpuDefaultSuspend32, {N, N, N, N}},
      {kV01CpuOn, {N, N, N, N}},
      {kArchWorkaround1, {N, N, N, N}},
      {1337, {N, N, N, N}},
  };
  for (const F& f : rows) {
    for (size_t vi = 0; vi < 4; ++vi) {
      const PsciVersion v = kVersions[vi + 2];
      CAPTURE(psci_function_name(f.query));
      CAPTURE(psci_version_name(v));
      Rig rig(config_for(v));
      CHECK(rig.call(kPsciFeatures, f.query) == f.expect[vi]);
    }
  }
}

TEST_CASE("PSCI_FEATURES(SYSTEM_SUSPEND) is 0 once enabled (C.3)") {
  PsciConfig c;
  c.system_suspend = true;
  Rig rig(c);
  CHECK(rig.call(kPsciFeatures, kSystemSuspend32) == 0);
  CHECK(rig.call(kPsciFeatures, kSystemSuspend64) == 0);
  // x1 is read as 32 bits.
  CHECK(rig.call(kPsciFeatures, 0xFFFF'FFFF'0000'0000ull | kCpuOn64) == 0);
}

TEST_CASE("the default version is KVM_ARM_PSCI_LATEST: 1.1 (Linux 6.1/6.12) (C.3)") {
  Rig rig;
  CHECK(rig.call(kPsciVersion) == 0x10001);
  PsciConfig c;
  c.latest = PsciVersion::k1_3;
  Rig next(c);
  CHECK(next.call(kPsciVersion) == 0x10003);
}

TEST_CASE("a VM-wide version of 0.1 applies to cores with PSCI_0_2 too (C.7)") {
  PsciConfig c;
  c.version = PsciVersion::k0_1;
  Rig rig(c);
  CHECK(rig.call(kPsciVersion) == N);
  CHECK(rig.call(kV01CpuOn, 1, 0x40000000, 0) == 0);
}

TEST_CASE("the table has one row per ID, and every name resolves") {
  const auto table = psci_function_table();
  for (size_t i = 0; i < table.size(); ++i) {
    for (size_t j = i + 1; j < table.size(); ++j) CHECK(table[i].id != table[j].id);
    CHECK(std::strcmp(psci_function_name(table[i].id), table[i].name) == 0);
  }
  CHECK(std::strcmp(psci_function_name(kCpuOn64), "CPU_ON64") == 0);
  CHECK(std::strcmp(psci_function_name(kV01CpuOn), "PSCI_0_1_CPU_ON") == 0);
  CHECK(std::strcmp(psci_function_name(kSmcccVersion), "SMCCC_VERSION") == 0);
  CHECK(std::strcmp(psci_function_name(1337), "UNKNOWN") == 0);
}

}  // namespace
}  // namespace el2
