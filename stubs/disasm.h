// One-instruction disassembly for violation evidence (Capstone).
#pragma once

#include <cstdint>
#include <string>

#include "cpu/cpu.h"

namespace el2::stubs {

// The instruction at guest address `pc` as text ("hvc #0"), or "?" when it
// cannot be read or decoded.
std::string disassemble_at(const Cpu& cpu, uint64_t pc);

}  // namespace el2::stubs
