// The register file GDB sees: the target description (target.xml) and the
// register numbering of the 'g'/'p' packets, which follow it exactly.
//   0..30 x0-x30, 31 sp, 32 pc (64-bit), 33 cpsr (32-bit)   org.gnu.gdb.aarch64.core
//   34..65 v0-v31 (128-bit), 66 fpsr, 67 fpcr (32-bit)       org.gnu.gdb.aarch64.fpu
//   68.. every readable system register of the model, 64-bit, named as in
//        the SysRegTable (VBAR_EL2, HCR_EL2, ...)            org.el2emu.sysregs
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cpu/cpu.h"
#include "cpu/sysregs/sysreg_def.h"

namespace el2::gdb {

struct RegInfo {
  enum Kind : uint8_t { kX, kSp, kPc, kCpsr, kV, kFpsr, kFpcr, kSys };
  std::string name;
  Kind kind;
  unsigned index = 0;  // x/v register number.
  unsigned bits = 64;
  const SysRegDef* def = nullptr;  // kSys.
};

class RegisterMap {
 public:
  explicit RegisterMap(const CpuModel& model);

  const std::vector<RegInfo>& regs() const { return regs_; }
  const std::string& target_xml() const { return xml_; }
  // Register number of a system register by table name, if GDB sees it.
  std::optional<unsigned> find(const std::string& name) const;

  // The register's value as target-order hex (bits / 4 digits).
  std::string read_hex(const Cpu& cpu, unsigned regno) const;
  // Writes target-order hex; false on a bad value or a read-only register.
  // System registers are written with the table's rules (write mask, write
  // function) as MSR would, without its access checks and traps.
  bool write_hex(Cpu& cpu, unsigned regno, std::string_view hex) const;

  // The 'g' reply and the 'G' write (the concatenation of every register).
  std::string read_all(const Cpu& cpu) const;
  bool write_all(Cpu& cpu, std::string_view hex) const;

  static constexpr unsigned kFirstSysReg = 68;

 private:
  std::vector<RegInfo> regs_;
  std::string xml_;
};

uint64_t read_sysreg(const Cpu& cpu, const SysRegDef& def);
bool write_sysreg(Cpu& cpu, const SysRegDef& def, uint64_t value);

}  // namespace el2::gdb
