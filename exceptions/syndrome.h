// Exception syndromes (ESR_ELx) as small pure functions, one per exception
// class. Field layouts: Arm ARM D17.2.37 "ESR_EL1, Exception Syndrome Register
// (EL1)": EC in [31:26], IL in [25], ISS in [24:0].
#pragma once

#include <cstdint>

namespace el2 {

enum class ExceptionClass : uint8_t {
  kUnknown = 0x00,
  kWfx = 0x01,
  kFpAccess = 0x07,
  kIllegalState = 0x0E,
  kSvc64 = 0x15,
  kHvc64 = 0x16,
  kSmc64 = 0x17,
  kSysReg = 0x18,
  kInsnAbortLower = 0x20,
  kInsnAbortSame = 0x21,
  kPcAlignment = 0x22,
  kDataAbortLower = 0x24,
  kDataAbortSame = 0x25,
  kSpAlignment = 0x26,
  kSError = 0x2F,
  kBrk64 = 0x3C,
};

const char* exception_class_name(ExceptionClass ec);

namespace syn {

constexpr uint32_t make(ExceptionClass ec, uint32_t iss, bool il = true) {
  return (static_cast<uint32_t>(ec) << 26) | (uint32_t{il} << 25) | (iss & 0x1FF'FFFF);
}

constexpr ExceptionClass ec_of(uint32_t esr) { return static_cast<ExceptionClass>(esr >> 26); }
constexpr uint32_t iss_of(uint32_t esr) { return esr & 0x1FF'FFFF; }
constexpr bool il_of(uint32_t esr) { return (esr >> 25) & 1; }

// EC 0x00: UNDEFINED instructions and anything else without a better class.
constexpr uint32_t unknown() { return make(ExceptionClass::kUnknown, 0); }

// EC 0x01: trapped WFI/WFE. ISS: CV[24]=1, COND[23:20]=0xE (AArch64 reports
// "always"), TI[1:0] (0 WFI, 1 WFE).
constexpr uint32_t wfx(bool is_wfe) {
  return make(ExceptionClass::kWfx, (1u << 24) | (0xEu << 20) | (is_wfe ? 1u : 0u));
}

// EC 0x07: trapped SIMD/FP access. AArch64 reports CV=1, COND=0xE.
constexpr uint32_t fp_access() { return make(ExceptionClass::kFpAccess, (1u << 24) | (0xEu << 20)); }

// EC 0x0E: instruction executed with PSTATE.IL set. ISS is RES0.
constexpr uint32_t illegal_state() { return make(ExceptionClass::kIllegalState, 0); }

// EC 0x15/0x16/0x17: ISS[15:0] is the instruction's imm16.
constexpr uint32_t svc(uint16_t imm16) { return make(ExceptionClass::kSvc64, imm16); }
constexpr uint32_t hvc(uint16_t imm16) { return make(ExceptionClass::kHvc64, imm16); }
constexpr uint32_t smc(uint16_t imm16) { return make(ExceptionClass::kSmc64, imm16); }

// EC 0x18: trapped MSR/MRS/SYS. ISS: Op0[21:20] Op2[19:17] Op1[16:14]
// CRn[13:10] Rt[9:5] CRm[4:1] Direction[0] (1 = read, i.e. MRS/SYSL).
constexpr uint32_t sysreg_trap(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2,
                               unsigned rt, bool is_read) {
  return make(ExceptionClass::kSysReg, ((op0 & 3) << 20) | ((op2 & 7) << 17) | ((op1 & 7) << 14) |
                                           ((crn & 15) << 10) | ((rt & 31) << 5) |
                                           ((crm & 15) << 1) | (is_read ? 1u : 0u));
}

// Fault status codes shared by instruction and data aborts (DFSC/IFSC [5:0]).
namespace fsc {
constexpr uint8_t address_size(unsigned level) { return 0x00 | (level & 3); }
constexpr uint8_t translation(unsigned level) { return 0x04 | (level & 3); }
constexpr uint8_t access_flag(unsigned level) { return 0x08 | (level & 3); }
constexpr uint8_t permission(unsigned level) { return 0x0C | (level & 3); }
constexpr uint8_t kSyncExternal = 0x10;
constexpr uint8_t kAlignment = 0x21;
}  // namespace fsc

// EC 0x20/0x21: instruction abort. ISS: S1PTW[7], IFSC[5:0].
constexpr uint32_t insn_abort(bool same_el, uint8_t ifsc, bool s1ptw = false) {
  return make(same_el ? ExceptionClass::kInsnAbortSame : ExceptionClass::kInsnAbortLower,
              (uint32_t{s1ptw} << 7) | (ifsc & 0x3F));
}

// EC 0x22: PC alignment fault. ISS is RES0.
constexpr uint32_t pc_alignment() { return make(ExceptionClass::kPcAlignment, 0); }

// EC 0x24/0x25: data abort. ISS: ISV[24] (with SAS[23:22], SSE[21], SRT[20:16],
// SF[15], AR[14] valid only when ISV=1), S1PTW[7], WnR[6], DFSC[5:0].
struct DataAbortInfo {
  uint8_t dfsc = 0;
  bool write = false;
  bool s1ptw = false;
  bool isv = false;  // Syndrome for the access is valid (single-register loads/stores).
  unsigned sas = 0;  // log2(access size).
  bool sse = false;  // Sign-extending load.
  unsigned srt = 0;  // Transfer register.
  bool sf = false;   // 64-bit register.
  bool ar = false;   // Acquire/release semantics.
};

constexpr uint32_t data_abort(bool same_el, const DataAbortInfo& d) {
  uint32_t iss = (uint32_t{d.s1ptw} << 7) | (uint32_t{d.write} << 6) | (d.dfsc & 0x3F);
  if (d.isv)
    iss |= (1u << 24) | ((d.sas & 3) << 22) | (uint32_t{d.sse} << 21) | ((d.srt & 31) << 16) |
           (uint32_t{d.sf} << 15) | (uint32_t{d.ar} << 14);
  return make(same_el ? ExceptionClass::kDataAbortSame : ExceptionClass::kDataAbortLower, iss);
}

// EC 0x26: SP alignment fault. ISS is RES0.
constexpr uint32_t sp_alignment() { return make(ExceptionClass::kSpAlignment, 0); }

// EC 0x2F: SError. IDS[24]=0 means the ISS is architecturally defined;
// AET[12:10] and DFSC[5:0]. el2emu reports an uncategorised SError (DFSC 0).
constexpr uint32_t serror(uint32_t iss = 0) { return make(ExceptionClass::kSError, iss); }

// EC 0x3C: BRK. ISS[15:0] is the comment field.
constexpr uint32_t brk(uint16_t imm16) { return make(ExceptionClass::kBrk64, imm16); }

}  // namespace syn
}  // namespace el2
