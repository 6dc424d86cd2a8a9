#include "tools/trace/disassembler.h"

#include <capstone/capstone.h>

#include <fmt/format.h>

#include "cpu/decoder.h"

namespace el2 {

Disassembler::Disassembler() {
  csh h = 0;
  ok_ = cs_open(CS_ARCH_ARM64, CS_MODE_LITTLE_ENDIAN, &h) == CS_ERR_OK;
  handle_ = h;
}

Disassembler::~Disassembler() {
  if (ok_) {
    csh h = handle_;
    cs_close(&h);
  }
}

std::string Disassembler::disassemble(uint32_t insn, uint64_t pc, const Decoder* decoder) const {
  if (ok_) {
    cs_insn* out = nullptr;
    const auto* bytes = reinterpret_cast<const uint8_t*>(&insn);
    const size_t n = cs_disasm(handle_, bytes, 4, pc, 1, &out);
    if (n == 1) {
      std::string s = out[0].mnemonic;
      if (out[0].op_str[0]) s += std::string(" ") + out[0].op_str;
      cs_free(out, n);
      return s;
    }
  }
  const InsnDef* row = decoder ? decoder->decode(insn) : nullptr;
  if (row) return fmt::format("{} (.inst {:#010x})", row->name, insn);
  return fmt::format(".inst {:#010x} (UNDEFINED)", insn);
}

}  // namespace el2
