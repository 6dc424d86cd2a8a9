// A64 disassembly for traces: Capstone first; for encodings Capstone 4 does not
// know (ARMv8.1+ such as LSE atomics) the decode table's row name and the raw
// word, never nothing.
#pragma once

#include <cstdint>
#include <string>

namespace el2 {

class Decoder;

class Disassembler {
 public:
  Disassembler();
  ~Disassembler();
  Disassembler(const Disassembler&) = delete;
  Disassembler& operator=(const Disassembler&) = delete;

  // "mnemonic operands", or "<row name> (.inst 0x...)" when Capstone cannot
  // decode it, or ".inst 0x... (UNDEFINED)" when no row matches.
  std::string disassemble(uint32_t insn, uint64_t pc, const Decoder* decoder) const;

 private:
  size_t handle_ = 0;  // csh
  bool ok_ = false;
};

}  // namespace el2
