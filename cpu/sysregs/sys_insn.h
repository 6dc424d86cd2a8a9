// MRS, MSR (register and immediate) and SYS/SYSL: the instruction side of the
// system-register layer. Each looks the encoding up in the register table
// (sysreg_table.h), applies its access rules, and traps or performs the access.
#pragma once

#include <cstdint>

namespace el2 {

class Cpu;

struct SysRegId {
  unsigned op0 = 0, op1 = 0, crn = 0, crm = 0, op2 = 0;
  constexpr uint32_t key() const { return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2; }
  friend constexpr bool operator==(SysRegId a, SysRegId b) { return a.key() == b.key(); }
};

// MRS and MSR (register), from the instruction word (MsrMrs's fields).
void execute_mrs(Cpu& cpu, uint32_t insn);
void execute_msr(Cpu& cpu, uint32_t insn);
void execute_msr_imm(Cpu& cpu, unsigned op1, unsigned crm, unsigned op2);
void execute_sys(Cpu& cpu, bool is_sysl, unsigned op1, unsigned crn, unsigned crm, unsigned op2,
                 unsigned rt);

}  // namespace el2
