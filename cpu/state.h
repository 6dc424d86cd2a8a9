// The architectural state of one core, as a flat struct (no pointers, no
// virtual calls) so the interpreter touches it cheaply and snapshots are a copy.
#pragma once

#include <array>
#include <cstdint>

#include "cpu/sysreg_file.h"

namespace el2 {

// PSTATE (Arm ARM D1.4 "Process state, PSTATE"). Kept unpacked; SPSR images are
// produced and consumed by pack_spsr()/unpack_spsr() in exceptions/.
struct Pstate {
  bool n = false, z = false, c = false, v = false;
  bool d = true, a = true, i = true, f = true;  // DAIF: masked out of reset.
  uint8_t el = 1;                               // CurrentEL.
  bool sp = true;                               // SPSel: 1 = SP_ELx, 0 = SP_EL0.
  bool pan = false, uao = false, ssbs = false;
  bool il = false;  // Illegal execution state.
  bool ss = false;  // Software step.
};

struct VReg {
  uint64_t lo = 0, hi = 0;
};

// The per-core local exclusive monitor (Arm ARM B2.9). The global monitor is
// modelled by clearing other cores' monitors on a matching store (CoreGroup).
struct ExclusiveMonitor {
  bool armed = false;
  uint64_t addr = 0;  // Address of the marked block, as the load-exclusive gave it.
  unsigned size = 0;
  // Host address of the marked bytes in RAM (nullptr if not RAM): what other
  // cores' stores are compared against (cpu/core_group.h).
  const uint8_t* host = nullptr;
};

struct CpuState {
  std::array<uint64_t, 31> x{};  // X0..X30; register 31 is SP or ZR by context.
  std::array<uint64_t, 4> sp_el{};
  uint64_t pc = 0;
  Pstate pstate;
  std::array<uint64_t, 4> elr_el{};   // [1..3] used.
  std::array<uint64_t, 4> spsr_el{};  // [1..3] used.
  std::array<VReg, 32> v{};
  uint32_t fpcr = 0, fpsr = 0;
  ExclusiveMonitor monitor;
  SysRegFile sys;

  uint64_t& sp() { return sp_el[pstate.sp ? pstate.el : 0]; }
  uint64_t sp() const { return sp_el[pstate.sp ? pstate.el : 0]; }
};

}  // namespace el2
