// Floating-point compare and select, scalar (Arm ARM C7.2 FCMP, FCMPE, FCCMP,
// FCCMPE, FCSEL), single and double precision.
#include "cpu/insn/common.h"
#include "cpu/insn/fp_access.h"
#include "cpu/insn/fp_ops.h"
#include "cpu/insn/fp_scalar.h"
#include "cpu/insn/simd_fp_vreg.h"

namespace el2::insn {

namespace {

unsigned fp_size(unsigned ftype) { return ftype == 0 ? 32 : ftype == 1 ? 64 : 0; }

uint64_t sreg(const Cpu& cpu, unsigned n, unsigned n_bits) {
  return cpu.state().v[n].lo & ones(n_bits);
}

void set_flags(Cpu& cpu, unsigned nzcv) {
  set_nzcv(cpu.state().pstate, bit(nzcv, 3), bit(nzcv, 2), bit(nzcv, 1), bit(nzcv, 0));
}

}  // namespace

// FCMP/FCMPE Vn, Vm or #0.0 (opc<0>; Rm is then ignored). FCMPE signals on
// quiet NaNs as well.
void fp_compare(Cpu& cpu, uint32_t i) {
  using E = FpCompare;
  const unsigned n_bits = fp_size(E::get<'t'>(i));
  if (n_bits == 0) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const uint64_t a = sreg(cpu, E::get<'n'>(i), n_bits);
  const uint64_t b = E::get<'z'>(i) ? 0 : sreg(cpu, E::get<'m'>(i), n_bits);
  fp::Env env{cpu.state().fpcr};
  set_flags(cpu, fp::compare(env, n_bits, a, b, E::get<'e'>(i)));
  cpu.state().fpsr |= env.flags;
}

// FCCMP/FCCMPE: the comparison's NZCV if cond holds, else the immediate nzcv
// (and no exception).
void fp_cond_compare(Cpu& cpu, uint32_t i) {
  using E = FpCondCompare;
  const unsigned n_bits = fp_size(E::get<'t'>(i));
  if (n_bits == 0) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  if (!condition_holds(E::get<'c'>(i), cpu.state().pstate)) return set_flags(cpu, E::get<'f'>(i));
  fp::Env env{cpu.state().fpcr};
  set_flags(cpu, fp::compare(env, n_bits, sreg(cpu, E::get<'n'>(i), n_bits),
                             sreg(cpu, E::get<'m'>(i), n_bits), E::get<'e'>(i)));
  cpu.state().fpsr |= env.flags;
}

// FCSEL: Vd = cond ? Vn : Vm (bit patterns, no exceptions).
void fp_cond_select(Cpu& cpu, uint32_t i) {
  using E = FpCondSelect;
  const unsigned n_bits = fp_size(E::get<'t'>(i));
  if (n_bits == 0) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool take_n = condition_holds(E::get<'c'>(i), cpu.state().pstate);
  const unsigned src = take_n ? E::get<'n'>(i) : E::get<'m'>(i);
  set_vreg(cpu, E::get<'d'>(i), sreg(cpu, src, n_bits), n_bits);
}

}  // namespace el2::insn
