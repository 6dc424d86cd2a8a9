// SIMD&FP moves: FMOV (register, general, immediate), the Advanced SIMD
// modified-immediate group (MOVI/MVNI/ORR/BIC/FMOV vector), the copy group
// (DUP/INS/SMOV/UMOV) and EXT.
//
// Each body follows the Arm ARM's order: the decode-time UNDEFINED checks first,
// then CheckFPAdvSIMDEnabled64() (fp_access_enabled), then the operation.
#include "cpu/cpu.h"
#include "cpu/insn/fp_access.h"
#include "cpu/insn/simd_fp.h"
#include "cpu/insn/simd_fp_vreg.h"

namespace el2::insn {

namespace {

// VFPExpandImm(imm8, N) for N = 32 or 64 (Arm ARM shared/functions/float/
// vfpexpandimm): sign = imm8<7>; exponent = NOT(imm8<6>):Replicate(imm8<6>,
// E-3):imm8<5:4>; fraction = imm8<3:0>:Zeros(F-4).
uint64_t vfp_expand_imm(unsigned imm8, unsigned n) {
  const unsigned e = n == 32 ? 8 : 11;
  const unsigned f = n - e - 1;
  const uint64_t sign = bit(imm8, 7);
  const uint64_t b6 = bit(imm8, 6);
  const uint64_t exp = ((b6 ^ 1) << (e - 1)) | ((b6 ? ones(e - 3) : 0) << 2) | bits(imm8, 5, 4);
  const uint64_t frac = bits(imm8, 3, 0) << (f - 4);
  return (sign << (n - 1)) | (exp << f) | frac;
}

// AdvSIMDExpandImm(op, cmode, imm8) (Arm ARM shared/functions/vector/
// AdvSIMDExpandImm). The reserved op=1, cmode=1111, Q=0 case is rejected by the
// caller before this is reached.
uint64_t adv_simd_expand_imm(unsigned op, unsigned cmode, unsigned imm8) {
  const uint64_t i = imm8;
  auto rep32 = [](uint64_t v) { return (v << 32) | v; };
  auto rep16 = [](uint64_t v) { return v * 0x0001'0001'0001'0001ull; };
  switch (cmode >> 1) {
    case 0:
      return rep32(i);
    case 1:
      return rep32(i << 8);
    case 2:
      return rep32(i << 16);
    case 3:
      return rep32(i << 24);
    case 4:
      return rep16(i);
    case 5:
      return rep16(i << 8);
    case 6:
      return (cmode & 1) ? rep32((i << 16) | 0xFFFF) : rep32((i << 8) | 0xFF);
    default:
      if (!(cmode & 1) && !op) return i * 0x0101'0101'0101'0101ull;
      if (!(cmode & 1) && op) {
        // Each bit of imm8 becomes a byte of ones or zeros (imm8<7> is the top byte).
        uint64_t r = 0;
        for (unsigned b = 0; b < 8; ++b)
          if (bit(i, b)) r |= uint64_t{0xFF} << (b * 8);
        return r;
      }
      if (!op) return rep32(vfp_expand_imm(imm8, 32));
      return vfp_expand_imm(imm8, 64);
  }
}

}  // namespace

void fmov_reg(Cpu& cpu, uint32_t i) {
  using E = FmovReg;
  const unsigned ftype = E::get<'t'>(i);
  // ftype 11 (half precision) needs FEAT_FP16, which el2emu does not implement.
  if (ftype >= 2) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const unsigned datasize = ftype == 0 ? 32 : 64;
  set_vreg(cpu, E::get<'d'>(i), vreg(cpu, E::get<'n'>(i)), datasize);
}

void fmov_gen(Cpu& cpu, uint32_t i) {
  using E = FmovGen;
  const unsigned sf = E::get<'f'>(i), ftype = E::get<'t'>(i), rmode = E::get<'r'>(i);
  // Allocated FMOV (general) forms without FEAT_FP16: sf:ftype:rmode = 0:00:00
  // (W<->S), 1:01:00 (X<->D) and 1:10:01 (X<->V.D[1]). FJCVTZS (0:01:11, op 110)
  // is FEAT_JSCVT, not implemented; the rest is unallocated.
  bool top = false;
  if (rmode == 0 && ((sf == 0 && ftype == 0) || (sf == 1 && ftype == 1))) {
    top = false;
  } else if (sf == 1 && ftype == 2 && rmode == 1) {
    top = true;
  } else {
    return cpu.undefined();
  }
  if (!fp_access_enabled(cpu)) return;
  const unsigned d = E::get<'d'>(i), n = E::get<'n'>(i);
  const unsigned size = sf ? 64 : 32;
  if (E::get<'o'>(i) == 0) {  // FP to general.
    const VReg& v = cpu.state().v[n];
    cpu.set_x(d, top ? v.hi : truncate(v.lo, size));
  } else if (top) {  // Vpart[d, 1] = X[n]: the low half is unchanged.
    cpu.state().v[d].hi = cpu.x(n);
  } else {
    set_vreg(cpu, d, truncate(cpu.x(n), size), size);
  }
}

void fmov_imm(Cpu& cpu, uint32_t i) {
  using E = FmovImm;
  const unsigned ftype = E::get<'t'>(i);
  if (ftype >= 2) return cpu.undefined();  // 11 is FEAT_FP16; 10 is unallocated.
  if (!fp_access_enabled(cpu)) return;
  const unsigned datasize = ftype == 0 ? 32 : 64;
  set_vreg(cpu, E::get<'d'>(i), vfp_expand_imm(E::get<'i'>(i), datasize), datasize);
}

void mod_imm(Cpu& cpu, uint32_t i) {
  using E = ModImm;
  const bool q = E::get<'q'>(i);
  const unsigned op = E::get<'u'>(i), cmode = E::get<'c'>(i);
  // o2 = 1 is FMOV (vector, immediate, half precision): FEAT_FP16, or unallocated.
  if (E::get<'p'>(i)) return cpu.undefined();
  // Arm ARM C7.2 MOVI/MVNI/ORR/BIC decode on cmode:op.
  enum class Op { kMovi, kMvni, kOrr, kBic } operation;
  if ((cmode & 1) && (cmode >> 2) != 3) {
    operation = op ? Op::kBic : Op::kOrr;  // cmode 0xx1, 10x1.
  } else if (!op || (cmode >> 1) == 7) {
    // MOVI, FMOV (vector, single), MOVI 64-bit (op=1, cmode=1110) and FMOV
    // (vector, double) (op=1, cmode=1111), which has no 64-bit vector form.
    if (op && cmode == 0xF && !q) return cpu.undefined();
    operation = Op::kMovi;
  } else {
    operation = Op::kMvni;
  }
  if (!fp_access_enabled(cpu)) return;
  const unsigned imm8 = (E::get<'a'>(i) << 5) | E::get<'b'>(i);
  const u128 imm = replicate(adv_simd_expand_imm(op, cmode, imm8), 64);
  const unsigned d = E::get<'d'>(i);
  u128 result = 0;
  switch (operation) {
    case Op::kMovi:
      result = imm;
      break;
    case Op::kMvni:
      result = ~imm;
      break;
    case Op::kOrr:
      result = vreg(cpu, d) | imm;
      break;
    case Op::kBic:
      result = vreg(cpu, d) & ~imm;
      break;
  }
  set_vreg(cpu, d, result, q ? 128 : 64);
}

void dup_elem(Cpu& cpu, uint32_t i) {
  using E = DupElem;
  const unsigned imm5 = E::get<'i'>(i);
  const unsigned size = imm5_size(imm5);
  const bool q = E::get<'q'>(i);
  if (size > 3 || (size == 3 && !q)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const unsigned esize = 8u << size;
  const uint64_t element = elem(vreg(cpu, E::get<'n'>(i)), imm5 >> (size + 1), esize);
  set_vreg(cpu, E::get<'d'>(i), replicate(element, esize), q ? 128 : 64);
}

void dup_gen(Cpu& cpu, uint32_t i) {
  using E = DupGen;
  const unsigned size = imm5_size(E::get<'i'>(i));
  const bool q = E::get<'q'>(i);
  if (size > 3 || (size == 3 && !q)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const unsigned esize = 8u << size;
  set_vreg(cpu, E::get<'d'>(i), replicate(cpu.x(E::get<'n'>(i)), esize), q ? 128 : 64);
}

void ins_gen(Cpu& cpu, uint32_t i) {
  using E = InsGen;
  const unsigned imm5 = E::get<'i'>(i);
  const unsigned size = imm5_size(imm5);
  if (size > 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const unsigned d = E::get<'d'>(i);
  const u128 result =
      with_elem(vreg(cpu, d), imm5 >> (size + 1), 8u << size, cpu.x(E::get<'n'>(i)));
  set_vreg(cpu, d, result);
}

void smov(Cpu& cpu, uint32_t i) {
  using E = Smov;
  const unsigned imm5 = E::get<'i'>(i);
  const bool q = E::get<'q'>(i);
  // Q:imm5 = xxxxx1 (B), xxxx10 (H), 1xx100 (S); otherwise UNDEFINED.
  unsigned size;
  if (bit(imm5, 0)) {
    size = 0;
  } else if (bit(imm5, 1)) {
    size = 1;
  } else if (bit(imm5, 2) && q) {
    size = 2;
  } else {
    return cpu.undefined();
  }
  if (!fp_access_enabled(cpu)) return;
  const unsigned esize = 8u << size;
  const uint64_t element = elem(vreg(cpu, E::get<'n'>(i)), imm5 >> (size + 1), esize);
  cpu.set_x(E::get<'d'>(i),
            truncate(static_cast<uint64_t>(sign_extend(element, esize)), q ? 64 : 32));
}

void umov(Cpu& cpu, uint32_t i) {
  using E = Umov;
  const unsigned imm5 = E::get<'i'>(i);
  const bool q = E::get<'q'>(i);
  // Q:imm5 = 0xxxx1 (B), 0xxx10 (H), 0xx100 (S), 1x1000 (D); otherwise UNDEFINED.
  unsigned size;
  if (!q && bit(imm5, 0)) {
    size = 0;
  } else if (!q && bits(imm5, 1, 0) == 2) {
    size = 1;
  } else if (!q && bits(imm5, 2, 0) == 4) {
    size = 2;
  } else if (q && bits(imm5, 3, 0) == 8) {
    size = 3;
  } else {
    return cpu.undefined();
  }
  if (!fp_access_enabled(cpu)) return;
  const unsigned esize = 8u << size;
  cpu.set_x(E::get<'d'>(i), elem(vreg(cpu, E::get<'n'>(i)), imm5 >> (size + 1), esize));
}

void ins_elem(Cpu& cpu, uint32_t i) {
  using E = InsElem;
  const unsigned imm5 = E::get<'i'>(i), imm4 = E::get<'j'>(i);
  const unsigned size = imm5_size(imm5);
  if (size > 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const unsigned esize = 8u << size;
  const unsigned d = E::get<'d'>(i);
  // src_index = imm4<3:size>; the bits below `size` are ignored.
  const uint64_t element = elem(vreg(cpu, E::get<'n'>(i)), imm4 >> size, esize);
  set_vreg(cpu, d, with_elem(vreg(cpu, d), imm5 >> (size + 1), esize, element));
}

void dup_scalar(Cpu& cpu, uint32_t i) {
  using E = DupScalar;
  const unsigned imm5 = E::get<'i'>(i);
  const unsigned size = imm5_size(imm5);
  if (size > 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const unsigned esize = 8u << size;
  const uint64_t element = elem(vreg(cpu, E::get<'n'>(i)), imm5 >> (size + 1), esize);
  set_vreg(cpu, E::get<'d'>(i), element, esize);
}

void ext(Cpu& cpu, uint32_t i) {
  using E = Ext;
  const bool q = E::get<'q'>(i);
  const unsigned imm4 = E::get<'i'>(i);
  if (!q && bit(imm4, 3)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const unsigned position = imm4 * 8;
  const u128 lo = vreg(cpu, E::get<'n'>(i)), hi = vreg(cpu, E::get<'m'>(i));
  u128 result;
  if (q) {  // (Vm:Vn)<position+127:position>.
    result = position == 0 ? lo : (lo >> position) | (hi << (128 - position));
  } else {  // (Vm<63:0>:Vn<63:0>)<position+63:position>.
    const u128 concat = (hi << 64) | static_cast<uint64_t>(lo);
    result = concat >> position;
  }
  set_vreg(cpu, E::get<'d'>(i), result, q ? 128 : 64);
}

}  // namespace el2::insn
