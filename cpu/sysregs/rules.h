// Access rules shared by several registers: trap bits in HCR_EL2, SCR_EL3 and
// friends (Arm ARM D1.11 "Traps and enables" and the register descriptions in
// D17). Each returns kOk when the access proceeds.
#pragma once

#include "cpu/cpu.h"
#include "cpu/sysregs/sysreg_def.h"
#include "exceptions/routing.h"

namespace el2::rules {

// HCR_EL2 bits.
constexpr uint64_t kHcrTid1 = 1ull << 16;
constexpr uint64_t kHcrTid2 = 1ull << 17;
constexpr uint64_t kHcrTid3 = 1ull << 18;
constexpr uint64_t kHcrTacr = 1ull << 21;
constexpr uint64_t kHcrTsw = 1ull << 22;
constexpr uint64_t kHcrTpc = 1ull << 23;
constexpr uint64_t kHcrTpu = 1ull << 24;
constexpr uint64_t kHcrTtlb = 1ull << 25;
constexpr uint64_t kHcrTvm = 1ull << 26;
constexpr uint64_t kHcrTrvm = 1ull << 30;

// True when an access from EL1 (or EL0) is subject to the HCR_EL2 bit `mask`.
inline bool hcr_traps(const Cpu& cpu, uint64_t mask) {
  const CpuState& s = cpu.state();
  return s.pstate.el <= 1 && el2_enabled(s, cpu.model()) && (s.sys.hcr_el2 & mask);
}

// HCR_EL2.TVM traps EL1 writes, HCR_EL2.TRVM EL1 reads, of the EL1 virtual
// memory control registers (Arm ARM D17.2.48, HCR_EL2.TVM/TRVM).
inline SysAccess vm_control(const Cpu& cpu, bool is_read) {
  if (cpu.state().pstate.el == 1 && hcr_traps(cpu, is_read ? kHcrTrvm : kHcrTvm))
    return SysAccess::kTrapEl2;
  return SysAccess::kOk;
}

// HCR_EL2.TACR: ACTLR_EL1 accesses from EL1.
inline SysAccess actlr(const Cpu& cpu, bool) {
  return cpu.state().pstate.el == 1 && hcr_traps(cpu, kHcrTacr) ? SysAccess::kTrapEl2
                                                                 : SysAccess::kOk;
}

// HCR_EL2.TID1/TID2/TID3: ID register groups read from EL1 (and EL0 where
// EL0 may read them).
inline SysAccess id_group1(const Cpu& cpu, bool) {
  return hcr_traps(cpu, kHcrTid1) ? SysAccess::kTrapEl2 : SysAccess::kOk;
}
inline SysAccess id_group2(const Cpu& cpu, bool) {
  return hcr_traps(cpu, kHcrTid2) ? SysAccess::kTrapEl2 : SysAccess::kOk;
}
inline SysAccess id_group3(const Cpu& cpu, bool) {
  return hcr_traps(cpu, kHcrTid3) ? SysAccess::kTrapEl2 : SysAccess::kOk;
}

}  // namespace el2::rules
