// One row of the system-register table (after QEMU's ARMCPRegInfo): encoding,
// who may access it, where its value lives, its reset value and write mask, and
// an optional rule that traps or forbids an access.
#pragma once

#include <cstdint>
#include <span>

#include "cpu/cpu_model.h"
#include "cpu/insn_def.h"
#include "cpu/state.h"
#include "cpu/sysregs/sys_insn.h"

namespace el2 {

class Cpu;

// Outcome of an access check (Arm ARM D1.11 "Traps and enables").
enum class SysAccess : uint8_t { kOk, kUndefined, kTrapEl1, kTrapEl2, kTrapEl3 };

enum SysRegFlags : uint8_t {
  kRead = 1,
  kWrite = 2,
  kRW = kRead | kWrite,
};

struct SysRegDef {
  const char* name = "";
  SysRegId id;
  uint8_t min_el = 1;     // Lowest EL that may access it; lower ELs get UNDEFINED.
  uint8_t rw = kRW;       // MRS of a write-only / MSR of a read-only register is UNDEFINED.
  uint64_t* (*field)(CpuState&) = nullptr;  // Backing storage; nullptr if computed.
  uint64_t (*read)(const Cpu&) = nullptr;   // Computed value (ID registers, PSTATE views...).
  void (*write)(Cpu&, uint64_t) = nullptr;  // Writes with side effects (after masking).
  // Extra access rules, evaluated after the EL check: traps by HCR_EL2, SCR_EL3,
  // CPTR, CNTHCTL... nullptr means always allowed.
  SysAccess (*access)(const Cpu&, bool is_read) = nullptr;
  uint64_t reset = 0;
  uint64_t writable = ~uint64_t{0};  // Bits an MSR may change; others keep their value.
  Feature feature = Feature::kBase;
  // The register is banked per EL2/EL3 and absent without that EL.
  uint8_t needs_el = 0;
  // Accesses first pass the SIMD&FP enable checks (CPACR_EL1.FPEN,
  // CPTR_EL2.TFP, CPTR_EL3.TFP; EC 0x07): FPCR and FPSR.
  bool fp = false;
};

// The per-area row lists (sysregs/*.cc); registry.cc joins them into one table.
std::span<const SysRegDef> pstate_sysregs();
std::span<const SysRegDef> el1_sysregs();
std::span<const SysRegDef> el2_sysregs();
std::span<const SysRegDef> el3_sysregs();
std::span<const SysRegDef> id_sysregs();
std::span<const SysRegDef> timer_sysregs();
std::span<const SysRegDef> debug_pmu_sysregs();
std::span<const SysRegDef> gic_sysregs();

}  // namespace el2
