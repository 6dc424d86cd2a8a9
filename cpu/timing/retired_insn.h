// Building the timing model's view of one retired instruction (RetiredInsn)
// from its encoding: which registers it reads and writes, whether it is a
// branch and of which kind, which barrier. The executor adds what only
// execution knows (memory addresses, whether a branch was taken).
//
// Register operands come from the encoding's standard fields (Rd [4:0],
// Rn [9:5], Rm [20:16], Ra/Rt2 [14:10]) chosen by op class: exact for the
// common integer, load/store and branch forms, an approximation for the rest
// (e.g. a few SIMD forms that read their destination). Documented in
// docs/TIMING.md.
#pragma once

#include <cstdint>
#include <optional>

#include "cpu/timing/core_timing.h"

namespace el2 {

// Fills pc, encoding, op and the register operands; clears the rest.
void describe_insn(uint64_t pc, uint32_t insn, OpClass op, RetiredInsn& r);

// Branch kind from the encoding (for op class kBranch): conditional (B.cond,
// CBZ/CBNZ, TBZ/TBNZ), call (BL, BLR), return (RET), indirect (BR, BLR, RET).
void describe_branch(uint32_t insn, RetiredInsn& r);

// DMB, DSB or ISB; nullopt for other barrier-class instructions.
std::optional<BarrierKind> barrier_kind(uint32_t insn);

}  // namespace el2
