// The el2emu subcommands. Each takes the arguments after its name and returns
// the process exit code (platform/exit_codes.h); errors are thrown as
// UsageError / LoadError and reported by main().
#pragma once

#include <string>
#include <vector>

namespace el2::cli {

int run_command(const std::vector<std::string>& args);
int demo_command(const std::vector<std::string>& args);
int sysregs_command(const std::vector<std::string>& args);
int fw_regs_command(const std::vector<std::string>& args);
int check_stub_command(const std::vector<std::string>& args);
int dumpdtb_command(const std::vector<std::string>& args);
int boot_linux_command(const std::vector<std::string>& args);
// tools/fuzz/: fuzz a hyp stub, and replay what it found.
int fuzz_command(const std::vector<std::string>& args);
int replay_command(const std::vector<std::string>& args);

}  // namespace el2::cli
