// Arm semihosting for A64 guests (HLT #0xF000; operation in W0, parameter in
// X1; "Semihosting for AArch32 and AArch64", Arm IHI 0025). The operations
// test images need: console output and exit.
#pragma once

#include <cstdint>
#include <cstdio>

namespace el2 {

class Cpu;

namespace semihosting {

constexpr uint32_t kSysWritec = 0x03;
constexpr uint32_t kSysWrite0 = 0x04;
constexpr uint32_t kSysWrite = 0x05;
constexpr uint32_t kSysExit = 0x18;
constexpr uint32_t kSysExitExtended = 0x20;
constexpr uint64_t kAdpStoppedApplicationExit = 0x20026;

// Performs the call in `cpu`'s X0/X1 and writes the result to X0. Console output
// goes to `console`. SYS_EXIT requests a guest-exit stop on the core.
void handle(Cpu& cpu, std::FILE* console);

}  // namespace semihosting
}  // namespace el2
