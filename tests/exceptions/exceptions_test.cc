// Runs the exception-model images (tests/exceptions/*.c) in el2emu. Each image
// checks itself against the Arm ARM and names the first failed check; here
// each must end with "PASS <name>" and exit code 0. The same images run
// under QEMU in qemu_diff_test.py.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "platform/machine.h"

namespace el2 {
namespace {

struct Run {
  RunResult result;
  std::string output;
};

// Entry at EL3 of a machine with EL3 and EL2 (MachineConfig's defaults), as
// QEMU's virt board with secure=on,virtualization=on starts an ELF kernel.
Run run_image(const std::string& name, const std::string& cpu = "cortex-a57") {
  std::FILE* out = std::tmpfile();
  MachineConfig config;
  config.cpu = cpu;
  config.console = out;
  Machine m(config);
  m.reset(m.load_elf("tests/exceptions/" + name + ".elf").entry);
  Run run;
  run.result = m.run(50'000'000);
  std::fflush(out);
  std::rewind(out);
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, out)) > 0) run.output.append(buf, n);
  std::fclose(out);
  return run;
}

void check_passes(const std::string& name, const std::string& cpu = "cortex-a57") {
  CAPTURE(name);
  CAPTURE(cpu);
  const Run run = run_image(name, cpu);
  CHECK(run.result.reason == StopReason::kGuestExit);
  CHECK(run.result.exit_code == 0);
  CHECK(run.output == "PASS " + name + "\n");
}

TEST_CASE("synchronous exception classes: UDF, SVC, HVC, SMC, BRK from each EL") {
  check_passes("sync_classes");
}

TEST_CASE("HVC at EL3 is taken to EL3, or UNDEFINED with SCR_EL3.HCE = 0") {
  check_passes("hvc_el3");
}

TEST_CASE("UNDEFINED: HVC/SMC/ERET at EL0, HCE = 0, SMD = 1, EL2/EL3 registers, unknown") {
  check_passes("undefined_cases");
}

TEST_CASE("illegal exception returns set PSTATE.IL and the next instruction takes EC 0x0E") {
  check_passes("illegal_state");
}

TEST_CASE("PC alignment, external aborts and alignment faults: ESR, ELR, FAR") {
  check_passes("faults");
}

TEST_CASE("HCR_EL2 trap bits: TSC TWI TVM TRVM TID1 TID2 TID3 TACR TSW TPC TPU TTLB TDZ") {
  check_passes("hcr_traps");
}

TEST_CASE("WFI traps by SCTLR_EL1.nTWI, HCR_EL2.TWI, SCR_EL3.TWI; CTR_EL0; SMC with SMD at EL3") {
  check_passes("el1_traps");
}

TEST_CASE("WFE traps only when WFE would wait: nTWE, HCR_EL2.TWE, SCR_EL3.TWE") {
  check_passes("wfe_traps");
}

TEST_CASE("SIMD&FP traps: CPACR_EL1.FPEN, CPTR_EL2.TFP, CPTR_EL3.TFP on FPCR/FPSR") {
  check_passes("fp_traps");
}

TEST_CASE("the images pass on the other CPU models too") {
  for (const char* cpu : {"cortex-a53", "cortex-a72"})
    for (const char* name : {"sync_classes", "illegal_state", "hcr_traps", "fp_traps"})
      check_passes(name, cpu);
}

}  // namespace
}  // namespace el2
