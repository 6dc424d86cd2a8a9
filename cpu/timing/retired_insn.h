// The timing model's view of one retired instruction (RetiredInsn), and
// building it from the encoding: which registers it reads and writes, whether
// it is a branch and of which kind, which barrier. The executor adds what only
// execution knows (memory addresses, whether a branch was taken).
//
// Register operands come from the encoding's standard fields (Rd [4:0],
// Rn [9:5], Rm [20:16], Ra/Rt2 [14:10]) chosen by op class: exact for the
// common integer, load/store and branch forms, an approximation for the rest
// (e.g. a few SIMD forms that read their destination). Documented in
// docs/TIMING.md.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>

#include "cpu/insn_def.h"

namespace el2 {

// Register numbers in RetiredInsn: X0-X30 are 0-30, SP is 31 (XZR is no
// register: report kNoReg), V0-V31 are 32-63, and NZCV is 64 so a B.cond or
// CSEL waits for the flag-setting instruction before it.
inline constexpr uint8_t kRegSp = 31;
inline constexpr uint8_t kRegV0 = 32;
inline constexpr uint8_t kRegNzcv = 64;
inline constexpr uint8_t kNoReg = 0xFF;
inline constexpr size_t kTimingRegs = 65;

struct MemEvent {
  uint64_t addr = 0;  // Physical address (the caches are physically tagged).
  uint8_t size = 0;
  bool is_store = false;
};

// One retired instruction. Leave unused register slots at kNoReg. An access
// that spans two cache lines may be reported as two MemEvents.
//
// `op` through `is_indirect` depend on the encoding alone and are kept
// together, in this order, so InsnDescriber copies them in one go.
struct RetiredInsn {
  uint64_t pc = 0;        // Virtual: the L1I model is indexed by it.
  uint32_t encoding = 0;  // Tells 64-bit (sf = 1) multiplies and divides from 32-bit ones.
  OpClass op = OpClass::kNop;
  uint8_t srcs[3] = {kNoReg, kNoReg, kNoReg};
  uint8_t dsts[2] = {kNoReg, kNoReg};
  bool is_branch = false, is_conditional = false;
  bool is_call = false, is_return = false, is_indirect = false;
  bool taken = false;
  uint8_t n_mem = 0;
  MemEvent mem[2] = {};
  uint64_t target = 0;  // The branch's destination when taken.
};

enum class BarrierKind : uint8_t { kDmb, kDsb, kIsb };

// Fills pc, encoding, op and the register operands; clears the rest.
void describe_insn(uint64_t pc, uint32_t insn, OpClass op, RetiredInsn& r);

// Branch kind from the encoding (for op class kBranch): conditional (B.cond,
// CBZ/CBNZ, TBZ/TBNZ), call (BL, BLR), return (RET), indirect (BR, BLR, RET).
void describe_branch(uint32_t insn, RetiredInsn& r);

// DMB, DSB or ISB; nullopt for other barrier-class instructions.
std::optional<BarrierKind> barrier_kind(uint32_t insn);

// describe_insn memoised in a direct-mapped table keyed by the encoding (a
// guest runs the same few encodings over and over, and decoding the operand
// fields again per retired instruction cost more than the lookup). The key is
// the encoding and the op class, so, as with the decoder's cache,
// self-modifying code needs no invalidation.
class InsnDescriber {
 public:
  // As describe_insn, except that `mem` beyond `n_mem` (0) is left as it was.
  void describe(uint64_t pc, uint32_t insn, OpClass op, RetiredInsn& r) {
    const Entry& e = table_[slot(insn)];
    if (e.insn != insn || e.shape[0] != static_cast<uint8_t>(op)) [[unlikely]]
      fill(insn, op);
    r.pc = pc;
    r.encoding = insn;
    std::memcpy(&r.op, e.shape, kShapeBytes);
    r.taken = false;
    r.n_mem = 0;
    r.target = 0;
  }

 private:
  // The bytes of RetiredInsn from `op` to `is_indirect`: what the encoding
  // and op class decide.
  static constexpr size_t kShapeBytes =
      offsetof(RetiredInsn, is_indirect) + sizeof(bool) - offsetof(RetiredInsn, op);
  static_assert(kShapeBytes == 11, "RetiredInsn's encoding-derived fields must be contiguous");
  struct Entry {
    uint32_t insn = 0;
    // RetiredInsn's bytes from `op` on. The op class 0xFF is no row's, so an
    // unused entry never matches.
    uint8_t shape[kShapeBytes] = {0xFF};
  };
  static constexpr size_t kEntries = 1024;
  // Multiplicative hashing spreads the opcode bits over the index, so nearby
  // encodings that differ in a register field do not share a slot.
  static size_t slot(uint32_t insn) { return (insn * 0x9E3779B1u) >> 22; }
  void fill(uint32_t insn, OpClass op);

  std::array<Entry, kEntries> table_{};
};

}  // namespace el2
