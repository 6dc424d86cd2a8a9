// `dumpdtb` (the device tree the virt board would generate) and `boot-linux`
// (run on the virt board with a kernel, spelled as a Linux user expects).
#include <fmt/format.h>

#include <cstdio>

#include "platform/exit_codes.h"
#include "tools/cli/board_options.h"
#include "tools/cli/commands.h"
#include "tools/cli/machine_options.h"

namespace el2::cli {

namespace {

const char* const kDumpDtbHelp =
    "usage: el2emu dumpdtb FILE [--smp N] [-m SIZE] [--append ARGS] [machine options]\n"
    "\n"
    "Writes the device tree blob the virt board generates for these options (the\n"
    "one a guest gets without --dtb). Decompile it with 'dtc -I dtb -O dts FILE'.\n";

const char* const kBootLinuxHelp =
    "usage: el2emu boot-linux --kernel Image [--initrd FILE] [--append ARGS] [--smp N]\n"
    "                         [run options]\n"
    "\n"
    "Boots a Linux arm64 Image on the virt board at EL2 (the arm64 boot protocol:\n"
    "x0 = the generated DTB), secondaries started by PSCI CPU_ON over SMC. The\n"
    "same as 'el2emu run Image --board virt ...'; every run option applies, e.g.\n"
    "--check-abi linux-6.1, --stats, --trace, --gdb.\n";

}  // namespace

int dumpdtb_command(const std::vector<std::string>& argv) {
  auto specs = machine_option_specs();
  specs.push_back({"--append", true});
  specs.push_back({"--help", false});
  const Args args(argv, specs);
  if (args.flag("--help")) {
    fmt::print("{}\n{}", kDumpDtbHelp, kMachineOptionsHelp);
    return kExitOk;
  }
  if (args.positionals().size() != 1) throw UsageError("dumpdtb needs one output FILE");
  MachineConfig config = machine_config(args);
  configure_for_virt(args, config);
  const Machine machine(config);
  const std::vector<uint8_t> dtb = virt_device_tree(machine, args.value("--append").value_or(""));
  const std::string& path = args.positionals()[0];
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(dtb.data(), 1, dtb.size(), f) != dtb.size() || std::fclose(f) != 0)
    throw UsageError(fmt::format("cannot write '{}'", path));
  fmt::print(stderr, "el2emu: wrote {} ({} bytes)\n", path, dtb.size());
  return kExitOk;
}

int boot_linux_command(const std::vector<std::string>& argv) {
  std::vector<std::string> run_argv;
  bool kernel = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    if (argv[i] == "--help") {
      fmt::print("{}", kBootLinuxHelp);
      return kExitOk;
    }
    if (argv[i] == "--kernel") {
      if (i + 1 >= argv.size()) throw UsageError("option '--kernel' needs a value");
      run_argv.push_back(argv[++i]);
      kernel = true;
    } else if (argv[i].rfind("--kernel=", 0) == 0) {
      run_argv.push_back(argv[i].substr(9));
      kernel = true;
    } else {
      run_argv.push_back(argv[i]);
    }
  }
  if (!kernel) throw UsageError("boot-linux needs --kernel Image");
  run_argv.push_back("--board");
  run_argv.push_back("virt");
  return run_command(run_argv);
}

}  // namespace el2::cli
