#include "stubs/contract.h"

#include <array>

#include "stubs/hyp_abi.h"

namespace el2::stubs {

namespace {

constexpr uint32_t kSet = fn_bit(Fn::kSetVectors);
constexpr uint32_t kRestart = fn_bit(Fn::kSoftRestart);
constexpr uint32_t kReset = fn_bit(Fn::kResetVectors);
constexpr uint32_t kFinalise = fn_bit(Fn::kFinaliseEl2);
constexpr uint32_t kOther = fn_bit(Fn::kOther);

constexpr std::string_view kSeed = "seed hyp-abi.txt";

// Rules every AArch64 contract shares: the calling convention (seed: "A stub
// hypercall is allowed to clobber any of the caller-saved registers (x0-x18 on
// arm64)"; facts A.2) and the shape of a return.
#define EL2_COMMON_AARCH64_RULES(src)                                                            \
  Rule{.id = "vectors.aligned", .check = Check::kVectorsAligned, .fns = 0,                       \
       .text = "the stub's vector table is 2 KiB aligned (VBAR_EL2[10:0] are RES0)",             \
       .source = "seed: 'respect the alignment requirements of the architecture'; facts A.2"},   \
      Rule{.id = "caller.vectors-aligned", .check = Check::kCallerVectorsAligned, .fns = kSet,   \
           .text = "SET_VECTORS: the caller passes a 2 KiB-aligned physical address in x1",      \
           .source = "seed: 'vectors must be a physical address, and respect the alignment'",    \
           .party = Party::kCaller, .scope = Scope::kAnyHandler},                                \
      Rule{.id = "return.returns", .check = Check::kReturns,                                     \
           .text = "the call comes back with ERET (the stub does not hang or fault)",            \
           .source = src "; facts A.2: 'The stub returns with eret'"},                           \
      Rule{.id = "return.address", .check = Check::kReturnAddress,                               \
           .text = "it returns to the instruction after the HVC",                                \
           .source = "facts A.2: ELR_EL2 is already the next instruction; never adjusted"},      \
      Rule{.id = "return.pstate", .check = Check::kReturnPstate,                                 \
           .text = "it returns with the caller's PSTATE (NZCV, DAIF, EL1, SPSel, PAN)",          \
           .source = src "; a hypercall is a function call (facts A.2)"},                        \
      Rule{.id = "return.value", .check = Check::kReturnValue,                                   \
           .text = "x0 is 0 (success) or HVC_STUB_ERR = 0xbadca11",                              \
           .source = "seed: 'is 0 on success, and HVC_STUB_ERR on error'"},                      \
      Rule{.id = "preserve.x19-x29", .check = Check::kPreservedGprs,                             \
           .text = "x19-x29 are preserved (only x0-x18 may change)",                             \
           .source = "seed: 'clobber any of the caller-saved registers (x0-x18 on arm64)'",      \
           .lo = 19, .hi = 29},                                                                  \
      Rule{.id = "preserve.x30", .check = Check::kPreservedGprs,                                 \
           .text = "x30 (the caller's link register) is preserved",                              \
           .source = "seed: only x0-x18 may be clobbered", .lo = 30, .hi = 30},                  \
      Rule{.id = "preserve.sp-el0", .check = Check::kPreservedSpEl0,                             \
           .text = "SP_EL0 is preserved", .source = "seed: only x0-x18 may be clobbered"},       \
      Rule{.id = "preserve.sp-el1", .check = Check::kPreservedSpEl1,                             \
           .text = "the caller's stack pointer (SP_EL1) is preserved",                           \
           .source = "seed: only x0-x18 may be clobbered"},                                      \
      Rule{.id = "preserve.el1-sysregs", .check = Check::kPreservedEl1Sysregs,                   \
           .text = "EL1 system registers (SCTLR, TCR, TTBR0/1, MAIR, VBAR, TPIDR, ...) kept",     \
           .source = "seed: the stub 'only acts on' EL2; facts A.3.1"},                          \
      Rule{.id = "preserve.fp-simd", .check = Check::kPreservedFpSimd,                           \
           .text = "V0-V31, FPCR and FPSR are preserved",                                        \
           .source = "seed: only the caller-saved x0-x18 are named"}

// The calls both the seed and the kernel define.
#define EL2_SET_VECTORS_RULES                                                                    \
  Rule{.id = "set-vectors.vbar", .check = Check::kSetVectorsVbar, .fns = kSet,                   \
       .text = "SET_VECTORS leaves VBAR_EL2 = x1",                                               \
       .source = "seed: 'Set HVBAR/VBAR_EL2 to vectors'; facts A.3.1 (no alignment check)"},     \
      Rule{.id = "set-vectors.result", .check = Check::kSuccess, .fns = kSet,                    \
           .text = "SET_VECTORS returns 0", .source = "facts A.3.1: 'Returns x0=0'"}

#define EL2_SOFT_RESTART_RULES(masked_src, mmu_src)                                              \
  Rule{.id = "soft-restart.no-return", .check = Check::kRestartNoReturn, .fns = kRestart,        \
       .text = "SOFT_RESTART never returns to the caller",                                       \
       .source = "seed: 'not expected to return to its caller'; facts A.3.1"},                  \
      Rule{.id = "soft-restart.arrives", .check = Check::kRestartArrives, .fns = kRestart,       \
           .text = "SOFT_RESTART continues at x1, at EL2",                                       \
           .source = "seed: 'jump to the restart address while at HYP/EL2'"},                    \
      Rule{.id = "soft-restart.args", .check = Check::kRestartArgs, .fns = kRestart,             \
           .text = "... with x0, x1, x2 = the caller's x2, x3, x4",                              \
           .source = "seed: 'x2 = x0's value when entering the next payload' (x3, x4 alike)"},   \
      Rule{.id = "soft-restart.masked", .check = Check::kRestartMasked, .fns = kRestart,         \
           .text = "... with D, A, I, F masked", .source = masked_src},                          \
      Rule{.id = "soft-restart.mmu-off", .check = Check::kRestartMmuOff, .fns = kRestart,        \
           .text = "... with the EL2 MMU off (SCTLR_EL2.M = 0)", .source = mmu_src}

constexpr Rule kDocRules[] = {
    EL2_COMMON_AARCH64_RULES("seed"),
    EL2_SET_VECTORS_RULES,
    Rule{.id = "reset-vectors.result", .check = Check::kSuccess, .fns = kReset,
         .text = "RESET_VECTORS returns 0", .source = "seed: 'is 0 on success'"},
    // The seed puts this on whoever answers ("any built-in hypervisor must
    // implement these functions"), so it is checked also when a hypervisor
    // installed with SET_VECTORS forwards the call to the stub.
    Rule{.id = "reset-vectors.restores", .check = Check::kResetRestores, .fns = kReset,
         .text = "RESET_VECTORS leaves VBAR_EL2 = the stub's own vectors, whoever answered",
         .source = "seed: 'reset HVBAR/VBAR_EL2 to the initials stubs' exception vector value'",
         .scope = Scope::kAnyHandler},
    Rule{.id = "reset-vectors.mmu-off", .check = Check::kResetMmuOff, .fns = kReset,
         .text = "RESET_VECTORS leaves the EL2 MMU off", .source = "seed: 'Turn HYP/EL2 MMU off'",
         .scope = Scope::kAnyHandler},
    EL2_SOFT_RESTART_RULES("seed: 'Mask all exceptions'", "seed: 'disable the MMU'"),
};

// Linux 6.1 and 6.12 (facts A.1-A.5): the same stub in both versions as far as
// an EL1 caller can see; 6.12 declines FINALISE_EL2 also for the hVHE override.
constexpr Rule kLinuxRules[] = {
    EL2_COMMON_AARCH64_RULES("facts A.2"),
    EL2_SET_VECTORS_RULES,
    Rule{.id = "reset-vectors.result", .check = Check::kSuccess, .fns = kReset,
         .text = "RESET_VECTORS returns 0", .source = "facts A.3.1: 'Nothing to undo: x0=0'"},
    // The kernel stub's RESET_VECTORS is a no-op: it is only right when the
    // stub's own vectors answered (KVM's handler restores VBAR itself, A.3.2).
    Rule{.id = "reset-vectors.restores", .check = Check::kResetRestores, .fns = kReset,
         .text = "RESET_VECTORS answered by the stub leaves VBAR_EL2 = the stub's vectors",
         .source = "facts A.3.1, A.3.2 (__kvm_handle_stub_hvc restores __hyp_stub_vectors)"},
    EL2_SOFT_RESTART_RULES("facts A.3.1: DAIF already set by the exception entry; booting B.2",
                           "facts A.3.1: SCTLR_EL2 = INIT_SCTLR_EL2_MMU_OFF from boot"),
    Rule{.id = "finalise.outcome", .check = Check::kFinaliseOutcome, .fns = kFinalise,
         .text = "FINALISE_EL2 returns 0 at EL2, or HVC_STUB_ERR with the caller still at EL1",
         .source = "facts A.5 (declines when VH = 0 or SCTLR_EL2.M = 1)"},
    Rule{.id = "finalise.context", .check = Check::kFinaliseContext, .fns = kFinalise,
         .text = "on success HCR_EL2 has E2H|TGE, VBAR/TTBR0/TTBR1/TCR/MAIR_EL2 = the EL1 values",
         .source = "facts A.5 step 4 (HCR_HOST_VHE_FLAGS, VBAR_EL2 := VBAR_EL12, ...)"},
    Rule{.id = "unknown.error", .check = Check::kUnknownIsError, .fns = kOther,
         .text = "any x0 >= HVC_STUB_HCALL_NR (4) returns HVC_STUB_ERR",
         .source = "facts A.1: 'the stub answers HVC_STUB_ERR'"},
};

// 32-bit arm (facts A.7): r0-r3 and ip may change; SET_VECTORS is refused by
// the kernel proper; SOFT_RESTART is `bx r1` in HYP mode with no moves.
// el2emu does not execute AArch32 yet: the row exists so the table is complete.
constexpr Rule kArm32Rules[] = {
    Rule{.id = "vectors.aligned", .check = Check::kVectorsAligned, .fns = 0,
         .text = "the HVBAR table is 32-byte aligned (.align 5)", .source = "facts A.7"},
    Rule{.id = "return.returns", .check = Check::kReturns, .text = "the call returns with ERET",
         .source = "facts A.7"},
    Rule{.id = "return.value", .check = Check::kReturnValue,
         .text = "r0 is 0 or HVC_STUB_ERR", .source = "seed; facts A.7"},
    Rule{.id = "preserve.r4-r11", .check = Check::kPreservedGprs,
         .text = "r4-r11 are preserved (only r0-r3 and ip may change)",
         .source = "seed: 'r0-r3 and ip on arm'", .lo = 4, .hi = 11},
    Rule{.id = "preserve.sp-lr", .check = Check::kPreservedGprs, .text = "sp and lr preserved",
         .source = "seed: 'r0-r3 and ip on arm'", .lo = 13, .hi = 14},
    Rule{.id = "unknown.error", .check = Check::kUnknownIsError, .fns = kOther,
         .text = "any other r0 returns HVC_STUB_ERR (SET_VECTORS too, outside the zImage)",
         .source = "facts A.7"},
};

#undef EL2_COMMON_AARCH64_RULES
#undef EL2_SET_VECTORS_RULES
#undef EL2_SOFT_RESTART_RULES

// Function numbers: the seed points at virt.h of its time (4.12: SET 0,
// SOFT_RESTART 1, RESET 2, HVC_STUB_HCALL_NR 3); 6.x adds FINALISE_EL2 = 3.
constexpr Contract kContracts[] = {
    {.name = "doc",
     .isa = Isa::kAArch64,
     .summary = "the seed's hyp-abi.txt (Documentation/virtual/kvm/arm), arm64",
     .numbers = {HVC_SET_VECTORS, HVC_SOFT_RESTART, HVC_RESET_VECTORS, -1},
     .hcall_nr = 3,
     .rules = kDocRules},
    {.name = "linux-6.1",
     .isa = Isa::kAArch64,
     .summary = "arch/arm64/kernel/hyp-stub.S in Linux 6.1 (facts A.1-A.5)",
     .numbers = {HVC_SET_VECTORS, HVC_SOFT_RESTART, HVC_RESET_VECTORS, HVC_FINALISE_EL2},
     .hcall_nr = 4,
     .rules = kLinuxRules},
    {.name = "linux-6.12",
     .isa = Isa::kAArch64,
     .summary = "arch/arm64/kernel/hyp-stub.S in Linux 6.12 (facts A.1-A.5, 6.12 deltas)",
     .numbers = {HVC_SET_VECTORS, HVC_SOFT_RESTART, HVC_RESET_VECTORS, HVC_FINALISE_EL2},
     .hcall_nr = 4,
     .rules = kLinuxRules},
    {.name = "arm32",
     .isa = Isa::kAArch32,
     .summary = "arch/arm/kernel/hyp-stub.S (facts A.7); AArch32 is not executed yet",
     .numbers = {-1, HVC_SOFT_RESTART, -1, -1},
     .hcall_nr = 2,
     .rules = kArm32Rules},
};

}  // namespace

const char* fn_name(Fn f) {
  static constexpr std::array<const char*, kFnCount> kNames = {
      "SET_VECTORS", "SOFT_RESTART", "RESET_VECTORS", "FINALISE_EL2", "other"};
  return kNames[static_cast<unsigned>(f)];
}

Fn Contract::classify(uint64_t x0) const {
  for (unsigned i = 0; i < 4; ++i)
    if (numbers[i] >= 0 && x0 == static_cast<uint64_t>(numbers[i])) return static_cast<Fn>(i);
  return Fn::kOther;
}

std::span<const Contract> all_contracts() { return kContracts; }

const Contract* find_contract(std::string_view name) {
  for (const Contract& c : kContracts)
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace el2::stubs
