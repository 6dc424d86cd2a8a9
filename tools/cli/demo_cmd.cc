#include <cstdio>

#include <fmt/format.h>

#include "cpu/timing/run_stats.h"
#include "psci/trace.h"
#include "platform/exit_codes.h"
#include "tools/cli/commands.h"
#include "tools/cli/event_log.h"
#include "tools/cli/machine_options.h"

namespace el2 {
extern const unsigned char kDemoImage[];
extern const unsigned long kDemoImage_size;
}  // namespace el2

namespace el2::cli {

namespace {

// Prints each PSCI call the built-in firmware answers.
class PsciLog : public PsciObserver {
 public:
  explicit PsciLog(std::FILE* out) : out_(out) {}
  void on_psci_call(const PsciCallEvent& e) override {
    fmt::print(out_, "  [psci]      core {}: {} ({:#x}) x1={:#x} -> {:#x}\n", e.core, e.name,
               e.function_id, e.args[0], e.result[0]);
  }

 private:
  std::FILE* out_;
};

}  // namespace

int demo_command(const std::vector<std::string>& argv) {
  auto specs = machine_option_specs();
  specs.push_back({"--help", false});
  const Args args(argv, specs);
  if (args.flag("--help")) {
    fmt::print("usage: el2emu demo [options]\n\n"
               "Boots the built-in demo image at EL2: el2emu's reference hyp stub is\n"
               "installed, the core drops to EL1, and EL1 makes each stub hypercall.\n"
               "Prints every exception and return, and a summary.\n\n{}",
               kMachineOptionsHelp);
    return kExitOk;
  }
  MachineConfig config = machine_config(args);
  // Like QEMU's virt with virtualization=on: two cores, no EL3 visible to the
  // guest, PSCI firmware answering SMC.
  if (!args.value("--entry-el")) config.entry_el = 2;
  if (!args.value("--smp")) config.smp = 2;
  if (!args.flag("--no-el3")) config.has_el3 = false;
  config.psci_config.conduit = PsciConduit::kSmc;
  if (config.entry_el != 2) throw UsageError("the demo boots at EL2");
  std::fflush(stdout);
  Machine machine(config);
  apply_firmware_options(args, machine);
  const auto& image =
      machine.load_elf_bytes({kDemoImage, kDemoImage_size}, "demo.elf (built in)");
  machine.reset(image.entry);
  EventLog log(machine, stdout);
  machine.cpu().add_observer(&log);
  RunStats stats;
  for (unsigned i = 0; i < machine.core_count(); ++i) stats.attach(machine.cpu(i));
  PsciLog psci_log(stdout);
  machine.psci().add_observer(&psci_log);

  fmt::print("el2emu demo: {} core, booting at EL{} at {:#x} <{}>\n", machine.model().name,
             config.entry_el, image.entry, machine.symbolize(image.entry));
  fmt::print("  stub vectors (__hyp_stub_vectors) at {:#x}\n",
             image.find_symbol("__hyp_stub_vectors")->addr);
  std::fflush(stdout);
  const RunResult r = machine.run(max_insns(args));
  std::fflush(stdout);
  fmt::print("summary: {} instructions; exceptions taken:", r.insns);
  for (const auto& [name, n] : log.counts()) fmt::print(" {} x{}", name, n);
  fmt::print("\n");
  std::vector<const Cpu*> cores;
  for (unsigned i = 0; i < machine.core_count(); ++i) cores.push_back(&machine.cpu(i));
  stats.finish(cores);
  fmt::print("{}", stats.report());
  std::fflush(stdout);
  std::fflush(stdout);
  return report_stop(machine, r);
}

}  // namespace el2::cli
