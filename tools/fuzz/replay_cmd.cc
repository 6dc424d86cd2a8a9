// el2emu replay: runs a fuzz reproducer (sequence.h) once more on a newly
// built fuzz machine, with a trace of every step, call and exception.
#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "platform/exit_codes.h"
#include "tools/cli/args.h"
#include "tools/cli/commands.h"
#include "tools/fuzz/contract_option.h"
#include "tools/fuzz/el1_registers.h"
#include "tools/fuzz/executor.h"
#include "tools/trace/tracer.h"

namespace el2::cli {

namespace {

const char* const kHelp =
    "usage: el2emu replay FILE [options]\n"
    "\n"
    "Runs a reproducer written by 'el2emu fuzz' on a newly built machine and\n"
    "traces it: each step, the ABI checker's view of each call, and (by default)\n"
    "every exception and ERET. Exit code 0 if the run is clean, 73 if the stub\n"
    "breaks the contract, 70 if el2emu breaks one of its invariants, 65 for a\n"
    "malformed file.\n"
    "\n"
    "Options:\n"
    "  --stub FILE         the stub ELF (default: the one the file names)\n"
    "  --trace KINDS       insn, exc, all or none (default exc)\n"
    "  --call-budget N     instructions a call may take before it is a hang (default 20000)\n";

}  // namespace

int replay_command(const std::vector<std::string>& argv) {
  const Args args(
      argv, {{"--stub", true}, {"--trace", true}, {"--call-budget", true}, {"--help", false}});
  if (args.flag("--help")) {
    fmt::print("{}", kHelp);
    return kExitOk;
  }
  if (args.positionals().size() != 1)
    throw UsageError("replay takes one reproducer file (see 'el2emu replay --help')");
  const std::string path = args.positionals()[0];
  const std::vector<uint8_t> bytes = read_file(path);
  fuzz::Reproducer rep;
  try {
    rep = fuzz::parse_reproducer(std::string(bytes.begin(), bytes.end()));
  } catch (const std::runtime_error& e) {
    throw LoadError(kExitBadImage, fmt::format("{}: {}", path, e.what()));
  }
  for (const fuzz::Step& s : rep.steps)
    if (s.kind == fuzz::StepKind::kMsr && !fuzz::is_el1_register(s.reg))
      throw LoadError(kExitBadImage, fmt::format("{}: no EL1 register '{}' to write", path, s.reg));
  const stubs::Contract& contract = fuzz::contract_option(rep.contract);

  TraceOptions topt;
  const std::string kinds = args.value("--trace").value_or("exc");
  if (kinds != "none") {
    try {
      parse_trace_kinds(kinds, topt);
    } catch (const std::invalid_argument& e) {
      throw UsageError(fmt::format("--trace: {}", e.what()));
    }
  }
  fuzz::ExecutorOptions eo;
  eo.call_budget = args.u64("--call-budget", 20000);
  if (eo.call_budget == 0) throw UsageError("--call-budget must be at least 1");
  eo.trace = stdout;

  fuzz::TargetConfig tc;
  tc.stub_path = args.value("--stub").value_or(rep.stub);
  tc.vectors = fmt::format("{:#x}", rep.vectors);
  tc.cpu = rep.cpu;
  tc.console = stdout;
  fuzz::FuzzMachine fm(tc);
  // A tracer for each machine the run builds (the first at once, another
  // after a stop that cannot be undone); none for the one just booted.
  std::vector<std::unique_ptr<Tracer>> tracers;
  bool running = false;
  if (kinds != "none")
    fm.on_build([&](Machine& m) {
      if (!running) return;
      tracers.push_back(std::make_unique<Tracer>(m, stdout, topt));
      tracers.back()->attach(m.cpu());
    });
  fuzz::Executor ex(fm, contract, eo);
  fmt::print("replay {}: {} steps on {} ({}, {})\n", path, rep.steps.size(), tc.stub_path,
             contract.name, tc.cpu);
  running = true;
  const fuzz::RunOutcome out = ex.run(rep.steps, /*fresh=*/true);
  std::fflush(stdout);
  if (!out.finding) {
    fmt::print("replay: clean after {} steps{}\n", out.steps,
               rep.expect.empty() ? "" : fmt::format(" (the file expected {})", rep.expect));
    return kExitOk;
  }
  const fuzz::Finding& f = *out.finding;
  fmt::print("replay: {} at step {}: {}\n", f.id, f.step + 1, f.detail);
  if (!rep.expect.empty() && rep.expect != f.id)
    fmt::print("replay: the file expected {}\n", rep.expect);
  return f.kind == fuzz::Finding::Kind::kAbi ? kExitCheckFailed : kExitInternal;
}

}  // namespace el2::cli
