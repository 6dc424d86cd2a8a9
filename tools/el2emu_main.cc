// el2emu: command-line entry point. Dispatches to a subcommand and turns
// errors into one line on stderr and a documented exit code.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "platform/elf_loader.h"
#include "platform/exit_codes.h"
#include "tools/cli/args.h"
#include "tools/cli/commands.h"

namespace {

const char* const kHelp =
    "usage: el2emu COMMAND [options]\n"
    "\n"
    "A cycle-approximate ARMv8-A emulator for code that runs at EL2.\n"
    "\n"
    "Commands:\n"
    "  run IMAGE     run an AArch64 ELF, a Linux Image or firmware (--bios)\n"
    "  boot-linux --kernel Image  boot Linux on the virt board at EL2\n"
    "  dumpdtb FILE  write the virt board's generated device tree\n"
    "  demo          boot the built-in demo: reference EL2 stub, EL1 hypercalls\n"
    "  sysregs       list the system registers of a CPU model\n"
    "  fw-regs       list KVM's firmware pseudo-registers (PSCI version, ...)\n"
    "  check-stub STUB.elf  check an EL2 hyp stub against the hyp-stub ABI\n"
    "  fuzz --stub STUB.elf  fuzz a hyp stub with random hypercall sequences\n"
    "  replay FILE   re-run a fuzz reproducer with a trace\n"
    "  help          this text\n"
    "\n"
    "'el2emu COMMAND --help' describes a command's options.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace el2;
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    std::fputs(kHelp, args.empty() ? stderr : stdout);
    return args.empty() ? kExitUsage : kExitOk;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    if (args[0] == "run") return cli::run_command(rest);
    if (args[0] == "demo") return cli::demo_command(rest);
    if (args[0] == "sysregs") return cli::sysregs_command(rest);
    if (args[0] == "fw-regs") return cli::fw_regs_command(rest);
    if (args[0] == "check-stub") return cli::check_stub_command(rest);
    if (args[0] == "dumpdtb") return cli::dumpdtb_command(rest);
    if (args[0] == "boot-linux") return cli::boot_linux_command(rest);
    if (args[0] == "fuzz") return cli::fuzz_command(rest);
    if (args[0] == "replay") return cli::replay_command(rest);
    throw cli::UsageError(fmt::format("unknown command '{}' (try 'el2emu help')", args[0]));
  } catch (const cli::UsageError& e) {
    fmt::print(stderr, "el2emu: {}\n", e.what());
    return kExitUsage;
  } catch (const LoadError& e) {
    fmt::print(stderr, "el2emu: {}\n", e.what());
    return e.code();
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "el2emu: {}\n", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    fmt::print(stderr, "el2emu: internal error: {}\n", e.what());
    return kExitInternal;
  }
}
