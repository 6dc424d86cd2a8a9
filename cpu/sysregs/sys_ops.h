// SYS instructions: cache maintenance (DC, IC), TLB maintenance (TLBI) and
// address translation (AT), one row each (Arm ARM C5.3 "A64 system
// instructions for cache maintenance, address translation and TLB maintenance").
#pragma once

#include <cstdint>

#include "cpu/sysregs/sysreg_def.h"

namespace el2 {

struct SysOpDef {
  const char* name = "";
  SysRegId id;
  uint8_t min_el = 1;
  void (*run)(Cpu&, uint64_t xt) = nullptr;
  SysAccess (*access)(const Cpu&) = nullptr;  // EL0 enables and HCR_EL2 traps.
  uint8_t needs_el = 0;
};

const SysOpDef* find_sys_op(SysRegId id);
SysAccess check_sys_op(const Cpu& cpu, const SysOpDef& op);
std::span<const SysOpDef> sys_ops();

}  // namespace el2
