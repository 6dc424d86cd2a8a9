// Loads and stores of SIMD&FP registers (Arm ARM C4.1.88): LDR/STR B/H/S/D/Q in
// every single-register addressing mode, LDR (literal), LDP/STP/LDNP/STNP
// S/D/Q, and LD1/ST1 (multiple structures, 1-4 registers).
//
// Decode-time UNDEFINED (unallocated size/opc) is raised before the SIMD&FP
// enable check, as in the Arm ARM pseudocode (decode, then
// CheckFPAdvSIMDEnabled64() in the execute part); every access then calls
// fp_access_enabled() first and stops if it trapped.
//
// A load of B/H/S/D writes the low bytes of Vt and zeroes the rest of the
// 128-bit register (V[t] = ZeroExtend(data)).
#include "cpu/insn/fp_access.h"
#include "cpu/insn/load_store.h"
#include "cpu/insn/load_store_util.h"

namespace el2::insn {

using namespace ldst;

namespace {

// opc<1>:size gives log2 of the access size (0..4, Q = 4); opc<0> is "load".
// Larger sizes are unallocated. Returns -1 for those.
int fp_scale(unsigned size, unsigned opc) {
  const unsigned scale = ((opc & 2) << 1) | size;
  return scale > 4 ? -1 : static_cast<int>(scale);
}

U128 vreg(Cpu& cpu, unsigned n) {
  const VReg& v = cpu.state().v[n];
  return {v.lo, v.hi};
}
void set_vreg(Cpu& cpu, unsigned n, const U128& x) { cpu.state().v[n] = VReg{x.lo, x.hi}; }

// Masks a register's value to its low 1 << scale bytes.
U128 low_bytes(const U128& x, unsigned scale) {
  if (scale >= 4) return x;
  return {x.lo & ones(8u << scale), 0};
}

bool fp_access(Cpu& cpu, unsigned scale, bool load, uint64_t addr, unsigned t) {
  if (load) {
    U128 v;
    if (!load_wide(cpu, addr, scale, v)) return false;
    set_vreg(cpu, t, v);  // load_wide zero-extends.
    return true;
  }
  return store_wide(cpu, addr, scale, vreg(cpu, t));
}

}  // namespace

void fp_ldst_uimm(Cpu& cpu, uint32_t i) {
  using E = FpUImm;
  const unsigned opc = E::get<'o'>(i);
  const int scale = fp_scale(E::get<'s'>(i), opc);
  if (scale < 0) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  uint64_t base;
  if (!read_base(cpu, E::get<'n'>(i), base)) return;
  const uint64_t addr = base + (uint64_t{E::get<'i'>(i)} << scale);
  fp_access(cpu, scale, opc & 1, addr, E::get<'t'>(i));
}

void fp_ldst_imm9(Cpu& cpu, uint32_t i) {
  using E = FpImm9;
  const unsigned opc = E::get<'o'>(i), mode = E::get<'w'>(i);
  const int scale = fp_scale(E::get<'s'>(i), opc);
  // There are no unprivileged (LDTR/STTR) SIMD&FP forms.
  if (scale < 0 || mode == kUnprivOrOffset) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const unsigned n = E::get<'n'>(i);
  const int64_t offset = E::sget<'i'>(i);
  uint64_t base;
  if (!read_base(cpu, n, base)) return;
  const uint64_t addr = mode == kPostIndex ? base : base + offset;
  if (!fp_access(cpu, scale, opc & 1, addr, E::get<'t'>(i))) return;
  if (mode != kUnscaledOrNoAlloc) cpu.set_x_or_sp(n, base + offset);
}

void fp_ldst_reg(Cpu& cpu, uint32_t i) {
  using E = FpReg;
  const unsigned opc = E::get<'o'>(i), option = E::get<'x'>(i);
  const int scale = fp_scale(E::get<'s'>(i), opc);
  if (scale < 0 || (option & 2) == 0) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const unsigned shift = E::get<'S'>(i) ? scale : 0;
  uint64_t base;
  if (!read_base(cpu, E::get<'n'>(i), base)) return;
  const uint64_t addr = base + reg_offset(cpu, E::get<'m'>(i), option, shift);
  fp_access(cpu, scale, opc & 1, addr, E::get<'t'>(i));
}

// LDR St/Dt/Qt, label: opc 00 S, 01 D, 10 Q, 11 unallocated.
void fp_ldr_literal(Cpu& cpu, uint32_t i) {
  using E = FpLiteral;
  const unsigned opc = E::get<'o'>(i);
  if (opc == 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const uint64_t addr = cpu.pc() + E::sget<'i'>(i) * 4;
  fp_access(cpu, opc + 2, true, addr, E::get<'t'>(i));
}

// LDP/STP/LDNP/STNP St/Dt/Qt: opc 00 S, 01 D, 10 Q, 11 unallocated.
// LDP with Rt == Rt2 is CONSTRAINED UNPREDICTABLE: Constraint_UNKNOWN, the
// register gets the first element (as for the general-purpose LDP).
void fp_ldst_pair(Cpu& cpu, uint32_t i) {
  using E = FpPair;
  const unsigned opc = E::get<'o'>(i), mode = E::get<'p'>(i);
  if (opc == 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const unsigned scale = opc + 2;
  const unsigned n = E::get<'n'>(i), t = E::get<'t'>(i), t2 = E::get<'m'>(i);
  const int64_t offset = E::sget<'i'>(i) * (int64_t{1} << scale);
  uint64_t base;
  if (!read_base(cpu, n, base)) return;
  const uint64_t addr = mode == kPostIndex ? base : base + offset;
  const unsigned bytes = 1u << scale;
  uint8_t buf[32];
  if (E::get<'L'>(i)) {
    if (!cpu.load_bytes(addr, buf, 2 * bytes, kAccNormal, bytes)) return;
    U128 a, b;
    std::memcpy(&a.lo, buf, bytes < 8 ? bytes : 8);
    std::memcpy(&b.lo, buf + bytes, bytes < 8 ? bytes : 8);
    if (bytes == 16) {
      std::memcpy(&a.hi, buf + 8, 8);
      std::memcpy(&b.hi, buf + 24, 8);
    }
    set_vreg(cpu, t2, b);
    set_vreg(cpu, t, a);
  } else {
    const U128 a = low_bytes(vreg(cpu, t), scale), b = low_bytes(vreg(cpu, t2), scale);
    std::memcpy(buf, &a.lo, bytes < 8 ? bytes : 8);
    std::memcpy(buf + bytes, &b.lo, bytes < 8 ? bytes : 8);
    if (bytes == 16) {
      std::memcpy(buf + 8, &a.hi, 8);
      std::memcpy(buf + 24, &b.hi, 8);
    }
    if (!cpu.store_bytes(addr, buf, 2 * bytes, kAccNormal, bytes)) return;
  }
  if (mode == kPostIndex || mode == kPreIndex) cpu.set_x_or_sp(n, base + offset);
}

namespace {

// LD1/ST1 (multiple structures) with 1-4 consecutive registers (modulo 32).
// Little-endian, one structure element: the registers' bytes are simply
// consecutive in memory whatever the arrangement (size field), so the access
// is 8 (Q = 0) or 16 bytes per register. Q = 0 loads zero the upper half.
// Returns the bytes transferred, or 0 if the instruction stopped; `base` gets
// Xn|SP.
unsigned ld1_st1(Cpu& cpu, uint32_t i, uint64_t& base) {
  using E = Ld1Multi;
  unsigned regs;
  switch (E::get<'c'>(i)) {
    case 0b0111:
      regs = 1;
      break;
    case 0b1010:
      regs = 2;
      break;
    case 0b0110:
      regs = 3;
      break;
    case 0b0010:
      regs = 4;
      break;
    default:
      cpu.undefined();
      return 0;  // LD2-LD4 have their own rows; the rest is unallocated.
  }
  if (!fp_access_enabled(cpu)) return 0;
  const unsigned rbytes = E::get<'q'>(i) ? 16 : 8, total = regs * rbytes, t = E::get<'t'>(i);
  if (!read_base(cpu, E::get<'n'>(i), base)) return 0;
  const uint64_t addr = base;
  const unsigned elem = 1u << E::get<'z'>(i);  // Device memory: each element aligned.
  uint8_t buf[64];
  if (E::get<'L'>(i)) {
    if (!cpu.load_bytes(addr, buf, total, kAccNormal, elem)) return 0;
    for (unsigned r = 0; r < regs; ++r) {
      U128 v;
      std::memcpy(&v.lo, buf + r * rbytes, 8);
      if (rbytes == 16) std::memcpy(&v.hi, buf + r * rbytes + 8, 8);
      set_vreg(cpu, (t + r) % 32, v);
    }
  } else {
    for (unsigned r = 0; r < regs; ++r) {
      const U128 v = vreg(cpu, (t + r) % 32);
      std::memcpy(buf + r * rbytes, &v.lo, 8);
      if (rbytes == 16) std::memcpy(buf + r * rbytes + 8, &v.hi, 8);
    }
    if (!cpu.store_bytes(addr, buf, total, kAccNormal, elem)) return 0;
  }
  return total;
}

}  // namespace

void ld1_multi(Cpu& cpu, uint32_t i) {
  uint64_t base;
  ld1_st1(cpu, i, base);
}

// Post-index: Rm = 31 means the immediate form (offset = bytes transferred),
// else the offset is Xm.
void ld1_multi_post(Cpu& cpu, uint32_t i) {
  using E = Ld1MultiPost;
  const unsigned n = E::get<'n'>(i), m = E::get<'m'>(i);
  uint64_t base;
  const unsigned total = ld1_st1(cpu, i, base);
  if (total == 0) return;
  const uint64_t xm = cpu.x(m);  // Only V registers have been written.
  cpu.set_x_or_sp(n, base + (m == 31 ? total : xm));
}

}  // namespace el2::insn
