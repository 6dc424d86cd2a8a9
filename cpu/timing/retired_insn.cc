#include "cpu/timing/retired_insn.h"

namespace el2 {

namespace {

uint8_t field(uint32_t insn, unsigned lsb) { return (insn >> lsb) & 0x1F; }

// X registers: 31 is SP in the forms that address memory and in ADD/SUB
// (immediate); elsewhere it is XZR. Treating it as SP everywhere only adds a
// rare false dependency through SP.
uint8_t xreg(uint32_t insn, unsigned lsb) { return field(insn, lsb); }
uint8_t vreg(uint32_t insn, unsigned lsb) { return kRegV0 + field(insn, lsb); }

bool is_pair(uint32_t insn) { return ((insn >> 27) & 0x7) == 0x5; }          // LDP/STP family.
bool is_reg_offset(uint32_t insn) {                                           // [Xn, Xm{, ext}]
  return ((insn >> 27) & 0x7) == 0x7 && ((insn >> 24) & 1) == 0 && ((insn >> 21) & 1) &&
         ((insn >> 10) & 3) == 2;
}

void add(uint8_t* regs, unsigned n, uint8_t reg) {
  for (unsigned i = 0; i < n; ++i)
    if (regs[i] == kNoReg) {
      regs[i] = reg;
      return;
    }
}

}  // namespace

void describe_insn(uint64_t pc, uint32_t insn, OpClass op, RetiredInsn& r) {
  r = RetiredInsn{};
  r.pc = pc;
  r.encoding = insn;
  r.op = op;
  switch (op) {
    case OpClass::kIntAlu:
    case OpClass::kIntMul:
    case OpClass::kIntDiv: {
      r.dsts[0] = xreg(insn, 0);
      r.srcs[0] = xreg(insn, 5);
      // Register forms (data processing - register, bit 27:25 = x101) read Rm.
      if (((insn >> 25) & 0x7) == 0x5) r.srcs[1] = xreg(insn, 16);
      if (op == OpClass::kIntMul && ((insn >> 24) & 0x1F) == 0x1B) r.srcs[2] = xreg(insn, 10);
      // Flag-setting forms write NZCV: ADDS/SUBS/ADCS (S, bit 29) and ANDS/BICS
      // (opc = 11); conditional select and compare read it.
      const uint32_t top = (insn >> 21) & 0xFF;
      if (top == 0xD4 || top == 0xD2) add(r.srcs, 3, kRegNzcv);
      const bool logical = ((insn >> 24) & 0x1F) == 0x0A || ((insn >> 23) & 0x3F) == 0x24;
      const bool add_sub = ((insn >> 24) & 0x1F) == 0x0B || ((insn >> 23) & 0x3F) == 0x22 ||
                           top == 0xD0;
      const bool sets_flags =
          logical ? ((insn >> 29) & 3) == 3 : add_sub && ((insn >> 29) & 1);
      if (top == 0xD2 || sets_flags) r.dsts[1] = kRegNzcv;
      break;
    }
    case OpClass::kLoad:
    case OpClass::kAtomic:
      r.dsts[0] = xreg(insn, 0);
      r.srcs[0] = xreg(insn, 5);
      if (is_pair(insn)) r.dsts[1] = xreg(insn, 10);
      if (op == OpClass::kAtomic || is_reg_offset(insn)) r.srcs[1] = xreg(insn, 16);
      break;
    case OpClass::kStore:
      r.srcs[0] = xreg(insn, 0);
      r.srcs[1] = xreg(insn, 5);
      if (is_pair(insn)) r.srcs[2] = xreg(insn, 10);
      if (is_reg_offset(insn)) r.srcs[2] = xreg(insn, 16);
      break;
    case OpClass::kFpSimdLoad:
      r.dsts[0] = vreg(insn, 0);
      r.srcs[0] = xreg(insn, 5);
      if (is_pair(insn)) r.dsts[1] = vreg(insn, 10);
      break;
    case OpClass::kFpSimdStore:
      r.srcs[0] = vreg(insn, 0);
      r.srcs[1] = xreg(insn, 5);
      if (is_pair(insn)) r.srcs[2] = vreg(insn, 10);
      break;
    case OpClass::kFpSimd:
      r.dsts[0] = vreg(insn, 0);
      r.srcs[0] = vreg(insn, 5);
      r.srcs[1] = vreg(insn, 16);
      break;
    case OpClass::kBranch:
      describe_branch(insn, r);
      break;
    case OpClass::kSystem:
    case OpClass::kBarrier:
    case OpClass::kNop:
      break;
  }
}

void describe_branch(uint32_t insn, RetiredInsn& r) {
  r.is_branch = true;
  if ((insn & 0xFF000010) == 0x54000000) {  // B.cond
    r.is_conditional = true;
    r.srcs[0] = kRegNzcv;
  } else if ((insn & 0x7C000000) == 0x34000000) {  // CBZ/CBNZ, TBZ/TBNZ
    r.is_conditional = true;
    r.srcs[0] = xreg(insn, 0);
  } else if ((insn & 0xFC000000) == 0x94000000) {  // BL
    r.is_call = true;
    r.dsts[0] = 30;
  } else if ((insn & 0xFE000000) == 0xD6000000) {  // BR, BLR, RET and their PAC forms.
    r.is_indirect = true;
    r.srcs[0] = xreg(insn, 5);
    const uint32_t opc = (insn >> 21) & 0xF;
    r.is_call = opc == 1;
    r.is_return = opc == 2;
    if (r.is_call) r.dsts[0] = 30;
  }
}

void InsnDescriber::fill(uint32_t insn, OpClass op) {
  RetiredInsn r;
  describe_insn(0, insn, op, r);
  Entry& e = table_[slot(insn)];
  e.insn = insn;
  std::memcpy(e.shape, &r.op, kShapeBytes);
}

std::optional<BarrierKind> barrier_kind(uint32_t insn) {
  switch (insn & 0xFFFFF0FF) {
    case 0xD50330BF: return BarrierKind::kDmb;
    case 0xD503309F: return BarrierKind::kDsb;
    case 0xD50330DF: return BarrierKind::kIsb;
  }
  return std::nullopt;
}

}  // namespace el2
