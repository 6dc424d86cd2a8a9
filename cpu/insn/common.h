// Shared pseudocode helpers for instruction bodies (Arm ARM shared/functions).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <utility>

#include "cpu/bits.h"
#include "cpu/insn_def.h"
#include "cpu/state.h"

namespace el2::insn {

// The bodies Form<0>::run ... Form<N-1>::run of an instruction specialised on
// an N-valued form (see Specializer), indexed by the form.
template <template <unsigned> class Form, unsigned N>
constexpr std::array<Handler, N> form_table() {
  return []<unsigned... F>(std::integer_sequence<unsigned, F...>) {
    return std::array<Handler, N>{&Form<F>::run...};
  }(std::make_integer_sequence<unsigned, N>{});
}

struct AddResult {
  uint64_t value;
  bool n, z, c, v;
};

// AddWithCarry(x, y, carry_in) for 32- or 64-bit operands. V: the operands
// have the same sign and the result's differs (also with a carry in).
inline AddResult add_with_carry(uint64_t x, uint64_t y, bool carry_in, unsigned datasize) {
  if (datasize == 64) {
    // With the carry known at compile time (every caller but ADC/SBC), one
    // host add or subtract gives both C and V.
    if (__builtin_constant_p(carry_in)) {
      uint64_t r;
      int64_t signed_r;
      bool c, v;
      if (carry_in) {  // x + ~y + 1 = x - y; C is "no borrow".
        c = !__builtin_sub_overflow(x, ~y, &r);
        v = __builtin_sub_overflow(static_cast<int64_t>(x), static_cast<int64_t>(~y), &signed_r);
      } else {
        c = __builtin_add_overflow(x, y, &r);
        v = __builtin_add_overflow(static_cast<int64_t>(x), static_cast<int64_t>(y), &signed_r);
      }
      return {r, bit(r, 63), r == 0, c, v};
    }
    uint64_t partial, r;
    const bool c1 = __builtin_add_overflow(x, y, &partial);
    const bool c2 = __builtin_add_overflow(partial, uint64_t{carry_in}, &r);
    return {r, bit(r, 63), r == 0, c1 || c2, bit(~(x ^ y) & (x ^ r), 63)};
  }
  x &= 0xFFFF'FFFF;
  y &= 0xFFFF'FFFF;
  const uint64_t usum = x + y + carry_in;
  const uint32_t r = static_cast<uint32_t>(usum);
  return {r, bit(r, 31), r == 0, (usum >> 32) != 0, bit(~(x ^ y) & (x ^ r), 31)};
}

inline void set_nzcv(Pstate& p, bool n, bool z, bool c, bool v) {
  p.n = n;
  p.z = z;
  p.c = c;
  p.v = v;
}

// ConditionHolds(cond), Arm ARM C1.2.4.
inline bool condition_holds(unsigned cond, const Pstate& p) {
  bool r;
  switch (cond >> 1) {
    case 0: r = p.z; break;
    case 1: r = p.c; break;
    case 2: r = p.n; break;
    case 3: r = p.v; break;
    case 4: r = p.c && !p.z; break;
    case 5: r = p.n == p.v; break;
    case 6: r = p.n == p.v && !p.z; break;
    default: r = true; break;
  }
  if ((cond & 1) && cond != 0xF) r = !r;
  return r;
}

// DecodeBitMasks(immN, imms, immr, immediate=true, datasize): returns wmask, or
// nothing for a reserved encoding. Arm ARM shared/functions/bitmasks.
struct BitMasks {
  uint64_t wmask, tmask;
};
inline std::optional<BitMasks> decode_bit_masks(unsigned n, unsigned imms, unsigned immr,
                                                bool immediate, unsigned datasize) {
  const unsigned combined = (n << 6) | (~imms & 0x3F);
  if (combined == 0) return std::nullopt;
  const int len = 31 - __builtin_clz(combined);
  if (len < 1 && immediate) return std::nullopt;
  if (len < 0) return std::nullopt;
  const unsigned esize = 1u << len;
  if (esize > datasize) return std::nullopt;
  const unsigned levels = esize - 1;
  if (immediate && (imms & levels) == levels) return std::nullopt;
  const unsigned s = imms & levels;
  const unsigned r = immr & levels;
  const unsigned diff = (s - r) & levels;
  const uint64_t welem = ones(s + 1);
  const uint64_t telem = ones(diff + 1);
  // Replicate(elem) to datasize bits: multiplying by 0x...010101 (one bit per
  // element, ~0 / ones(esize)) places a copy in every element; elem < 2^esize.
  auto replicate = [&](uint64_t elem) {
    return truncate(elem * (~uint64_t{0} / ones(esize)), datasize);
  };
  const uint64_t wrot = r == 0 ? welem : ((welem >> r) | (welem << (esize - r))) & ones(esize);
  return BitMasks{replicate(wrot), replicate(telem)};
}

// DecodeBitMasks(N, imms, immr, FALSE, datasize) for SBFM/BFM/UBFM, whose N
// equals sf: the element is the whole register, so there is nothing to
// replicate. immr, imms < datasize.
inline BitMasks bitfield_masks(unsigned imms, unsigned immr, unsigned datasize) {
  const unsigned diff = (imms - immr) & (datasize - 1);
  const uint64_t welem = ones(imms + 1);
  const uint64_t wmask = immr == 0 ? welem : truncate((welem >> immr) | (welem << (datasize - immr)), datasize);
  return {wmask, ones(diff + 1)};
}

// ShiftReg(): shift types LSL, LSR, ASR, ROR.
inline uint64_t shift_reg(uint64_t v, unsigned type, unsigned amount, unsigned datasize) {
  v = truncate(v, datasize);
  switch (type) {
    case 0: return amount >= datasize ? 0 : truncate(v << amount, datasize);
    case 1: return amount >= datasize ? 0 : v >> amount;
    case 2: {
      const int64_t sv = sign_extend(v, datasize);
      return truncate(static_cast<uint64_t>(sv >> (amount >= datasize ? datasize - 1 : amount)),
                      datasize);
    }
    default: return ror(v, amount, datasize);
  }
}

// ExtendReg(): UXTB..SXTX followed by LSL #shift.
inline uint64_t extend_reg(uint64_t v, unsigned option, unsigned shift, unsigned datasize) {
  const unsigned len = 8u << (option & 3);
  uint64_t e = bits(v, len - 1, 0);
  if (option & 4) e = static_cast<uint64_t>(sign_extend(e, len));
  return truncate(e << shift, datasize);
}

}  // namespace el2::insn
