// Floating-point data processing, scalar (Arm ARM C7.2 FABS, FNEG, FSQRT,
// FCVT, FRINT*, FMUL, FDIV, FADD, FSUB, FMAX, FMIN, FMAXNM, FMINNM, FNMUL,
// FMADD, FMSUB, FNMADD, FNMSUB), single and double precision.
//
// Each body follows the Arm ARM's order: the decode-time UNDEFINED checks
// first, then CheckFPAdvSIMDEnabled64() (fp_access_enabled), then the
// operation; the FPSR bits it raised are ORed into FPSR. Results write the
// low 32 or 64 bits of Vd and zero the rest.
#include "cpu/insn/fp_access.h"
#include "cpu/insn/fp_ops.h"
#include "cpu/insn/fp_scalar.h"
#include "cpu/insn/simd_fp_vreg.h"

namespace el2::insn {

namespace {

// ftype: 00 single, 01 double; 10 is unallocated and 11 (half) is FEAT_FP16.
// Returns the datasize, or 0 for UNDEFINED.
unsigned fp_size(unsigned ftype) { return ftype == 0 ? 32 : ftype == 1 ? 64 : 0; }

uint64_t sreg(const Cpu& cpu, unsigned n) { return cpu.state().v[n].lo; }

// Runs op with the FPCR and writes the result and the raised FPSR bits.
template <class Op>
void fp_result(Cpu& cpu, unsigned d, unsigned datasize, Op op) {
  fp::Env env{cpu.state().fpcr};
  const uint64_t r = op(env);
  cpu.state().fpsr |= env.flags;
  set_vreg(cpu, d, r, datasize);
}

}  // namespace

// Opcode 0000oo: 01 FABS, 10 FNEG, 11 FSQRT (00 is FMOV, its own row).
void fp_abs_neg_sqrt(Cpu& cpu, uint32_t i) {
  using E = FpAbsNegSqrt;
  const unsigned n_bits = fp_size(E::get<'t'>(i)), opc = E::get<'o'>(i);
  if (n_bits == 0) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const uint64_t a = sreg(cpu, E::get<'n'>(i));
  fp_result(cpu, E::get<'d'>(i), n_bits, [&](fp::Env& env) {
    if (opc == 1) return fp::abs(n_bits, a) & ones(n_bits);
    if (opc == 2) return fp::neg(n_bits, a) & ones(n_bits);
    return fp::sqrt(env, n_bits, a & ones(n_bits));
  });
}

// FCVT: ftype is the source, opc the destination (00 single, 01 double, 11
// half); equal or unallocated (10) sizes are UNDEFINED. Half precision here is
// part of the base architecture.
void fp_cvt_precision(Cpu& cpu, uint32_t i) {
  using E = FpCvtPrecision;
  const unsigned ftype = E::get<'t'>(i), opc = E::get<'o'>(i);
  if (ftype == opc || ftype == 2 || opc == 2) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  auto size_of = [](unsigned t) { return t == 0 ? 32u : t == 1 ? 64u : 16u; };
  const unsigned from = size_of(ftype), to = size_of(opc);
  const uint64_t a = sreg(cpu, E::get<'n'>(i)) & ones(from);
  fp_result(cpu, E::get<'d'>(i), to, [&](fp::Env& env) { return fp::convert(env, to, from, a); });
}

// FRINT<mode>: opcode<2:0> 000 N, 001 P, 010 M, 011 Z, 100 A, 110 X (FPCR,
// inexact raises IXC), 111 I (FPCR); 101 is unallocated.
void fp_round_int(Cpu& cpu, uint32_t i) {
  using E = FpRoundInt;
  const unsigned n_bits = fp_size(E::get<'t'>(i)), rmode = E::get<'o'>(i);
  if (n_bits == 0 || rmode == 0b101) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const uint64_t a = sreg(cpu, E::get<'n'>(i)) & ones(n_bits);
  fp_result(cpu, E::get<'d'>(i), n_bits, [&](fp::Env& env) {
    fp::Rounding r = rmode == 0b100 ? fp::Rounding::kTieAway : static_cast<fp::Rounding>(rmode);
    if (rmode >= 0b110) r = env.rounding();
    return fp::round_int(env, n_bits, a, r, rmode == 0b110);
  });
}

// Opcode: 0000 FMUL, 0001 FDIV, 0010 FADD, 0011 FSUB, 0100 FMAX, 0101 FMIN,
// 0110 FMAXNM, 0111 FMINNM, 1000 FNMUL (FPNeg of the product, NaNs too).
void fp_dp2(Cpu& cpu, uint32_t i) {
  using E = FpDp2;
  const unsigned n_bits = fp_size(E::get<'t'>(i)), opcode = E::get<'o'>(i);
  if (n_bits == 0 || opcode > 0b1000) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const uint64_t a = sreg(cpu, E::get<'n'>(i)) & ones(n_bits);
  const uint64_t b = sreg(cpu, E::get<'m'>(i)) & ones(n_bits);
  fp_result(cpu, E::get<'d'>(i), n_bits, [&](fp::Env& env) -> uint64_t {
    switch (opcode) {
      case 0b0000:
        return fp::mul(env, n_bits, a, b);
      case 0b0001:
        return fp::div(env, n_bits, a, b);
      case 0b0010:
        return fp::add(env, n_bits, a, b);
      case 0b0011:
        return fp::sub(env, n_bits, a, b);
      case 0b0100:
        return fp::max(env, n_bits, a, b);
      case 0b0101:
        return fp::min(env, n_bits, a, b);
      case 0b0110:
        return fp::max_num(env, n_bits, a, b);
      case 0b0111:
        return fp::min_num(env, n_bits, a, b);
      default:
        return fp::neg(n_bits, fp::mul(env, n_bits, a, b));
    }
  });
}

// o1:o0 = 00 FMADD (Ra + Rn*Rm), 01 FMSUB (Ra - Rn*Rm), 10 FNMADD (-Ra - Rn*Rm),
// 11 FNMSUB (-Ra + Rn*Rm), fused: FPMulAdd with FPNeg applied to the operands
// first (so a negated NaN operand propagates with its sign flipped).
void fp_dp3(Cpu& cpu, uint32_t i) {
  using E = FpDp3;
  const unsigned n_bits = fp_size(E::get<'t'>(i));
  if (n_bits == 0) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool o1 = E::get<'o'>(i), o0 = E::get<'p'>(i);
  uint64_t addend = sreg(cpu, E::get<'a'>(i)) & ones(n_bits);
  uint64_t a = sreg(cpu, E::get<'n'>(i)) & ones(n_bits);
  const uint64_t b = sreg(cpu, E::get<'m'>(i)) & ones(n_bits);
  if (o1) addend = fp::neg(n_bits, addend);
  if (o1 != o0) a = fp::neg(n_bits, a);
  fp_result(cpu, E::get<'d'>(i), n_bits,
            [&](fp::Env& env) { return fp::mul_add(env, n_bits, addend, a, b); });
}

}  // namespace el2::insn
