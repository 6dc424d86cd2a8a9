// Advanced SIMD pairwise operations (Arm ARM C7.2 ADDP (vector, scalar),
// SMAXP, SMINP, UMAXP, UMINP, SADDLP, UADDLP, SADALP, UADALP).
//
// The three-same pairwise forms work on concat = Vm:Vn (each datasize bits):
// result element e combines elements 2e and 2e+1 of concat, so the low half of
// the result comes from Vn and the high half from Vm.
#include "cpu/insn/fp_access.h"
#include "cpu/insn/simd_int.h"
#include "cpu/insn/simd_lanes.h"

namespace el2::insn {

namespace {

template <class F>
u128 pairwise(const Shape& s, u128 n, u128 m, F f) {
  const unsigned elements = s.elements();
  auto concat = [&](unsigned j) {
    return j < elements ? elem(n, j, s.esize) : elem(m, j - elements, s.esize);
  };
  u128 r = 0;
  for (unsigned e = 0; e < elements; ++e)
    r = with_elem(r, e, s.esize, f(concat(2 * e), concat(2 * e + 1)));
  return r;
}

}  // namespace

void pairwise_add(Cpu& cpu, uint32_t i) {
  using E = VecAddp;
  const unsigned size = E::get<'s'>(i);
  if (vector_1d(i, size)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const Shape s = shape_of(i, size);
  const u128 r = pairwise(s, vreg(cpu, E::get<'n'>(i)), vreg(cpu, E::get<'m'>(i)),
                          [](uint64_t a, uint64_t b) { return a + b; });
  set_vreg(cpu, E::get<'d'>(i), r, s.datasize);
}

void pairwise_max_min(Cpu& cpu, uint32_t i) {
  using E = VecMaxMinP;
  const unsigned size = E::get<'s'>(i);
  if (size == 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool u = E::get<'u'>(i), minimum = E::get<'o'>(i);
  const Shape s = shape_of(i, size);
  const u128 r = pairwise(s, vreg(cpu, E::get<'n'>(i)), vreg(cpu, E::get<'m'>(i)),
                          [&](uint64_t a, uint64_t b) {
                            const bool a_less = to_int(a, s.esize, u) < to_int(b, s.esize, u);
                            return a_less == minimum ? a : b;
                          });
  set_vreg(cpu, E::get<'d'>(i), r, s.datasize);
}

// ADDP (scalar): D[d] = V[n].D[0] + V[n].D[1]; only size 11 exists.
void scalar_addp(Cpu& cpu, uint32_t i) {
  using E = ScalarAddp;
  if (E::get<'s'>(i) != 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const VReg& n = cpu.state().v[E::get<'n'>(i)];
  set_vreg(cpu, E::get<'d'>(i), n.lo + n.hi, 64);
}

// SADDLP/UADDLP (opcode 00010), SADALP/UADALP (00110): each pair of esize
// elements summed into a 2*esize element, added to Vd's for the accumulating
// forms.
void pairwise_add_long(Cpu& cpu, uint32_t i) {
  using E = VecAddlp;
  const unsigned size = E::get<'s'>(i);
  if (size == 3) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool u = E::get<'u'>(i), accumulate = E::get<'a'>(i);
  const unsigned esize = 8u << size, datasize = E::get<'q'>(i) ? 128 : 64;
  const Shape wide{2 * esize, datasize};
  const unsigned d = E::get<'d'>(i);
  const u128 r =
      lanes2(wide, vreg(cpu, E::get<'n'>(i)), vreg(cpu, d), [&](uint64_t pair, uint64_t acc) {
        const i128 sum = to_int(pair, esize, u) + to_int(pair >> esize, esize, u);
        return static_cast<uint64_t>(sum) + (accumulate ? acc : 0);
      });
  set_vreg(cpu, d, r, datasize);
}

}  // namespace el2::insn
