// Options that choose and populate the virt board (--board, --bios, --dtb,
// --append, --initrd, --serial), shared by `run` and `boot-linux`.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "platform/machine.h"
#include "platform/virt_boot.h"
#include "tools/cli/args.h"

namespace el2::cli {

std::vector<OptionSpec> board_option_specs();
extern const char* const kBoardOptionsHelp;

// Whether the run uses the virt board: --board virt, or implied by --bios,
// --dtb, --initrd or a Linux Image among the positionals.
bool wants_virt_board(const Args& args);

// The virt board is QEMU's `virt,virtualization=on`: EL2 and no EL3, so the
// built-in PSCI firmware answers SMC (HVC without EL2), unless the options
// say otherwise.
void configure_for_virt(const Args& args, MachineConfig& config);

// Where the UART's output goes (--serial); keeps the file open.
class SerialOutput {
 public:
  explicit SerialOutput(const Args& args);
  ~SerialOutput();
  std::FILE* file() const { return file_; }
  bool takes_stdin() const { return stdin_; }

 private:
  std::FILE* file_ = stdout;
  bool owned_ = false;
  bool stdin_ = true;
};

VirtBoard& attach_virt_board(Machine& machine, const SerialOutput& serial);
// Loads what the options and positionals name and resets the machine.
VirtBootInfo boot_virt_board(const Args& args, Machine& machine, VirtBoard& board);

}  // namespace el2::cli
