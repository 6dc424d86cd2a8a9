// Conversions between floating point and general-purpose registers (Arm ARM
// C7.2 FCVTNS, FCVTNU, FCVTPS, FCVTPU, FCVTMS, FCVTMU, FCVTZS, FCVTZU, FCVTAS,
// FCVTAU, SCVTF, UCVTF; integer and fixed-point forms), single and double
// precision. FMOV (general) is in simd_fp_move.cc.
#include "cpu/insn/fp_access.h"
#include "cpu/insn/fp_ops.h"
#include "cpu/insn/fp_scalar.h"
#include "cpu/insn/simd_fp_vreg.h"

namespace el2::insn {

namespace {

unsigned fp_size(unsigned ftype) { return ftype == 0 ? 32 : ftype == 1 ? 64 : 0; }

// FPToFixed into X[d] or FixedToFP from X[n], per the decoded operation.
void convert(Cpu& cpu, uint32_t i, unsigned fltsize, unsigned intsize, unsigned fbits, bool to_int,
             bool is_unsigned, fp::Rounding r) {
  const unsigned d = bits(i, 4, 0), n = bits(i, 9, 5);
  fp::Env env{cpu.state().fpcr};
  if (to_int) {
    const uint64_t a = cpu.state().v[n].lo & ones(fltsize);
    cpu.set_x(d, fp::to_fixed(env, fltsize, a, fbits, is_unsigned, intsize, r));
  } else {
    set_vreg(cpu, d, fp::from_fixed(env, fltsize, cpu.x(n), intsize, fbits, is_unsigned), fltsize);
  }
  cpu.state().fpsr |= env.flags;
}

}  // namespace

// Integer forms: opcode<2:1>:rmode = 00:xx FCVT[NPMZ][SU] (rounding from
// rmode), 01:00 [SU]CVTF (FPCR rounding), 10:00 FCVTA[SU] (ties away);
// opcode<0> is "unsigned". Other combinations are unallocated here.
void fp_int_conv(Cpu& cpu, uint32_t i) {
  using E = Enc<"f0011110tt1rrooo000000nnnnnddddd">;
  const unsigned fltsize = fp_size(E::get<'t'>(i)), rmode = E::get<'r'>(i), opcode = E::get<'o'>(i);
  const unsigned group = opcode >> 1;
  if (fltsize == 0 || (group != 0 && rmode != 0)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool is_unsigned = opcode & 1;
  const unsigned intsize = E::get<'f'>(i) ? 64 : 32;
  fp::Rounding r = static_cast<fp::Rounding>(rmode);
  if (group == 1) r = static_cast<fp::Rounding>((cpu.state().fpcr >> 22) & 3);
  if (group == 2) r = fp::Rounding::kTieAway;
  convert(cpu, i, fltsize, intsize, 0, group != 1, is_unsigned, r);
}

// Fixed-point forms: opcode<2:1>:rmode = 00:11 FCVTZ[SU], 01:00 [SU]CVTF;
// fbits = 64 - scale, and a 32-bit form needs scale<5> = 1 (fbits <= 32).
void fp_fixed_conv(Cpu& cpu, uint32_t i) {
  using E = FpFixedConv;
  const unsigned fltsize = fp_size(E::get<'t'>(i)), rmode = E::get<'r'>(i), opcode = E::get<'o'>(i);
  const unsigned scale = E::get<'S'>(i);
  const bool sf = E::get<'f'>(i), to_int = (opcode >> 1) == 0;
  if (fltsize == 0 || (!sf && !bit(scale, 5))) return cpu.undefined();
  if (to_int ? rmode != 3 : rmode != 0) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const fp::Rounding r =
      to_int ? fp::Rounding::kZero : static_cast<fp::Rounding>((cpu.state().fpcr >> 22) & 3);
  convert(cpu, i, fltsize, sf ? 64 : 32, 64 - scale, to_int, opcode & 1, r);
}

}  // namespace el2::insn
