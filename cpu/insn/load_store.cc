#include "cpu/insn/load_store.h"

#include "cpu/cpu.h"
#include "cpu/insn/common.h"

namespace el2::insn {

namespace {

// One general-purpose load or store of 1 << size bytes, as selected by
// size:opc (Arm ARM "Load/store register" shared decode). Returns false if the
// access faulted (the exception has been taken) or the encoding is unallocated.
bool int_access(Cpu& cpu, unsigned size, unsigned opc, uint64_t addr, unsigned rt) {
  if (opc == 0) {
    const uint64_t v = cpu.x(rt);
    switch (size) {
      case 0: return cpu.store<uint8_t>(addr, static_cast<uint8_t>(v));
      case 1: return cpu.store<uint16_t>(addr, static_cast<uint16_t>(v));
      case 2: return cpu.store<uint32_t>(addr, static_cast<uint32_t>(v));
      default: return cpu.store<uint64_t>(addr, v);
    }
  }
  const bool sign = opc >= 2;
  const unsigned regsize = opc == 3 ? 32 : 64;
  uint64_t v = 0;
  bool ok = false;
  switch (size) {
    case 0: { uint8_t b; ok = cpu.load(addr, b); v = b; break; }
    case 1: { uint16_t h; ok = cpu.load(addr, h); v = h; break; }
    case 2: { uint32_t w; ok = cpu.load(addr, w); v = w; break; }
    default: ok = cpu.load(addr, v); break;
  }
  if (!ok) return false;
  if (sign) v = truncate(static_cast<uint64_t>(sign_extend(v, 8u << size)), regsize);
  cpu.set_x(rt, v);
  return true;
}

// size:opc combinations that are not general-purpose loads/stores: PRFM (a
// hint, executes as NOP) and the unallocated ones.
enum class Kind { kAccess, kPrefetch, kUnallocated };
Kind classify(unsigned size, unsigned opc) {
  if (size == 3 && opc == 2) return Kind::kPrefetch;
  if ((size == 3 && opc == 3) || (size == 2 && opc == 3)) return Kind::kUnallocated;
  return Kind::kAccess;
}

}  // namespace

void ldst_uimm(Cpu& cpu, uint32_t i) {
  using E = LdStUImm;
  const unsigned size = E::get<'s'>(i), opc = E::get<'o'>(i);
  const Kind kind = classify(size, opc);
  if (kind == Kind::kUnallocated) return cpu.undefined();
  if (kind == Kind::kPrefetch) return;
  const uint64_t addr = cpu.x_or_sp(E::get<'n'>(i)) + (uint64_t{E::get<'i'>(i)} << size);
  int_access(cpu, size, opc, addr, E::get<'t'>(i));
}

void ldst_imm9(Cpu& cpu, uint32_t i) {
  using E = LdStImm9;
  const unsigned size = E::get<'s'>(i), opc = E::get<'o'>(i), mode = E::get<'w'>(i);
  const Kind kind = classify(size, opc);
  if (kind == Kind::kUnallocated || (kind == Kind::kPrefetch && mode != 0)) return cpu.undefined();
  if (kind == Kind::kPrefetch) return;  // PRFUM.
  if (mode == 2) return cpu.undefined();  // LDTR/STTR: with the MMU (F4).
  const unsigned n = E::get<'n'>(i);
  const int64_t offset = E::sget<'i'>(i);
  const uint64_t base = cpu.x_or_sp(n);
  const uint64_t addr = mode == 1 ? base : base + offset;  // Post-index uses the base.
  if (!int_access(cpu, size, opc, addr, E::get<'t'>(i))) return;
  if (mode != 0) cpu.set_x_or_sp(n, base + offset);
}

void ldr_literal(Cpu& cpu, uint32_t i) {
  using E = LdrLiteral;
  const unsigned opc = E::get<'o'>(i);
  if (opc == 3) return;  // PRFM (literal): a hint.
  const uint64_t addr = cpu.pc() + E::sget<'i'>(i) * 4;
  // opc 0: LDR Wt, 1: LDR Xt, 2: LDRSW Xt (size 2, sign-extended to 64 bits).
  int_access(cpu, opc == 1 ? 3 : 2, opc == 2 ? 2 : 1, addr, E::get<'t'>(i));
}

void ldst_pair(Cpu& cpu, uint32_t i) {
  using E = LdStPair;
  const unsigned opc = E::get<'o'>(i), mode = E::get<'p'>(i);
  const bool load = E::get<'L'>(i);
  if (opc == 3 || (opc == 1 && !load) || (opc == 1 && mode == 0)) return cpu.undefined();
  const unsigned scale = opc == 2 ? 3 : 2;
  const unsigned n = E::get<'n'>(i), t = E::get<'t'>(i), t2 = E::get<'m'>(i);
  const int64_t offset = E::sget<'i'>(i) * (int64_t{1} << scale);
  const uint64_t base = cpu.x_or_sp(n);
  const uint64_t addr = mode == 1 ? base : base + offset;
  const unsigned bytes = 1u << scale;
  if (load) {
    uint8_t buf[16];
    if (!cpu.load_bytes(addr, buf, 2 * bytes)) return;
    uint64_t a = 0, b = 0;
    std::memcpy(&a, buf, bytes);
    std::memcpy(&b, buf + bytes, bytes);
    if (opc == 1) {  // LDPSW.
      a = static_cast<uint64_t>(sign_extend(a, 32));
      b = static_cast<uint64_t>(sign_extend(b, 32));
    }
    cpu.set_x(t, a);
    cpu.set_x(t2, b);
  } else {
    uint8_t buf[16];
    const uint64_t a = cpu.x(t), b = cpu.x(t2);
    std::memcpy(buf, &a, bytes);
    std::memcpy(buf + bytes, &b, bytes);
    if (!cpu.store_bytes(addr, buf, 2 * bytes)) return;
  }
  if (mode == 1 || mode == 3) cpu.set_x_or_sp(n, base + offset);
}

}  // namespace el2::insn
