// el2emu's process exit codes (documented in README.md, "Exit codes"). A guest
// that exits through semihosting passes its own code through instead.
#pragma once

namespace el2 {

enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 64,        // Bad command line.
  kExitBadImage = 65,     // Malformed or unloadable ELF / Image / binary / DTB.
  kExitNoInput = 66,      // An input file does not exist or cannot be read.
  kExitInternal = 70,     // el2emu bug.
  kExitInsnLimit = 71,    // --max-insns reached before the guest stopped.
  kExitFatalGuest = 72,   // Guest reached a state el2emu cannot model.
  kExitCheckFailed = 73,  // An ABI check or self-test reported a failure.
};

}  // namespace el2
