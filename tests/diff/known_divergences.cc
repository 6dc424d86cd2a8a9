#include "tests/diff/known_divergences.h"

#include <array>

namespace el2::diff {

namespace {

// QEMU marks an open monitor with exclusive_addr == -1, so a store-exclusive
// whose address is all-ones "passes" and performs the access.
bool base_is_all_ones(uint32_t insn, const ArchState& in) {
  const unsigned rn = (insn >> 5) & 31;
  return (rn == 31 ? in.sp : in.x[rn]) == ~uint64_t{0};
}

// "el2emu lacks the feature": UNDEFINED in el2emu, executed by Unicorn (which
// may then fault on the memory access instead).
constexpr uint32_t kEl2Traps =
    verdict_bit(Verdict::kEl2TrapsOnly) | verdict_bit(Verdict::kTrapKindDiffers);
constexpr uint32_t kState = verdict_bit(Verdict::kStateDiffers);
constexpr uint32_t kMem = verdict_bit(Verdict::kMemoryDiffers);

// Keep in sync with KNOWN_DIVERGENCES.md (same ids, same order).
constexpr auto kKnown = std::to_array<KnownDivergence>({
    // ---- Features Unicorn's "max" CPU (QEMU 5.0 "max") has and el2emu's
    // ---- "max" model does not: el2emu is right to treat them as UNDEFINED
    // ---- (or, in the hint space, as NOP).
    {0xFFFF'C000, 0xDAC1'0000, kEl2Traps, "pauth-dp1src",
     "FEAT_PAuth PAC*/AUT*/XPAC* (data-processing 1 source): not in el2emu max"},
    {0xFFE0'FC00, 0x9AC0'3000, kEl2Traps, "pauth-pacga", "FEAT_PAuth PACGA: not in el2emu max"},
    {0xFE9F'F800, 0xD61F'0800, kEl2Traps, "pauth-branch",
     "FEAT_PAuth BRAA/BRAB/BLRAA/BLRAB/RETAA/RETAB (and Z forms): not in el2emu max"},
    {0xFF20'0400, 0xF820'0400, kEl2Traps, "pauth-ldra",
     "FEAT_PAuth LDRAA/LDRAB: not in el2emu max"},
    {0x5FE0'0000, 0x1EE0'0000, kEl2Traps, "fp16-scalar",
     "FEAT_FP16 scalar FP with ftype=11 (FMOV/FADD/FCMP/FCVT... half precision): not in el2emu "
     "max"},
    {0xFFC0'0000, 0x1FC0'0000, kEl2Traps, "fp16-fmadd",
     "FEAT_FP16 FMADD/FMSUB/FNMADD/FNMSUB with ftype=11 (half precision): not in el2emu max"},
    {0x5FE0'0000, 0x1EC0'0000, kEl2Traps, "fp16-fixed-conv",
     "FEAT_FP16 FCVTZS/FCVTZU/SCVTF/UCVTF (scalar, fixed-point) with ftype=11: not in el2emu "
     "max"},
    {0x8FF0'FC00, 0x0F10'E400, kEl2Traps, "fp16-simd-scvtf-fixed",
     "FEAT_FP16 SCVTF/UCVTF (vector and AdvSIMD scalar, fixed-point) with immh=001x (half "
     "precision): not in el2emu max"},
    {0x8FF0'FC00, 0x0F10'FC00, kEl2Traps, "fp16-simd-fcvtz-fixed",
     "FEAT_FP16 FCVTZS/FCVTZU (vector and AdvSIMD scalar, fixed-point) with immh=001x (half "
     "precision): not in el2emu max"},
    {0x9FF8'FC00, 0x0F00'FC00, kEl2Traps, "fp16-fmov-vector-imm",
     "FEAT_FP16 FMOV (vector, immediate, half precision; o2=1): not in el2emu max"},
    {0xFFFF'FC00, 0x1E7E'0000, kEl2Traps, "jscvt-fjcvtzs",
     "FEAT_JSCVT FJCVTZS (decoded by el2emu's FMOV (general) row, UNDEFINED there): not in "
     "el2emu max"},
    {0xFFE0'7C10, 0xBA00'0400, kEl2Traps, "flagm-rmif", "FEAT_FlagM RMIF: not in el2emu max"},
    {0xFFFF'BC1F, 0x3A00'080D, kEl2Traps, "flagm-setf",
     "FEAT_FlagM SETF8/SETF16: not in el2emu max"},
    {0x3FFF'FC00, 0x38BF'C000, kEl2Traps, "rcpc-ldapr",
     "FEAT_LRCPC LDAPR/LDAPRH/LDAPRB: not in el2emu max"},
    {0x3F20'0C00, 0x1900'0000, kEl2Traps, "rcpc2-ldapur",
     "FEAT_LRCPC2 LDAPUR*/STLUR*: not in el2emu max"},
    {0x3FBF'FC00, 0x089F'7C00, kEl2Traps | kState, "lor-ldlar-stllr",
     "FEAT_LOR LDLAR/STLLR: not in el2emu max"},

    // ---- Unicorn (QEMU 5.0) deviates from the Arm ARM; el2emu follows it.
    // ---- Each was cross-checked with qemu-aarch64 7.2 (user mode).
    {0xFF20'CC00, 0x3820'4000, kMem | kState, "qemu5-atomic-minmax-b",
     "LDSMAX/LDSMIN/LDUMAX/LDUMIN B (all orderings): QEMU 5 compares the zero-extended memory "
     "byte with the untruncated Xs (and unsigned for the signed forms); the Arm ARM and qemu 7.2 "
     "compare the low byte, signed or unsigned"},
    {0xFF20'CC00, 0x7820'4000, kMem | kState, "qemu5-atomic-minmax-h",
     "LDSMAX/LDSMIN/LDUMAX/LDUMIN H: as qemu5-atomic-minmax-b for halfwords"},
    {0xFF20'CC00, 0xB820'4000, kMem | kState, "qemu5-atomic-minmax-w",
     "LDSMAX/LDSMIN/LDUMAX/LDUMIN (32-bit): as qemu5-atomic-minmax-b for words"},
    {0x3FA0'8000, 0x0880'8000, verdict_bit(Verdict::kEl2TrapsOnly), "qemu5-acqrel-unaligned",
     "LDAR/STLR (B/H/W/X) to an unaligned address: no Alignment fault in QEMU 5; the Arm ARM "
     "(B2.5.2) requires one and qemu 7.2 raises SIGBUS"},
    {0x3F40'0000, 0x0800'0000, verdict_bit(Verdict::kEl2TrapsOnly), "qemu-stxr-fail-unaligned",
     "STXR/STLXR/STXP/STLXP to an unaligned address with the monitor open: QEMU (5 and 7.2) "
     "skips the access and returns status 1; AArch64.ExclusiveMonitorsPass() checks alignment "
     "first, so an Alignment fault is required"},
    {0x3F40'0000, 0x0800'0000, verdict_bit(Verdict::kUcTrapsOnly), "qemu-stxr-sentinel-addr",
     "STXR/STLXR/STXP/STLXP with base address 0xFFFF'FFFF'FFFF'FFFF and the monitor open: QEMU "
     "uses exclusive_addr == -1 as 'no monitor', so the store-exclusive proceeds and faults; "
     "the Arm ARM fails it (status 1) without an access",
     base_is_all_ones},
});

}  // namespace

const KnownDivergence kMmuOffDeviceAlignment = {
    0, 0, verdict_bit(Verdict::kEl2TrapsOnly), "qemu5-mmu-off-device-alignment",
    "unaligned access with the MMU off: Device-nGnRnE memory requires an Alignment fault (Arm "
    "ARM D8.2.11/B2.5.2); QEMU 5 treats MMU-off memory as Normal"};

std::span<const KnownDivergence> known_divergences() { return kKnown; }

const KnownDivergence* find_known_divergence(uint32_t insn, const ArchState& in, Verdict v) {
  for (const KnownDivergence& k : kKnown)
    if ((insn & k.mask) == k.value && (k.verdicts & verdict_bit(v)) &&
        (!k.applies || k.applies(insn, in)))
      return &k;
  return nullptr;
}

}  // namespace el2::diff
