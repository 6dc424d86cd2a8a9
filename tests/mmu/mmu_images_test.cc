// Runs the MMU images under el2emu: each checks itself (ESR/FAR/PAR values,
// TLB maintenance) and prints "PASS <name>".
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "tests/mmu/mmu_runner.h"

namespace el2 {
namespace {

using mmutest::run_image;

TEST_CASE("stage 1 at EL2: faults, AT S1E2R/W, TLBI VAE2/VALE2/ALLE2") {
  for (const char* cpu : {"cortex-a57", "cortex-a53", "max"}) {
    CAPTURE(cpu);
    MachineConfig c;
    c.cpu = cpu;
    const auto run = run_image("tests/mmu/mmu_el2.elf", c);
    CHECK(run.output == "stale 5/5\nPASS mmu_el2\n");
    CHECK(run.result.exit_code == 0);
  }
}

TEST_CASE("stage 1 at EL1: TTBR0/TTBR1, ASIDs, EL0 permissions, TLBI EL1 forms") {
  MachineConfig c;
  auto run = run_image("tests/mmu/mmu_el1.elf", c);
  CHECK(run.output == "stale 6/6\nPASS mmu_el1\n");
  CHECK(run.result.exit_code == 0);
  c.cpu = "max";  // FEAT_PAN: also PSTATE.PAN and AT S1E1RP.
  run = run_image("tests/mmu/mmu_el1.elf", c);
  CHECK(run.output == "PAN checked\nstale 6/6\nPASS mmu_el1\n");
  CHECK(run.result.exit_code == 0);
}

TEST_CASE("alignment: MMU off is Device, MMU on follows the memory type") {
  const auto run = run_image("tests/mmu/mmu_align.elf");
  CHECK(run.output == "stale 0/0\nPASS mmu_align\n");
  CHECK(run.result.exit_code == 0);
}

}  // namespace
}  // namespace el2
