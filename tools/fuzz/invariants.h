// Emulator invariants the fuzzer checks on every call, written from the Arm
// ARM and docs/PSCI.md rather than from el2emu's code, so a slip in the
// exception machinery or the firmware shows up as a finding. Each returns an
// empty string when the invariant holds, else one line saying what broke.
#pragma once

#include <cstdint>
#include <string>

#include "cpu/cpu.h"

namespace el2::fuzz {

// After any exception entry (AArch64.TakeException, Arm ARM D1.3): PSTATE at
// the target EL with SP_ELx and D, A, I, F masked, IL and SS clear; PC at the
// vector VBAR_ELx[63:11] + offset (current EL SP0/SPx or lower EL AArch64,
// plus 0x80 per exception kind); ELR = the preferred return; SPSR.M = the EL
// it came from; ESR for synchronous exceptions and SErrors.
std::string check_exception_entry(const CpuState& s, const Exception& e,
                                  const ExceptionEntry& entry);

// After ERET (AArch64.ExceptionReturn): PC = ELR; for a legal return PSTATE's
// EL, SPSel, NZCV, DAIF and IL come from SPSR and the EL does not rise; for an
// illegal one PSTATE.IL is set and the EL is unchanged.
std::string check_exception_return(const CpuState& s, const ExceptionReturn& r);

// After `hvc #imm` at `pc` from EL1 with `caller` PSTATE is taken to EL2:
// ESR_EL2 = EC 0x16, IL, ISS = imm; ELR_EL2 = pc + 4; SPSR_EL2 = the caller's
// PSTATE.
std::string check_hvc_entry(const CpuState& s, uint64_t pc, const Pstate& caller, uint16_t imm);

// After an SMC at `pc` from EL1 answered by the built-in firmware: back at
// pc + 4 at EL1 with the same PSTATE; x4-x30, SP_EL0, SP_EL1, V0-V31, FPCR,
// FPSR and the EL1 system registers unchanged (only x0-x3 carry results);
// x1-x3 each unchanged, zero, or narrowed to 32 bits (docs/PSCI.md,
// "Dispatch"); a non-zero immediate answers x0 = -1 and nothing else.
std::string check_smc_return(const Cpu& after, const CpuState& before, uint64_t pc, uint16_t imm);

}  // namespace el2::fuzz
