#include "stubs/disasm.h"

#include <capstone/capstone.h>

namespace el2::stubs {

std::string disassemble_at(const Cpu& cpu, uint64_t pc) {
  uint8_t bytes[4];
  if (!cpu.debug_read(pc, bytes, sizeof bytes)) return "?";
  csh handle;
  if (cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &handle) != CS_ERR_OK) return "?";
  cs_insn* insn = nullptr;
  std::string text = "?";
  if (cs_disasm(handle, bytes, sizeof bytes, pc, 1, &insn) == 1) {
    text = insn[0].mnemonic;
    if (insn[0].op_str[0]) text += std::string(" ") + insn[0].op_str;
    cs_free(insn, 1);
  }
  cs_close(&handle);
  return text;
}

}  // namespace el2::stubs
