// Exception entry and return (Arm ARM D1.3 "Exceptions" and the pseudocode
// AArch64.TakeException / AArch64.ExceptionReturn, shared/functions/exceptions).
#pragma once

#include <cstdint>

#include "cpu/cpu_model.h"
#include "cpu/state.h"

namespace el2 {

enum class ExceptionKind : uint8_t { kSync = 0, kIrq = 1, kFiq = 2, kSError = 3 };

struct Exception {
  ExceptionKind kind = ExceptionKind::kSync;
  uint32_t esr = 0;               // Written to ESR_ELx for synchronous exceptions and SErrors.
  uint64_t preferred_return = 0;  // Becomes ELR_ELx.
  uint8_t target_el = 0;          // 0: the default target for the current EL (see routing.h).
  bool far_valid = false;
  uint64_t far = 0;
};

struct ExceptionEntry {
  unsigned from_el = 0;
  unsigned to_el = 0;
  uint64_t vector = 0;
};

// SPSR_ELx image of PSTATE for an exception taken from AArch64 (Arm ARM C5.2.18).
uint64_t pack_spsr(const Pstate& p);

// Takes the exception: picks the target EL, saves SPSR/ELR, writes ESR/FAR, sets
// PSTATE and jumps to the vector (updates state.pc).
ExceptionEntry take_exception(CpuState& state, const CpuModel& model, const Exception& e);

struct ExceptionReturn {
  unsigned from_el = 0;
  unsigned to_el = 0;
  bool illegal = false;  // Illegal exception return: PSTATE.IL set, EL unchanged.
};

// ERET from the current EL (must not be EL0). Updates state.pc.
ExceptionReturn exception_return(CpuState& state, const CpuModel& model);

}  // namespace el2
