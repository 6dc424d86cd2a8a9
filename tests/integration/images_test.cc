// Runs the basic test images end to end: loading, the runtime, semihosting,
// exceptions through the runtime's vectors, and run limits.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "tests/integration/image_runner.h"

namespace el2 {
namespace {

using testing::run_image;

TEST_CASE("hello runs at every entry EL and exits with its own code") {
  for (unsigned el : {1u, 2u, 3u}) {
    CAPTURE(el);
    MachineConfig c;
    c.entry_el = el;
    const auto run = run_image("tests/images/hello.elf", c);
    CHECK(run.result.reason == StopReason::kGuestExit);
    CHECK(run.result.exit_code == 7);
    CHECK(run.output == "hello from EL" + std::to_string(el) + "\n");
  }
}

TEST_CASE("hello runs on machines without EL3 or EL2, starting at the highest EL") {
  MachineConfig c;
  c.has_el3 = false;
  CHECK(run_image("tests/images/hello.elf", c).output == "hello from EL2\n");
  c.has_el2 = false;
  CHECK(run_image("tests/images/hello.elf", c).output == "hello from EL1\n");
}

TEST_CASE("semihosting calls: WRITEC, WRITE0, WRITE, unsupported, EXIT_EXTENDED") {
  const auto run = run_image("tests/images/semihosting.elf");
  CHECK(run.output == "AB\nCD\n");
  CHECK(run.result.reason == StopReason::kGuestExit);
  CHECK(run.result.exit_code == 42);
}

TEST_CASE("an UNDEFINED instruction is taken to the current EL's sync vector") {
  MachineConfig c;
  c.entry_el = 1;
  const auto run = run_image("tests/images/undef.elf", c);
  CHECK(run.result.exit_code == 99);
  // rt_vectors reports offset 0x200 (current EL with SP_ELx, synchronous) and
  // ESR_EL1 = EC 0x00 with IL set (Arm ARM D17.2.37).
  CHECK(run.output.find("vector offset 0x0000000000000200 ESR 0x0000000002000000") !=
        std::string::npos);
}

TEST_CASE("a guest that never stops hits the instruction limit exactly") {
  const auto run = run_image("tests/images/loop.elf", {}, 12345);
  CHECK(run.result.reason == StopReason::kInsnLimit);
  CHECK(run.result.insns == 12345);
}

TEST_CASE("WFE after SEVL does not wait; WFI with nothing to wake the core is a deadlock") {
  const auto ok = run_image("tests/images/wait.elf");
  CHECK(ok.result.reason == StopReason::kGuestExit);
  CHECK(ok.result.exit_code == 0);

  MachineConfig c;
  Machine m(c);
  const LoadedImage& img = m.load_elf("tests/images/wait.elf");
  const uint64_t one = 1;
  m.memory().write_phys(img.find_symbol("mode")->addr, &one, 8);
  m.reset(img.entry);
  const RunResult r = m.run(1'000'000);
  CHECK(r.reason == StopReason::kFatal);
  CHECK(r.message.find("deadlock") != std::string::npos);
  CHECK(m.cpu().activity() == Cpu::Activity::kWfi);
}

TEST_CASE("secondary cores start powered off and never run by themselves") {
  MachineConfig c;
  c.smp = 4;
  const auto run = run_image("tests/images/hello.elf", c);
  CHECK(run.result.exit_code == 7);
  Machine m(c);
  CHECK(m.core_count() == 4);
  CHECK(m.cpu(3).activity() == Cpu::Activity::kOff);
  CHECK(m.cpu(2).mpidr() == 0x8000'0002);
}

TEST_CASE("runs are deterministic: same image, same instruction count and output") {
  const auto a = run_image("tests/images/hello.elf");
  const auto b = run_image("tests/images/hello.elf");
  CHECK(a.result.insns == b.result.insns);
  CHECK(a.output == b.output);
  CHECK(a.result.insns > 0);
}

}  // namespace
}  // namespace el2
