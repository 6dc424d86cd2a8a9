// The GDB remote stub: `el2emu run IMAGE --gdb PORT [--gdb-wait]`. Listens on
// 127.0.0.1 only, serves one client at a time, and runs the machine in slices
// so it can check breakpoints (PC compares, never patched guest memory) and
// Ctrl-C from the client. One GDB thread per core, thread id = core + 1.
// See docs/DEBUGGING.md.
#pragma once

#include <cstdint>

#include "platform/machine.h"

namespace el2::gdb {

struct ServerOptions {
  uint16_t port = 0;  // 0: any free port (printed on stderr).
  bool wait = false;  // Halt at the entry point until a client attaches.
};

// Runs `machine` (already reset) under the stub until it stops, `max_insns`
// retire, or the client kills it. Throws std::runtime_error if the port
// cannot be opened.
RunResult run_with_gdb(Machine& machine, uint64_t max_insns, const ServerOptions& options);

}  // namespace el2::gdb
