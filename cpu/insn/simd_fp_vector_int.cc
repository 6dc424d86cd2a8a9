// Advanced SIMD integer vector operations: bitwise logical, ADD/SUB, compares,
// ABS/NEG, CNT/NOT/RBIT and the ADDV/MAXV/MINV reductions. The compares and
// ABS/NEG also serve their scalar rows (simd_int.h): D elements only.
//
// Each body follows the Arm ARM's order: the decode-time UNDEFINED checks first,
// then CheckFPAdvSIMDEnabled64() (fp_access_enabled), then the operation.
#include <bit>

#include "cpu/cpu.h"
#include "cpu/insn/fp_access.h"
#include "cpu/insn/simd_fp.h"
#include "cpu/insn/simd_fp_vreg.h"
#include "cpu/insn/simd_lanes.h"

namespace el2::insn {

namespace {

// Applies f to each esize-bit element pair of the low `datasize` bits.
template <class F>
u128 map2(u128 a, u128 b, unsigned esize, unsigned datasize, F f) {
  u128 r = 0;
  for (unsigned e = 0; e < datasize / esize; ++e)
    r = with_elem(r, e, esize, f(elem(a, e, esize), elem(b, e, esize)));
  return r;
}

template <class F>
u128 map1(u128 a, unsigned esize, unsigned datasize, F f) {
  return map2(a, 0, esize, datasize, [&](uint64_t x, uint64_t) { return f(x); });
}

constexpr uint64_t mask_if(bool b) { return b ? ~uint64_t{0} : 0; }

// Size and Q checks shared by the "three same" and "two-register misc" integer
// forms: size:Q = 110 (a 1D vector) is reserved.
bool reserved_1d(unsigned size, bool q) { return size == 3 && !q; }

// The vector forms' reserved 1D, or a scalar form with elements other than D.
bool reserved_size(uint32_t insn, unsigned size) {
  return is_scalar(insn) ? size != 3 : vector_1d(insn, size);
}

}  // namespace

void vec_logical(Cpu& cpu, uint32_t i) {
  using E = VecLogical;
  if (!fp_access_enabled(cpu)) return;
  const unsigned d = E::get<'d'>(i);
  const u128 n = vreg(cpu, E::get<'n'>(i)), m = vreg(cpu, E::get<'m'>(i)), old = vreg(cpu, d);
  u128 r = 0;
  if (!E::get<'u'>(i)) {
    switch (E::get<'s'>(i)) {
      case 0:
        r = n & m;
        break;  // AND
      case 1:
        r = n & ~m;
        break;  // BIC
      case 2:
        r = n | m;
        break;  // ORR (MOV when Rn == Rm)
      default:
        r = n | ~m;
        break;  // ORN
    }
  } else {
    // Arm ARM C7.2 EOR/BSL/BIT/BIF: V[d] = op1 EOR ((op2 EOR V[n]) AND op3).
    switch (E::get<'s'>(i)) {
      case 0:
        r = n ^ m;
        break;  // EOR
      case 1:
        r = m ^ ((m ^ n) & old);
        break;  // BSL: op1 = op2 = Vm, op3 = Vd.
      case 2:
        r = old ^ ((old ^ n) & m);
        break;  // BIT: op1 = op2 = Vd, op3 = Vm.
      default:
        r = old ^ ((old ^ n) & ~m);
        break;  // BIF: op1 = op2 = Vd, op3 = NOT(Vm).
    }
  }
  set_vreg(cpu, d, r, E::get<'q'>(i) ? 128 : 64);
}

void vec_add_sub(Cpu& cpu, uint32_t i) {
  using E = VecAddSub;
  const unsigned size = E::get<'s'>(i);
  const bool q = E::get<'q'>(i);
  if (reserved_1d(size, q)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool sub = E::get<'u'>(i);
  const unsigned datasize = q ? 128 : 64;
  const u128 r = map2(vreg(cpu, E::get<'n'>(i)), vreg(cpu, E::get<'m'>(i)), 8u << size, datasize,
                      [&](uint64_t a, uint64_t b) { return sub ? a - b : a + b; });
  set_vreg(cpu, E::get<'d'>(i), r, datasize);
}

void vec_cmp_gt_ge(Cpu& cpu, uint32_t i) {
  using E = VecCmpGtGe;
  const unsigned size = E::get<'s'>(i);
  if (reserved_size(i, size)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool is_unsigned = E::get<'u'>(i), ge = E::get<'o'>(i);
  const unsigned esize = 8u << size, datasize = shape_of(i, size).datasize;
  const u128 r = map2(vreg(cpu, E::get<'n'>(i)), vreg(cpu, E::get<'m'>(i)), esize, datasize,
                      [&](uint64_t a, uint64_t b) {
                        if (is_unsigned) return mask_if(ge ? a >= b : a > b);
                        const int64_t sa = sign_extend(a, esize), sb = sign_extend(b, esize);
                        return mask_if(ge ? sa >= sb : sa > sb);
                      });
  set_vreg(cpu, E::get<'d'>(i), r, datasize);
}

void vec_cmeq_tst(Cpu& cpu, uint32_t i) {
  using E = VecCmeqTst;
  const unsigned size = E::get<'s'>(i);
  if (reserved_size(i, size)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool cmeq = E::get<'u'>(i);
  const unsigned datasize = shape_of(i, size).datasize;
  const u128 r =
      map2(vreg(cpu, E::get<'n'>(i)), vreg(cpu, E::get<'m'>(i)), 8u << size, datasize,
           [&](uint64_t a, uint64_t b) { return mask_if(cmeq ? a == b : (a & b) != 0); });
  set_vreg(cpu, E::get<'d'>(i), r, datasize);
}

void scalar_add_sub(Cpu& cpu, uint32_t i) {
  using E = ScalarAddSub;
  if (E::get<'s'>(i) != 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const uint64_t a = cpu.state().v[E::get<'n'>(i)].lo, b = cpu.state().v[E::get<'m'>(i)].lo;
  set_vreg(cpu, E::get<'d'>(i), E::get<'u'>(i) ? a - b : a + b, 64);
}

void vec_cmp_zero_abs_neg(Cpu& cpu, uint32_t i) {
  using E = VecCmpZeroAbsNeg;
  const unsigned size = E::get<'s'>(i), op = E::get<'o'>(i);
  const bool u = E::get<'u'>(i);
  if (op == 2 && u) return cpu.undefined();  // U=1, opcode 01010 is unallocated.
  if (reserved_size(i, size)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const unsigned esize = 8u << size, datasize = shape_of(i, size).datasize;
  const u128 r = map1(vreg(cpu, E::get<'n'>(i)), esize, datasize, [&](uint64_t a) -> uint64_t {
    const int64_t s = sign_extend(a, esize);
    switch (op) {
      case 0:
        return mask_if(u ? s >= 0 : s > 0);  // CMGE / CMGT #0
      case 1:
        return mask_if(u ? s <= 0 : s == 0);  // CMLE / CMEQ #0
      case 2:
        return mask_if(s < 0);  // CMLT #0
      default:
        return u || s < 0 ? 0 - a : a;  // NEG / ABS (modulo 2^esize)
    }
  });
  set_vreg(cpu, E::get<'d'>(i), r, datasize);
}

void vec_cnt_not_rbit(Cpu& cpu, uint32_t i) {
  using E = VecCntNotRbit;
  const unsigned size = E::get<'s'>(i);
  const bool u = E::get<'u'>(i);
  // CNT is U=0 size=00; NOT is U=1 size=00; RBIT is U=1 size=01.
  if ((!u && size != 0) || (u && size > 1)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const unsigned datasize = E::get<'q'>(i) ? 128 : 64;
  const u128 r = map1(vreg(cpu, E::get<'n'>(i)), 8, datasize, [&](uint64_t a) -> uint64_t {
    if (!u) return std::popcount(a);
    if (size == 0) return ~a;
    uint64_t rev = 0;
    for (unsigned b = 0; b < 8; ++b) rev |= ((a >> b) & 1) << (7 - b);
    return rev;
  });
  set_vreg(cpu, E::get<'d'>(i), r, datasize);
}

void vec_addv(Cpu& cpu, uint32_t i) {
  using E = VecAddv;
  const unsigned size = E::get<'s'>(i);
  const bool q = E::get<'q'>(i);
  if (size == 3 || (size == 2 && !q)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const unsigned esize = 8u << size, elements = (q ? 128 : 64) / esize;
  const u128 v = vreg(cpu, E::get<'n'>(i));
  uint64_t sum = 0;
  for (unsigned e = 0; e < elements; ++e) sum += elem(v, e, esize);
  set_vreg(cpu, E::get<'d'>(i), sum, esize);
}

void vec_max_min_v(Cpu& cpu, uint32_t i) {
  using E = VecMaxMinV;
  const unsigned size = E::get<'s'>(i);
  const bool q = E::get<'q'>(i);
  if (size == 3 || (size == 2 && !q)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool is_unsigned = E::get<'u'>(i), min = E::get<'o'>(i);
  const unsigned esize = 8u << size, elements = (q ? 128 : 64) / esize;
  const u128 v = vreg(cpu, E::get<'n'>(i));
  // Compare in a form where signed order is unsigned order: flip the sign bit.
  const uint64_t flip = is_unsigned ? 0 : uint64_t{1} << (esize - 1);
  uint64_t best = elem(v, 0, esize) ^ flip;
  for (unsigned e = 1; e < elements; ++e) {
    const uint64_t x = elem(v, e, esize) ^ flip;
    if (min ? x < best : x > best) best = x;
  }
  set_vreg(cpu, E::get<'d'>(i), best ^ flip, esize);
}

}  // namespace el2::insn
