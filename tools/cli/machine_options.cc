#include "tools/cli/machine_options.h"

#include <fmt/format.h>

#include "platform/exit_codes.h"
#include "psci/fw_regs.h"

namespace el2::cli {

namespace {
constexpr uint64_t kDefaultMaxInsns = 10'000'000'000;
}

const char* const kMachineOptionsHelp =
    "Machine options:\n"
    "  --cpu NAME        cortex-a53, cortex-a57 (default), cortex-a72, max\n"
    "  --entry-el N      EL to start in: 1, 2 or 3 (default: the highest implemented)\n"
    "  --no-el2          build the machine without EL2\n"
    "  --no-el3          build the machine without EL3\n"
    "  -m, --memory SIZE guest RAM at 0x40000000 (default 1G; K/M/G suffixes)\n"
    "  --smp N           cores (1-8, default 1)\n"
    "  --secondaries S   off (default): secondaries start powered off, for PSCI\n"
    "                    CPU_ON; at-entry: every core starts at the entry point,\n"
    "                    as hardware releases them from reset (guest firmware)\n"
    "  --psci-conduit C  hvc (default) or smc: the built-in PSCI firmware answers\n"
    "                    HVC when the machine has no EL2, SMC when it has no EL3\n"
    "  --no-psci         no built-in PSCI firmware\n"
    "  --fw-reg R=V      set a KVM firmware pseudo-register, e.g. psci-version=1.0\n"
    "                    (repeatable; see 'el2emu fw-regs')\n"
    "  --max-insns N     stop after N instructions (default 10000000000; exit code 71)\n"
    "  --timing MODE     approx (default): cycles from the core's timing model\n"
    "                    (docs/TIMING.md); off: one cycle per instruction, fastest\n";

std::vector<OptionSpec> machine_option_specs() {
  return {{"--cpu", true},          {"--entry-el", true}, {"--no-el2", false},
          {"--no-el3", false},      {"--memory", true},   {"-m", true},
          {"--max-insns", true},    {"--smp", true},      {"--secondaries", true},
          {"--psci-conduit", true}, {"--no-psci", false}, {"--fw-reg", true, true},
          {"--timing", true}};
}

MachineConfig machine_config(const Args& args) {
  MachineConfig c;
  if (auto cpu = args.value("--cpu")) {
    if (!find_cpu_model(*cpu)) throw UsageError(fmt::format("unknown CPU model '{}'", *cpu));
    c.cpu = *cpu;
  }
  c.has_el2 = !args.flag("--no-el2");
  c.has_el3 = !args.flag("--no-el3");
  const uint64_t el = args.u64("--entry-el", 0);
  if (args.value("--entry-el") && (el < 1 || el > 3))
    throw UsageError("option '--entry-el' must be 1, 2 or 3");
  if ((el == 3 && !c.has_el3) || (el == 2 && !c.has_el2))
    throw UsageError(fmt::format("--entry-el {}: EL{} is not implemented on this machine", el, el));
  c.entry_el = static_cast<unsigned>(el);
  c.psci = !args.flag("--no-psci");
  if (const auto conduit = args.value("--psci-conduit")) {
    if (*conduit != "hvc" && *conduit != "smc")
      throw UsageError(fmt::format("--psci-conduit '{}': expected hvc or smc", *conduit));
    c.psci_config.conduit = *conduit == "smc" ? PsciConduit::kSmc : PsciConduit::kHvc;
  }
  c.smp = static_cast<unsigned>(args.u64("--smp", 1));
  if (c.smp < 1 || c.smp > Machine::kMaxCores) throw UsageError("option '--smp' must be 1..8");
  if (const auto sec = args.value("--secondaries")) {
    if (*sec != "off" && *sec != "at-entry")
      throw UsageError(fmt::format("--secondaries '{}': expected off or at-entry", *sec));
    c.secondaries = *sec == "at-entry" ? SecondaryStart::kAtEntry : SecondaryStart::kOff;
  }
  if (const auto timing = args.value("--timing")) {
    if (*timing != "off" && *timing != "approx")
      throw UsageError(fmt::format("--timing '{}': expected off or approx", *timing));
    c.timing = *timing == "approx";
  }
  c.ram_size = args.size(args.value("-m") ? "-m" : "--memory", c.ram_size);
  if (c.ram_size > (uint64_t{64} << 30) || (c.ram_size & 0xFFF))
    throw UsageError("guest RAM must be a multiple of 4K and at most 64G");
  return c;
}

void apply_firmware_options(const Args& args, Machine& machine) {
  for (const auto& spec : args.values("--fw-reg")) {
    std::string error;
    if (apply_fw_reg_setting(machine.psci(), 0, spec, &error) != 0)
      throw UsageError(fmt::format("--fw-reg '{}': {}", spec, error));
  }
}

uint64_t max_insns(const Args& args) {
  const uint64_t n = args.u64("--max-insns", kDefaultMaxInsns);
  if (n == 0) throw UsageError("option '--max-insns' must be at least 1");
  return n;
}

int report_stop(const Machine& m, const RunResult& r) {
  const CpuState& s = m.cpu().state();
  const std::string sym = m.symbolize(s.pc);
  const std::string where =
      fmt::format("PC {:#x}{} at EL{}", s.pc, sym.empty() ? "" : " <" + sym + ">", s.pstate.el);
  switch (r.reason) {
    case StopReason::kGuestExit:
      fmt::print(stderr, "el2emu: guest exited with code {} after {} instructions{}\n", r.exit_code,
                 r.insns, r.message.empty() ? "" : " (" + r.message + ")");
      return r.exit_code;
    case StopReason::kInsnLimit:
      fmt::print(stderr, "el2emu: instruction limit reached after {} instructions, {}\n", r.insns,
                 where);
      return kExitInsnLimit;
    case StopReason::kSystemOff:
    case StopReason::kSystemReset:
      fmt::print(stderr, "el2emu: {} after {} instructions\n", stop_reason_name(r.reason), r.insns);
      return kExitOk;
    case StopReason::kFatal:
    case StopReason::kNone:
      break;
  }
  fmt::print(stderr, "el2emu: fatal: {} after {} instructions, {}\n", r.message, r.insns, where);
  return kExitFatalGuest;
}

}  // namespace el2::cli
