// The GICv3 CPU interface as a core reaches it: the ICC_* (and ICH_*) system
// registers forward here (cpu/sysregs/gic_regs.cc). The interrupt controller
// that implements it lives in platform/gic/; a core without one (no GIC on the
// board) treats those registers as not implemented: UNDEFINED.
#pragma once

#include <cstdint>

namespace el2 {

class Cpu;

// One value per architectural register the CPU interface implements. The
// controller decodes which register (and bank) is meant; access checks
// (traps, EL) have been made by the system-register table before the call.
enum class GicReg : uint8_t {
  kIccPmrEl1,
  kIccIar0El1,
  kIccIar1El1,
  kIccEoir0El1,
  kIccEoir1El1,
  kIccDirEl1,
  kIccHppir0El1,
  kIccHppir1El1,
  kIccBpr0El1,
  kIccBpr1El1,
  kIccCtlrEl1,
  kIccCtlrEl3,
  kIccSreEl1,
  kIccSreEl2,
  kIccSreEl3,
  kIccIgrpen0El1,
  kIccIgrpen1El1,
  kIccIgrpen1El3,
  kIccRprEl1,
  kIccSgi0rEl1,
  kIccSgi1rEl1,
  kIccAsgi1rEl1,
  kIccAp0r0El1,
  kIccAp1r0El1,
  kIchHcrEl2,
  kIchVtrEl2,
  kIchVmcrEl2,
  kIchMisrEl2,
  kIchEisrEl2,
  kIchElrsrEl2,
  kIchAp0r0El2,
  kIchAp1r0El2,
  kIchLr0El2,  // kIchLr0El2 + n for ICH_LR<n>_EL2, n < kIchListRegs.
  kIchLrLast = kIchLr0El2 + 15,
};
constexpr unsigned kIchListRegs = 4;  // ICH_VTR_EL2.ListRegs + 1.

class GicCpuInterface {
 public:
  virtual ~GicCpuInterface() = default;
  virtual uint64_t read(Cpu& cpu, GicReg reg) = 0;
  virtual void write(Cpu& cpu, GicReg reg, uint64_t value) = 0;
};

}  // namespace el2
