// el2emu check-stub: loads a stub ELF, boots the built-in driver
// (stubs/driver/) at EL2 with the stub's vectors, lets it make every stub call
// from EL1, and reports the checker's per-rule verdict (stubs/checker.h).
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "platform/exit_codes.h"
#include "stubs/checker.h"
#include "stubs/driver/driver.h"
#include "stubs/report.h"
#include "tools/cli/commands.h"
#include "tools/cli/machine_options.h"

namespace el2 {
extern const unsigned char kStubDriverImage[];
extern const unsigned long kStubDriverImage_size;
}  // namespace el2

namespace el2::cli {

namespace {

const char* const kHelp =
    "usage: el2emu check-stub STUB.elf [options]\n"
    "\n"
    "Checks an EL2 hyp stub against a hyp-stub ABI contract. STUB.elf is any\n"
    "AArch64 ELF holding the stub's vector table at __hyp_stub_vectors (or the\n"
    "symbol or address given with --vectors). A built-in driver boots at EL2,\n"
    "installs those vectors, drops to EL1 and calls every stub function with\n"
    "randomised callee-saved registers and boundary arguments; the checker\n"
    "pairs each HVC with its return and evaluates the contract's rules.\n"
    "Exit code 0 if every rule passes, 73 if any fails.\n"
    "\n"
    "Options:\n"
    "  --contract NAME   doc (default), linux-6.1, linux-6.12 (arm32 is listed but\n"
    "                    AArch32 is not executed yet)\n"
    "  --junit FILE      also write the verdict as JUnit XML\n"
    "  --vectors SYM|ADDR  the stub's vector table (default __hyp_stub_vectors)\n"
    "  --seed N          seed of the register randomiser (default 1)\n"
    "  --rounds N        how many times the call plan runs (default 2)\n"
    "  --verbose         show the driver's output and each call\n"
    "  --list-contracts  print each contract's rules and exit\n";

constexpr uint64_t kDefaultMaxInsns = 5'000'000;

uint64_t find_vectors(const LoadedImage& stub, const std::string& spec) {
  if (const Symbol* s = stub.find_symbol(spec)) return s->addr;
  if (auto addr = parse_u64(spec)) return *addr;
  throw LoadError(kExitBadImage,
                  fmt::format("{}: no symbol '{}' (name the stub's vector table with --vectors)",
                              stub.name, spec));
}

void list_contracts() {
  for (const stubs::Contract& c : stubs::all_contracts()) {
    fmt::print("{}: {}\n", c.name, c.summary);
    for (const stubs::Rule& r : c.rules)
      fmt::print("  {:<24} {}{}\n      source: {}\n", r.id, r.text,
                 r.party == stubs::Party::kCaller ? " [caller]" : "", r.source);
  }
}

// Symbols from the image that holds the address (the stub's and the driver's
// tables never blur into each other).
std::string symbolize_in_image(const Machine& m, uint64_t addr) {
  for (const LoadedImage& img : m.images()) {
    for (const LoadedSegment& seg : img.segments) {
      if (addr < seg.base || addr - seg.base >= seg.size) continue;
      const Symbol* s = img.symbol_at(addr);
      if (!s) return {};
      return addr == s->addr ? s->name : fmt::format("{}+{:#x}", s->name, addr - s->addr);
    }
  }
  return {};
}

void write_mailbox(Machine& m, const LoadedImage& driver, uint64_t offset, uint64_t value) {
  const Symbol* mb = driver.find_symbol("drv_mailbox");
  if (!mb || !m.memory().write_phys(mb->addr + offset, &value, sizeof value))
    throw std::logic_error("the built-in driver has no drv_mailbox");
}

}  // namespace

int check_stub_command(const std::vector<std::string>& argv) {
  auto specs = machine_option_specs();
  for (const char* o : {"--contract", "--junit", "--vectors", "--seed", "--rounds"})
    specs.push_back({o, true});
  specs.push_back({"--verbose", false});
  specs.push_back({"--list-contracts", false});
  specs.push_back({"--help", false});
  const Args args(argv, specs);
  if (args.flag("--help")) {
    fmt::print("{}\n{}", kHelp, kMachineOptionsHelp);
    return kExitOk;
  }
  if (args.flag("--list-contracts")) {
    list_contracts();
    return kExitOk;
  }
  if (args.positionals().size() != 1)
    throw UsageError("check-stub takes one stub ELF (see 'el2emu check-stub --help')");
  const std::string contract_name = args.value("--contract").value_or("doc");
  const stubs::Contract* contract = stubs::find_contract(contract_name);
  if (!contract)
    throw UsageError(fmt::format("unknown contract '{}' (doc, linux-6.1, linux-6.12, arm32)",
                                 contract_name));
  if (contract->isa != stubs::Isa::kAArch64)
    throw UsageError(fmt::format("contract '{}' is for AArch32, which el2emu does not execute yet",
                                 contract_name));

  MachineConfig config = machine_config(args);
  if (args.value("--entry-el") && config.entry_el != 2)
    throw UsageError("check-stub boots the stub at EL2");
  if (!config.has_el2 || !config.has_el3)
    throw UsageError("check-stub needs EL2 (the stub) and EL3 (the driver's restart trap)");
  config.entry_el = 2;
  const bool verbose = args.flag("--verbose");
  // The driver's console output is noise unless asked for; keep the process
  // output deterministic either way.
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> sink(verbose ? nullptr : std::tmpfile(),
                                                        &std::fclose);
  config.console = verbose ? stdout : sink.get();
  Machine machine(config);

  const std::string stub_path = args.positionals()[0];
  const LoadedImage& stub = machine.load_elf(stub_path);
  const uint64_t vectors = find_vectors(stub, args.value("--vectors").value_or("__hyp_stub_vectors"));
  const LoadedImage& driver =
      machine.load_elf_bytes({kStubDriverImage, kStubDriverImage_size}, "check-stub driver");
  write_mailbox(machine, driver, MB_STUB_VECTORS, vectors);
  write_mailbox(machine, driver, MB_SEED, args.u64("--seed", 1));
  write_mailbox(machine, driver, MB_ROUNDS, args.u64("--rounds", 2));

  machine.reset(driver.entry);
  // EL3 plays firmware for the restart target's trap (stubs/driver/boot.S).
  machine.cpu().state().sys.vbar[3] = driver.find_symbol("drv_el3_vectors")->addr;

  stubs::CheckerOptions options;
  options.probing_driver = true;
  options.restart_target_traps = true;
  options.trace = verbose ? stdout : nullptr;
  stubs::Checker checker(*contract, [&](uint64_t a) { return symbolize_in_image(machine, a); }, options);
  checker.set_stub_vectors(vectors);
  machine.cpu().add_observer(&checker);
  std::fflush(stdout);
  const RunResult r = machine.run(args.u64("--max-insns", kDefaultMaxInsns));
  std::fflush(stdout);
  checker.finish(machine.cpu());

  const bool driver_done = r.reason == StopReason::kGuestExit && r.exit_code == 0;
  stubs::print_report(stdout, checker, stub_path);
  if (auto junit = args.value("--junit")) stubs::write_junit(*junit, checker, stub_path);
  if (!driver_done) {
    const CpuState& s = machine.cpu().state();
    fmt::print(stderr, "el2emu: the driver did not finish: {} after {} instructions, PC {:#x} <{}> at EL{}\n",
               r.reason == StopReason::kGuestExit ? fmt::format("driver exited with {}", r.exit_code)
                                                  : std::string(stop_reason_name(r.reason)),
               r.insns, s.pc, machine.symbolize(s.pc), s.pstate.el);
  }
  return checker.all_passed() && driver_done ? kExitOk : kExitCheckFailed;
}

}  // namespace el2::cli
