// el2emu fuzz: random stub hypercall and PSCI sequences against a stub, with
// the ABI checker and the emulator invariants after every call (session.h).
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "platform/exit_codes.h"
#include "stubs/contract.h"
#include "tools/cli/args.h"
#include "tools/cli/commands.h"
#include "tools/fuzz/contract_option.h"
#include "tools/fuzz/session.h"

namespace el2::cli {

namespace {

const char* const kHelp =
    "usage: el2emu fuzz --stub STUB.elf [options]\n"
    "\n"
    "Fuzzes an EL2 hyp stub from EL1: each run is a random sequence of stub\n"
    "hypercalls (ids weighted towards the defined ones, boundary and random\n"
    "arguments, random callee-saved registers), PSCI/SMCCC calls to the built-in\n"
    "firmware, EL1 register writes, and now and then a SOFT_RESTART or a PSCI\n"
    "reset. Every run starts from a snapshot of the booted machine. After each\n"
    "call the ABI checker (check-stub's) and el2emu's own invariants must hold.\n"
    "On the first finding the run is minimised (delta debugging), written to\n"
    "--out as a reproducer for 'el2emu replay', and the exit code is 73 (the stub\n"
    "broke the contract) or 70 (el2emu broke an invariant). 0: every run clean.\n"
    "\n"
    "Options:\n"
    "  --stub FILE         the stub ELF (vector table at __hyp_stub_vectors)\n"
    "  --vectors SYM|ADDR  the stub's vector table (default __hyp_stub_vectors)\n"
    "  --contract NAME     doc (default), linux-6.1, linux-6.12\n"
    "  --seed N            session seed (default 1); run R of seed S is always the same\n"
    "  --runs N            runs to make (default 1000)\n"
    "  --out DIR           where to write a reproducer (default .)\n"
    "  --cpu NAME          cortex-a53, cortex-a57 (default), cortex-a72, max\n"
    "  --max-steps N       steps per run: 1..N (default 24)\n"
    "  --call-budget N     instructions a call may take before it is a hang (default 20000)\n"
    "  --verify-every N    re-run every Nth run on a newly built machine (default 100; 0: off)\n";

}  // namespace

int fuzz_command(const std::vector<std::string>& argv) {
  std::vector<OptionSpec> specs;
  for (const char* o : {"--stub", "--vectors", "--contract", "--seed", "--runs", "--out", "--cpu",
                        "--max-steps", "--call-budget", "--verify-every"})
    specs.push_back({o, true});
  specs.push_back({"--help", false});
  const Args args(argv, specs);
  if (args.flag("--help")) {
    fmt::print("{}", kHelp);
    return kExitOk;
  }
  if (!args.positionals().empty())
    throw UsageError(
        fmt::format("fuzz takes the stub with --stub, not '{}'", args.positionals()[0]));
  const auto stub = args.value("--stub");
  if (!stub) throw UsageError("fuzz needs --stub STUB.elf (see 'el2emu fuzz --help')");
  const stubs::Contract& contract = fuzz::contract_option(args.value("--contract").value_or("doc"));

  fuzz::SessionOptions so;
  so.seed = args.u64("--seed", 1);
  so.runs = args.u64("--runs", 1000);
  so.verify_every = args.u64("--verify-every", 100);
  so.generator.max_steps = static_cast<unsigned>(args.u64("--max-steps", 24));
  if (so.generator.max_steps == 0 || so.generator.max_steps > 10000)
    throw UsageError("--max-steps must be 1..10000");
  fuzz::ExecutorOptions eo;
  eo.call_budget = args.u64("--call-budget", 20000);
  if (eo.call_budget == 0) throw UsageError("--call-budget must be at least 1");
  const std::filesystem::path out_dir = args.value("--out").value_or(".");

  fuzz::TargetConfig tc;
  tc.stub_path = *stub;
  tc.vectors = args.value("--vectors").value_or("__hyp_stub_vectors");
  tc.cpu = args.value("--cpu").value_or("cortex-a57");
  fuzz::FuzzMachine fm(tc);
  fuzz::Executor ex(fm, contract, eo);

  const fuzz::SessionResult r = fuzz::run_session(fm, ex, so, stdout);
  fmt::print(
      "el2emu fuzz: {} ({}, {}, seed {}): {} runs, {} calls in {:.2f} s: {:.0f} runs/s, {:.0f} "
      "calls/s{}\n",
      *stub, contract.name, tc.cpu, so.seed, r.runs, r.calls, r.seconds,
      r.seconds > 0 ? r.runs / r.seconds : 0.0, r.seconds > 0 ? r.calls / r.seconds : 0.0,
      r.finding ? "" : "; clean");
  if (!r.finding) return kExitOk;

  fuzz::Reproducer rep;
  rep.stub = std::filesystem::absolute(*stub).string();
  rep.vectors = fm.stub_vectors();
  rep.contract = std::string(contract.name);
  rep.cpu = tc.cpu;
  rep.expect = r.finding->id;
  rep.notes = {
      fmt::format("found by: el2emu fuzz --stub {} --contract {} --cpu {} --seed {} (run {})",
                  *stub, contract.name, tc.cpu, so.seed, r.finding_run),
      fmt::format("minimised from {} to {} steps in {} runs", r.original.size(), r.minimized.size(),
                  r.minimize_tests),
      fmt::format("{}: {}", r.finding->id, r.finding->detail)};
  rep.steps = r.minimized;
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  const std::filesystem::path file =
      out_dir / fmt::format("el2emu-fuzz-s{}-r{}.repro", so.seed, r.finding_run);
  std::ofstream f(file);
  f << fuzz::format_reproducer(rep);
  f.close();
  if (!f)
    throw UsageError(fmt::format("--out {}: cannot write {}", out_dir.string(), file.string()));
  fmt::print("el2emu fuzz: minimised to {} step{} ({} runs); reproducer: {}\n", r.minimized.size(),
             r.minimized.size() == 1 ? "" : "s", r.minimize_tests, file.string());
  std::fflush(stdout);
  fmt::print(stderr, "el2emu: fuzz found {} ({}); replay with: el2emu replay {}\n", r.finding->id,
             r.finding->kind == fuzz::Finding::Kind::kAbi ? "ABI violation" : "el2emu invariant",
             file.string());
  return r.finding->kind == fuzz::Finding::Kind::kAbi ? kExitCheckFailed : kExitInternal;
}

}  // namespace el2::cli
