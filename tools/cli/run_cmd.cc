#include <fmt/format.h>

#include "cpu/timing/run_stats.h"
#include "platform/exit_codes.h"
#include "tools/cli/board_options.h"
#include "tools/cli/check_abi.h"
#include "tools/cli/commands.h"
#include "tools/cli/machine_options.h"
#include "tools/cli/trace_options.h"
#include "tools/gdb/server.h"

namespace el2::cli {

namespace {

const char* const kRunHelp =
    "usage: el2emu run IMAGE.elf [MORE.elf ...] [options]\n"
    "       el2emu run Image [--initrd FILE] [--append ARGS] [options]\n"
    "       el2emu run --bios FIRMWARE.bin [options]\n"
    "       el2emu run --load FILE@ADDR [--load ...] --entry ADDR [options]\n"
    "\n"
    "Loads an AArch64 ELF (PT_LOAD segments at their physical addresses) and runs\n"
    "it from its entry point; semihosting (HLT #0xF000) provides console output and\n"
    "exit. The guest's exit code becomes el2emu's. With several ELFs (firmware and\n"
    "its payload), all are loaded and the first one's entry point is used.\n"
    "A Linux arm64 Image (recognised by its header) or --bios runs on the virt\n"
    "board: the Image per the arm64 boot protocol (x0 = DTB, at EL2), firmware from\n"
    "flash at 0 with the DTB at the start of RAM, as on QEMU's virt machine.\n"
    "\n"
    "Options:\n"
    "  --load FILE@ADDR  copy a raw binary to ADDR (repeatable)\n"
    "  --entry ADDR      start address (default: the ELF's entry point)\n"
    "  --check-abi NAME  check every hyp-stub call against a contract (doc,\n"
    "                    linux-6.1, linux-6.12); a failed rule makes the exit code 73\n"
    "  --stats           print the cycle report (per EL, exception class, hypercall;\n"
    "                    IPC, cache, branch and TLB figures with --timing approx)\n"
    "  --stats-json FILE the same report as JSON (schema in docs/TIMING.md)\n"
    "  --gdb PORT        serve the GDB remote protocol on 127.0.0.1:PORT (0: any\n"
    "                    free port, printed on stderr); see docs/DEBUGGING.md\n"
    "  --gdb-wait        with --gdb: halt at the entry point until GDB attaches\n";

// FILE@ADDR.
std::pair<std::string, uint64_t> parse_load(const std::string& spec) {
  const auto at = spec.rfind('@');
  const auto addr = at == std::string::npos ? std::nullopt : parse_u64(spec.substr(at + 1));
  if (at == 0 || !addr) throw UsageError(fmt::format("--load '{}': expected FILE@ADDR", spec));
  return {spec.substr(0, at), *addr};
}

void write_text_file(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f || std::fputs(text.c_str(), f) < 0 || std::fclose(f) != 0)
    throw UsageError(fmt::format("cannot write '{}'", path));
}

}  // namespace

int run_command(const std::vector<std::string>& argv) {
  auto specs = machine_option_specs();
  specs.push_back({"--load", true, true});
  specs.push_back({"--entry", true});
  specs.push_back({"--check-abi", true});
  specs.push_back({"--help", false});
  specs.push_back({"--stats", false});
  specs.push_back({"--stats-json", true});
  specs.push_back({"--gdb", true});
  specs.push_back({"--gdb-wait", false});
  for (const auto& t : trace_option_specs()) specs.push_back(t);
  for (const auto& b : board_option_specs()) specs.push_back(b);
  const Args args(argv, specs);
  if (args.flag("--help")) {
    fmt::print("{}\n{}\n{}\n{}", kRunHelp, kMachineOptionsHelp, kBoardOptionsHelp,
               kTraceOptionsHelp);
    return kExitOk;
  }
  if (args.positionals().empty() && args.values("--load").empty() && !args.value("--bios"))
    throw UsageError("run needs an image (see 'el2emu run --help')");

  MachineConfig config = machine_config(args);
  const bool virt = wants_virt_board(args);
  if (virt) configure_for_virt(args, config);
  Machine machine(config);
  apply_firmware_options(args, machine);
  const uint64_t limit = max_insns(args);
  std::optional<uint64_t> entry;
  std::optional<SerialOutput> serial;
  if (virt) {
    serial.emplace(args);
    VirtBoard& board = attach_virt_board(machine, *serial);
    if (!args.positionals().empty() || args.value("--bios"))
      entry = boot_virt_board(args, machine, board).entry;
  } else {
    for (const auto& path : args.positionals()) {
      const uint64_t e = machine.load_elf(path).entry;
      if (!entry) entry = e;
    }
  }
  for (const auto& spec : args.values("--load")) {
    const auto [file, addr] = parse_load(spec);
    const auto& img = machine.load_raw(file, addr);
    if (!entry) entry = img.entry;
  }
  if (args.value("--entry")) {
    entry = args.u64("--entry", 0);
    if (!machine.memory().is_ram(*entry, 4))
      throw UsageError(fmt::format("--entry {:#x} is outside RAM", *entry));
  }
  if (!virt || args.value("--entry")) machine.reset(*entry);
  std::optional<AbiCheck> abi;
  if (auto contract = args.value("--check-abi")) abi.emplace(machine, *contract);
  const TraceSession trace(args, machine, abi ? &abi->checker() : nullptr);
  RunStats stats;
  const auto stats_json = args.value("--stats-json");
  const bool want_stats = args.flag("--stats") || stats_json;
  if (want_stats)
    for (unsigned i = 0; i < machine.core_count(); ++i) stats.attach(machine.cpu(i));
  std::optional<gdb::ServerOptions> gdb_opts;
  if (args.value("--gdb")) {
    const uint64_t port = args.u64("--gdb", 0);
    if (port > 65535) throw UsageError("--gdb: port must be 0..65535");
    gdb_opts = gdb::ServerOptions{static_cast<uint16_t>(port), args.flag("--gdb-wait")};
  } else if (args.flag("--gdb-wait")) {
    throw UsageError("--gdb-wait needs --gdb PORT");
  }
  const RunResult result =
      gdb_opts ? gdb::run_with_gdb(machine, limit, *gdb_opts) : machine.run(limit);
  if (want_stats) {
    std::vector<const Cpu*> cores;
    for (unsigned i = 0; i < machine.core_count(); ++i) cores.push_back(&machine.cpu(i));
    stats.finish(cores);
    std::fflush(stdout);
    if (args.flag("--stats")) fmt::print(stderr, "{}", stats.report());
    if (stats_json) write_text_file(*stats_json, stats.json());
  }
  const int code = report_stop(machine, result);
  return abi ? abi->finish(code) : code;
}

}  // namespace el2::cli
