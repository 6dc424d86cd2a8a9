#include <fmt/format.h>

#include "platform/exit_codes.h"
#include "psci/fw_regs.h"
#include "tools/cli/commands.h"
#include "tools/cli/machine_options.h"

namespace el2::cli {

int fw_regs_command(const std::vector<std::string>& argv) {
  auto specs = machine_option_specs();
  specs.push_back({"--help", false});
  const Args args(argv, specs);
  if (args.flag("--help")) {
    fmt::print("usage: el2emu fw-regs [--fw-reg NAME=VALUE ...]\n\n"
               "Lists KVM's firmware pseudo-registers (KVM_GET_REG_LIST order) with their\n"
               "index and value, after applying the --fw-reg settings with KVM's\n"
               "SET_ONE_REG rules (docs/PSCI.md).\n");
    return kExitOk;
  }
  Machine machine(machine_config(args));
  apply_firmware_options(args, machine);
  for (const FwRegValue& r : fw_reg_list(machine.psci(), 0))
    fmt::print("{:<16} {:#018x} = {:#x}\n", r.name, r.id, r.value);
  return kExitOk;
}

}  // namespace el2::cli
