// Lane arithmetic shared by the Advanced SIMD integer instruction bodies: the
// Arm ARM's Int(), SatQ() and FPSR.QC, and the shape (esize, datasize) of an
// operation on a vector or on a scalar (the "Advanced SIMD scalar" forms are
// the same instructions on one element: bit 28 of the encoding is 1).
#pragma once

#include <cstdint>

#include "cpu/bits.h"
#include "cpu/cpu.h"
#include "cpu/insn/simd_fp_vreg.h"

namespace el2::insn {

using i128 = __int128;

// Int(x<esize-1:0>, unsigned) (Arm ARM shared/functions/integer/Int).
inline i128 to_int(uint64_t x, unsigned esize, bool is_unsigned) {
  x &= ones(esize);
  return is_unsigned ? i128{x} : i128{sign_extend(x, esize)};
}

struct Sat {
  uint64_t value;  // The n-bit result.
  bool saturated;
};

// SatQ(i, n, unsigned): SignedSatQ / UnsignedSatQ (Arm ARM shared/functions/
// integer/SatQ). n is 8..64.
inline Sat sat_q(i128 i, unsigned n, bool is_unsigned) {
  const i128 max = is_unsigned ? (i128{1} << n) - 1 : (i128{1} << (n - 1)) - 1;
  const i128 min = is_unsigned ? 0 : -(i128{1} << (n - 1));
  if (i > max) return {static_cast<uint64_t>(max) & ones(n), true};
  if (i < min) return {static_cast<uint64_t>(min) & ones(n), true};
  return {static_cast<uint64_t>(i) & ones(n), false};
}

// FPSR.QC, the cumulative saturation bit (Arm ARM C5.2.8).
inline void set_qc(Cpu& cpu) { cpu.state().fpsr |= 1u << 27; }

// SatQ, setting FPSR.QC when the result saturated.
inline uint64_t sat_q(Cpu& cpu, i128 i, unsigned n, bool is_unsigned) {
  const Sat s = sat_q(i, n, is_unsigned);
  if (s.saturated) set_qc(cpu);
  return s.value;
}

// `i >> shift` rounding towards minus infinity (the pseudocode's integer
// shift), for 0 <= shift; shifts past the value's width give 0 or -1.
inline i128 shr_floor(i128 i, unsigned shift) { return i >> (shift > 126 ? 126 : shift); }

// The shape of a "same size" integer operation. Vector: datasize is 64 or 128
// (Q); scalar: one element (datasize == esize).
struct Shape {
  unsigned esize;
  unsigned datasize;
  unsigned elements() const { return datasize / esize; }
};

inline bool is_scalar(uint32_t insn) { return bit(insn, 28); }

inline Shape shape_of(uint32_t insn, unsigned size) {
  const unsigned esize = 8u << size;
  if (is_scalar(insn)) return {esize, esize};
  return {esize, bit(insn, 30) ? 128u : 64u};
}

// Applies f to each element (pair, triple) of the low datasize bits of the
// operands and returns the result vector: Elem[result, e, esize] = f(...).
template <class F>
u128 lanes3(const Shape& s, u128 a, u128 b, u128 c, F f) {
  u128 r = 0;
  for (unsigned e = 0; e < s.elements(); ++e)
    r = with_elem(r, e, s.esize, f(elem(a, e, s.esize), elem(b, e, s.esize), elem(c, e, s.esize)));
  return r;
}

template <class F>
u128 lanes2(const Shape& s, u128 a, u128 b, F f) {
  return lanes3(s, a, b, 0, [&](uint64_t x, uint64_t y, uint64_t) { return f(x, y); });
}

template <class F>
u128 lanes1(const Shape& s, u128 a, F f) {
  return lanes3(s, a, 0, 0, [&](uint64_t x, uint64_t, uint64_t) { return f(x); });
}

// size:Q == 110, a vector of one 64-bit element, is reserved in most vector
// forms (the scalar forms have their own size rules).
inline bool vector_1d(uint32_t insn, unsigned size) {
  return !is_scalar(insn) && size == 3 && !bit(insn, 30);
}

// Vpart[n, part] for the 64-bit halves of a 128-bit register.
inline uint64_t vpart(const Cpu& cpu, unsigned n, unsigned part) {
  const VReg& r = cpu.state().v[n];
  return part ? r.hi : r.lo;
}

// Vpart[d, part] = value: part 0 writes the low half and zeroes the upper one;
// part 1 writes the upper half and keeps the lower one (the "2" forms).
inline void set_vpart(Cpu& cpu, unsigned d, unsigned part, uint64_t value) {
  VReg& r = cpu.state().v[d];
  if (part) {
    r.hi = value;
  } else {
    r.lo = value;
    r.hi = 0;
  }
}

// PolynomialMult(op1, op2) for N-bit operands (N <= 32): the carry-less
// product, 2N bits (Arm ARM shared/functions/vector/PolynomialMult).
inline uint64_t polynomial_mult(uint64_t a, uint64_t b, unsigned n) {
  uint64_t r = 0;
  for (unsigned k = 0; k < n; ++k)
    if (bit(a, k)) r ^= (b & ones(n)) << k;
  return r;
}

// HighestSetBit(immh) of the shift-by-immediate encodings: 8 << it is esize.
inline unsigned highest_set_bit(unsigned v) { return 31 - static_cast<unsigned>(__builtin_clz(v)); }

}  // namespace el2::insn
