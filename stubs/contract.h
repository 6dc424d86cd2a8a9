// The hyp-stub ABI as data: each contract (`doc`, `linux-6.1`, `linux-6.12`,
// `arm32`) is a table of rules. A rule names what it checks (a Check, evaluated
// by stubs/checker.cc), which calls it applies to, and where the requirement
// comes from. Sources: the seed's Documentation/virtual/kvm/arm/hyp-abi.txt
// ("seed") and ../shared/spec/STUB_AND_PSCI_FACTS.md Part A ("facts A.x").
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace el2::stubs {

// The stub functions a contract knows. kOther is any other x0: "hypervisor
// specific" in the seed, HVC_STUB_ERR in the kernel (facts A.1, A.3.1).
enum class Fn : uint8_t { kSetVectors, kSoftRestart, kResetVectors, kFinaliseEl2, kOther };
constexpr unsigned kFnCount = 5;
const char* fn_name(Fn f);

constexpr uint32_t fn_bit(Fn f) { return 1u << static_cast<unsigned>(f); }
constexpr uint32_t kAllFns = (1u << kFnCount) - 1;
// Every call that comes back to its caller (all but SOFT_RESTART).
constexpr uint32_t kReturningFns = kAllFns & ~fn_bit(Fn::kSoftRestart);

// What a rule evaluates. One evaluator per value in stubs/checker.cc.
enum class Check : uint8_t {
  kVectorsAligned,        // Static: the stub's table is 2 KiB aligned.
  kCallerVectorsAligned,  // Caller: SET_VECTORS' x1 is 2 KiB aligned.
  kReturns,               // The call comes back (no hang, no fault inside the stub).
  kReturnAddress,         // Back at the instruction after the HVC.
  kReturnPstate,          // With the caller's PSTATE (NZCV, DAIF, EL, SPSel, PAN...).
  kReturnValue,           // x0 is 0 or HVC_STUB_ERR.
  kPreservedGprs,         // X[lo..hi] unchanged.
  kPreservedSpEl0,
  kPreservedSpEl1,  // The caller's stack pointer.
  kPreservedEl1Sysregs,
  kPreservedFpSimd,   // V0-V31, FPCR, FPSR.
  kUnknownIsError,    // x0 >= HVC_STUB_HCALL_NR returns HVC_STUB_ERR.
  kSetVectorsVbar,    // VBAR_EL2 == x1 afterwards.
  kSuccess,           // x0 == 0.
  kResetRestores,     // VBAR_EL2 == the stub's vectors afterwards.
  kResetMmuOff,       // SCTLR_EL2.M == 0 afterwards.
  kRestartNoReturn,   // Never comes back to the caller at EL1.
  kRestartArrives,    // Continues at x1, at EL2.
  kRestartArgs,       // ... with x0, x1, x2 = the caller's x2, x3, x4.
  kRestartMasked,     // ... with D, A, I, F masked.
  kRestartMmuOff,     // ... with SCTLR_EL2.M == 0.
  kFinaliseOutcome,   // 0 at EL2, or HVC_STUB_ERR still at EL1.
  kFinaliseContext,   // On success the caller's EL1 context now drives EL2.
};

// Who must keep a rule: the stub, or the code calling it (a caller rule is a
// precondition; check-stub's driver breaks them on purpose as probes).
enum class Party : uint8_t { kStub, kCaller };

// Which answers a rule covers: only calls taken while the stub's own vectors
// are installed, or any handler (also a hypervisor installed with SET_VECTORS
// that forwards to the stub).
enum class Scope : uint8_t { kStubVectors, kAnyHandler };

struct Rule {
  std::string_view id;
  Check check;
  uint32_t fns = kReturningFns;  // fn_bit() mask; ignored for static checks.
  std::string_view text;         // The requirement, in one line.
  std::string_view source;       // Where it comes from.
  Party party = Party::kStub;
  Scope scope = Scope::kStubVectors;
  uint8_t lo = 0, hi = 0;  // Register range for kPreservedGprs.
};

enum class Isa : uint8_t { kAArch64, kAArch32 };

struct Contract {
  std::string_view name;
  Isa isa;
  std::string_view summary;
  // Function numbers (x0) for SET_VECTORS, SOFT_RESTART, RESET_VECTORS,
  // FINALISE_EL2; -1 when the contract has no such call.
  int64_t numbers[4];
  uint64_t hcall_nr;  // HVC_STUB_HCALL_NR: x0 at or above is "unknown".
  std::span<const Rule> rules;

  Fn classify(uint64_t x0) const;
  int64_t number(Fn f) const { return f == Fn::kOther ? -1 : numbers[static_cast<int>(f)]; }
};

std::span<const Contract> all_contracts();
const Contract* find_contract(std::string_view name);

}  // namespace el2::stubs
