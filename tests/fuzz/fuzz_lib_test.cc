// Unit tests of el2emu fuzz's parts: the reproducer format, the generator,
// the minimiser, snapshots, and the executor on the reference stub and a
// mutant (stubs/).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "stubs/contract.h"
#include "tools/fuzz/executor.h"
#include "tools/fuzz/fuzz_machine.h"
#include "tools/fuzz/generator.h"
#include "tools/fuzz/minimize.h"
#include "tools/fuzz/rng.h"
#include "tools/fuzz/sequence.h"
#include "tools/fuzz/snapshot.h"

namespace el2::fuzz {
namespace {

constexpr const char* kReference = "stubs/reference_stub_image.elf";
const Targets kTargets{0x40000000, 0x3ff01000, 0x3ff00100};

TEST_CASE("steps print and parse back") {
  for (uint64_t run = 0; run < 50; ++run) {
    for (const Step& s : generate(run_seed(7, run), kTargets)) {
      std::string error;
      const auto back = parse_step(format_step(s), error);
      REQUIRE_MESSAGE(back, error);
      // Fields a kind does not print come back as zero.
      Step want = s;
      if (s.kind == StepKind::kSmc) want.x[4] = 0;
      CHECK(*back == want);
    }
  }
}

TEST_CASE("malformed steps are refused with a reason") {
  std::string error;
  for (const char* bad : {"", "jmp #0", "hvc", "hvc #0x10000", "hvc #0 x9=1", "hvc #0 x1=1 x1=2",
                          "smc #0 x4=1", "hvc #0 fill=zz", "msr vbar_el1", "msr vbar_el1 -1"}) {
    CAPTURE(bad);
    error.clear();
    CHECK_FALSE(parse_step(bad, error));
    CHECK_FALSE(error.empty());
  }
}

TEST_CASE("reproducers print and parse back; errors name the line") {
  Reproducer r;
  r.stub = "/x/stub.elf";
  r.vectors = 0x40000800;
  r.contract = "linux-6.1";
  r.cpu = "max";
  r.expect = "preserve.x30";
  r.notes = {"a note"};
  r.steps = generate(run_seed(1, 3), kTargets);
  const Reproducer back = parse_reproducer(format_reproducer(r));
  CHECK(back.stub == r.stub);
  CHECK(back.vectors == r.vectors);
  CHECK(back.contract == r.contract);
  CHECK(back.cpu == r.cpu);
  CHECK(back.expect == r.expect);
  CHECK(back.steps == r.steps);

  CHECK_THROWS_WITH(parse_reproducer("stub a\n"),
                    doctest::Contains("not an el2emu fuzz reproducer"));
  CHECK_THROWS_WITH(parse_reproducer("format el2emu-fuzz-1\nstub a\nvectors 0\nhvc #0 x7=1\n"),
                    doctest::Contains("line 4"));
  CHECK_THROWS_WITH(parse_reproducer("format el2emu-fuzz-9\n"),
                    doctest::Contains("unknown format"));
  CHECK_THROWS_WITH(parse_reproducer("format el2emu-fuzz-1\nvectors 0\n"),
                    doctest::Contains("no 'stub'"));
}

TEST_CASE("the generator is a function of the seed, and covers every step kind") {
  CHECK(generate(run_seed(1, 5), kTargets) == generate(run_seed(1, 5), kTargets));
  CHECK(generate(run_seed(1, 5), kTargets) != generate(run_seed(1, 6), kTargets));
  unsigned kinds[3] = {}, restarts = 0, set_hyp = 0;
  for (uint64_t run = 0; run < 200; ++run)
    for (const Step& s : generate(run_seed(1, run), kTargets)) {
      ++kinds[static_cast<int>(s.kind)];
      if (s.kind == StepKind::kHvc && s.x[0] == 1) {
        ++restarts;
        CHECK(s.x[1] == kTargets.restart_target);
      }
      if (s.kind == StepKind::kHvc && s.x[0] == 0 && s.x[1] == kTargets.hyp_vectors) ++set_hyp;
    }
  CHECK(kinds[0] > 0);
  CHECK(kinds[1] > 0);
  CHECK(kinds[2] > 0);
  CHECK(restarts > 0);
  CHECK(set_hyp > 0);
}

TEST_CASE("minimize keeps exactly the steps a failure needs") {
  Sequence seq = generate(run_seed(3, 0), kTargets, {.max_steps = 1});
  seq.clear();
  for (uint64_t i = 0; i < 40; ++i) {
    Step s;
    s.kind = StepKind::kMsr;
    s.reg = "tpidr_el1";
    s.value = i;
    seq.push_back(s);
  }
  // Fails when step 7 comes before step 31 (order kept).
  const auto fails = [](const Sequence& s) {
    const auto a = std::find_if(s.begin(), s.end(), [](const Step& x) { return x.value == 7; });
    const auto b = std::find_if(s.begin(), s.end(), [](const Step& x) { return x.value == 31; });
    return a != s.end() && b != s.end() && a < b;
  };
  MinimizeStats st;
  const Sequence min = minimize(seq, fails, 5000, &st);
  REQUIRE(min.size() == 2);
  CHECK(min[0].value == 7);
  CHECK(min[1].value == 31);
  CHECK(st.tests < 200);
  // A failure with no step at all minimises to nothing.
  CHECK(minimize(seq, [](const Sequence&) { return true; }).empty());
}

TEST_CASE("a snapshot puts state and RAM back") {
  MachineConfig c;
  c.ram_size = 0x10000;
  Machine m(c);
  m.cpu().state().x[5] = 55;
  m.cpu().state().pstate.el = 2;
  const uint32_t word = 0x12345678;
  m.memory().write_phys(c.ram_base + 0x100, &word, 4);
  Snapshot snap(m);
  m.cpu().state().x[5] = 0;
  m.cpu().state().pstate.el = 1;
  const uint32_t other = 0xdeadbeef;
  m.memory().write_phys(c.ram_base + 0x100, &other, 4);
  m.memory().write_phys(c.ram_base + 0x8000, &other, 4);
  m.cpu().set_activity(Cpu::Activity::kWfi);
  snap.restore(m);
  uint32_t got = 0, zero = 1;
  m.memory().read_phys(c.ram_base + 0x100, &got, 4);
  m.memory().read_phys(c.ram_base + 0x8000, &zero, 4);
  CHECK(got == word);
  CHECK(zero == 0);
  CHECK(m.cpu().state().x[5] == 55);
  CHECK(m.cpu().state().pstate.el == 2);
  CHECK(m.cpu().activity() == Cpu::Activity::kRunning);
}

TEST_CASE("the reference stub runs clean, the same on a restored and a new machine") {
  TargetConfig tc;
  tc.stub_path = kReference;
  FuzzMachine fm(tc);
  CHECK(fm.stub_vectors() == 0x40000000);
  CHECK(fm.driver().hyp_vectors % 2048 == 0);
  Executor ex(fm, *stubs::find_contract("linux-6.1"));
  for (uint64_t run = 0; run < 200; ++run) {
    const Sequence seq = generate(run_seed(11, run), fm.targets());
    const RunOutcome a = ex.run(seq);
    CAPTURE(run);
    if (a.finding) FAIL(a.finding->id << ": " << a.finding->detail);
    CHECK(a.steps == seq.size());
    if (run % 20 == 0) CHECK(ex.run(seq, /*fresh=*/true).digest == a.digest);
    CHECK(ex.run(seq).digest == a.digest);
  }
}

TEST_CASE("a mutant is caught at the step that shows it, and the run stops there") {
  TargetConfig tc;
  tc.stub_path = "stubs/mutant_clobber_x19.elf";
  FuzzMachine fm(tc);
  Executor ex(fm, *stubs::find_contract("doc"));
  Step set;
  set.kind = StepKind::kHvc;
  set.x[0] = 0;  // SET_VECTORS(the stub): x19 comes back as 0x5a.
  set.x[1] = fm.stub_vectors();
  set.fill = 42;
  Step msr;
  msr.kind = StepKind::kMsr;
  msr.reg = "tpidr_el1";
  msr.value = 1;
  const RunOutcome out = ex.run({msr, set, msr});
  REQUIRE(out.finding);
  CHECK(out.finding->id == "preserve.x19-x29");
  CHECK(out.finding->kind == Finding::Kind::kAbi);
  CHECK(out.finding->step == 1);
  CHECK(out.steps == 2);
  CHECK(out.finding->detail.find("x19 is 0x5a") != std::string::npos);
}

TEST_CASE("steps with an unknown register are refused before the run") {
  TargetConfig tc;
  tc.stub_path = kReference;
  FuzzMachine fm(tc);
  Executor ex(fm, *stubs::find_contract("doc"));
  Step s;
  s.kind = StepKind::kMsr;
  s.reg = "hcr_el2";
  CHECK_THROWS_AS(ex.run({s}), std::invalid_argument);
}

}  // namespace
}  // namespace el2::fuzz
