// Runs the PSCI test suite (suite/) on four cores against el2emu's built-in
// firmware (KVM semantics, psci/) and against the guest EL3 firmware
// (psci/firmware/), and checks that both transcripts pass and are identical.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "platform/machine.h"

namespace el2 {
namespace {

constexpr const char* kSuite = "tests/psci/psci_suite.elf";
constexpr const char* kPortable = "tests/psci/psci_suite_portable.elf";
constexpr const char* kFirmware = "psci/firmware/psci_firmware.elf";
constexpr uint64_t kMaxInsns = 200'000'000;

struct SuiteRun {
  RunResult result;
  std::string output;
};

// Loads `images` in order and starts at the first one's entry point.
SuiteRun run(MachineConfig config, std::initializer_list<const char*> images) {
  std::FILE* out = std::tmpfile();
  config.console = out;
  Machine m(config);
  uint64_t entry = 0;
  for (const char* path : images) {
    const LoadedImage& img = m.load_elf(path);
    if (!entry) entry = img.entry;
  }
  m.reset(entry);
  SuiteRun r;
  r.result = m.run(kMaxInsns);
  std::fflush(out);
  std::rewind(out);
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, out)) > 0) r.output.append(buf, n);
  std::fclose(out);
  return r;
}

// Machine{no EL3, 4 cores, built-in PSCI on SMC, entry at EL2}: the payload
// alone, secondaries off until CPU_ON.
SuiteRun run_builtin(const char* suite = kSuite) {
  MachineConfig c;
  c.has_el3 = false;
  c.smp = 4;
  c.entry_el = 2;
  c.psci_config.conduit = PsciConduit::kSmc;
  return run(c, {suite});
}

// Machine{EL3, 4 cores, no built-in PSCI, every core at the entry}: the guest
// firmware boots at EL3 and drops core 0 to the payload at EL2.
SuiteRun run_guest(const char* suite = kSuite) {
  MachineConfig c;
  c.has_el3 = true;
  c.smp = 4;
  c.psci = false;
  c.secondaries = SecondaryStart::kAtEntry;
  return run(c, {kFirmware, suite});
}

void check_all_pass(const SuiteRun& r) {
  INFO(r.output);
  CHECK(r.output.find("FAIL") == std::string::npos);
  CHECK(r.output.find("PASS CPU_ON64(self) -> ALREADY_ON\n") != std::string::npos);
  CHECK(r.output.find("PASS   exactly one racer got SUCCESS\n") != std::string::npos);
  CHECK(r.output.find("all checks passed; PSCI SYSTEM_OFF\n") != std::string::npos);
}

TEST_CASE("the suite passes on the built-in firmware and ends with SYSTEM_OFF") {
  const SuiteRun r = run_builtin();
  check_all_pass(r);
  CHECK(r.result.reason == StopReason::kSystemOff);
  CHECK(r.result.exit_code == 0);
}

TEST_CASE("the suite passes on the guest EL3 firmware, whose SYSTEM_OFF exits 0") {
  const SuiteRun r = run_guest();
  check_all_pass(r);
  INFO(r.result.message);
  CHECK(r.result.reason == StopReason::kGuestExit);
  CHECK(r.result.exit_code == 0);
}

TEST_CASE("built-in and guest firmware give identical transcripts") {
  const SuiteRun builtin = run_builtin();
  const SuiteRun guest = run_guest();
  CHECK(builtin.output == guest.output);
  CHECK(builtin.output.find("ANSWER VENDOR_HYP_CALL_UID") != std::string::npos);
}

TEST_CASE("the portable subset (for QEMU) passes on both firmware, identically") {
  const SuiteRun builtin = run_builtin(kPortable);
  const SuiteRun guest = run_guest(kPortable);
  check_all_pass(builtin);
  CHECK(builtin.output == guest.output);
  CHECK(builtin.output.find("ANSWER") == std::string::npos);
  CHECK(builtin.output.find("SKIP SMCCC_VERSION = 1.1 (KVM-specific)\n") != std::string::npos);
  CHECK(builtin.result.reason == StopReason::kSystemOff);
  CHECK(guest.result.reason == StopReason::kGuestExit);
  CHECK(guest.result.exit_code == 0);
}

TEST_CASE("runs are deterministic") {
  const SuiteRun a = run_guest();
  const SuiteRun b = run_guest();
  CHECK(a.output == b.output);
  CHECK(a.result.insns == b.result.insns);
}

TEST_CASE("secondaries at entry without firmware: every core runs the image") {
  MachineConfig c;
  c.smp = 3;
  c.secondaries = SecondaryStart::kAtEntry;
  Machine m(c);
  for (unsigned i = 0; i < 3; ++i)
    CHECK(m.core_power(i) == (i == 0 ? PowerState::kOn : PowerState::kOff));
  m.reset(0x4000'0000);
  for (unsigned i = 0; i < 3; ++i) {
    CHECK(m.core_power(i) == PowerState::kOn);
    CHECK(m.cpu(i).state().pc == 0x4000'0000);
    CHECK(m.cpu(i).state().pstate.el == 3);
  }
}

}  // namespace
}  // namespace el2
