#include <fmt/format.h>

#include "cpu/sysregs/registry.h"
#include "cpu/sysregs/sys_ops.h"
#include "platform/exit_codes.h"
#include "tools/cli/commands.h"
#include "tools/cli/machine_options.h"

namespace el2::cli {

int sysregs_command(const std::vector<std::string>& argv) {
  auto specs = machine_option_specs();
  specs.push_back({"--help", false});
  const Args args(argv, specs);
  if (args.flag("--help")) {
    fmt::print("usage: el2emu sysregs [--cpu NAME] [--no-el2] [--no-el3]\n\n"
               "Lists the system registers and system instructions the CPU model\n"
               "implements: encoding (op0 op1 CRn CRm op2), lowest EL, access, reset value.\n");
    return kExitOk;
  }
  Machine machine(machine_config(args));
  const CpuModel& model = machine.model();
  fmt::print("# {} system registers (EL2 {}, EL3 {})\n", model.name,
             model.has_el2 ? "present" : "absent", model.has_el3 ? "present" : "absent");
  fmt::print("{:<20} {:<14} {:>4} {:<3} {:>18}\n", "name", "encoding", "EL", "rw", "reset");
  unsigned count = 0;
  for (const SysRegDef* def : SysRegTable::instance().rows()) {
    if (!sysreg_present(*def, model)) continue;
    const std::string rw = std::string(def->rw & kRead ? "r" : "-") + (def->rw & kWrite ? "w" : "-");
    const std::string reset = def->field ? fmt::format("{:#x}", def->reset) : "computed";
    fmt::print("{:<20} {:<14} {:>4} {:<3} {:>18}\n", def->name,
               fmt::format("{}_{}_c{}_c{}_{}", def->id.op0, def->id.op1, def->id.crn, def->id.crm,
                           def->id.op2),
               fmt::format("EL{}", def->min_el), rw, reset);
    ++count;
  }
  fmt::print("# {} registers\n# system instructions\n", count);
  for (const SysOpDef& op : sys_ops()) {
    if ((op.needs_el == 2 && !model.has_el2) || (op.needs_el == 3 && !model.has_el3)) continue;
    fmt::print("{:<20} {:<14} {:>4}\n", op.name,
               fmt::format("{}_{}_c{}_c{}_{}", op.id.op0, op.id.op1, op.id.crn, op.id.crm, op.id.op2),
               fmt::format("EL{}", op.min_el));
  }
  return kExitOk;
}

}  // namespace el2::cli
