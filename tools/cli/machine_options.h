// Options shared by every command that builds a machine, and the end-of-run
// report.
#pragma once

#include <string>
#include <vector>

#include "platform/machine.h"
#include "tools/cli/args.h"

namespace el2::cli {

// --cpu, --entry-el, --no-el2, --no-el3, --memory/-m, --max-insns.
std::vector<OptionSpec> machine_option_specs();
extern const char* const kMachineOptionsHelp;

MachineConfig machine_config(const Args& args);
// Applies --fw-reg NAME=VALUE settings (KVM's SET_ONE_REG rules) to the
// machine's PSCI firmware; a refused setting is a UsageError.
void apply_firmware_options(const Args& args, Machine& machine);
uint64_t max_insns(const Args& args);

// Prints why the run stopped (one line on stderr) and returns the exit code.
int report_stop(const Machine& machine, const RunResult& r);

}  // namespace el2::cli
