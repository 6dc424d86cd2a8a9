// Advanced SIMD across lanes, long sums (Arm ARM C7.2 SADDLV, UADDLV). ADDV
// and the SMAXV/UMINV family are in simd_fp_vector_int.cc.
#include "cpu/insn/fp_access.h"
#include "cpu/insn/simd_int.h"
#include "cpu/insn/simd_lanes.h"

namespace el2::insn {

// V[d] = (sum of Int(element, unsigned))<2*esize-1:0>. size:Q = 100 (two
// words) and size = 11 are reserved.
void across_addlv(Cpu& cpu, uint32_t i) {
  using E = VecAddlv;
  const unsigned size = E::get<'s'>(i);
  const bool q = E::get<'q'>(i);
  if (size == 3 || (size == 2 && !q)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool u = E::get<'u'>(i);
  const Shape s = shape_of(i, size);
  const u128 n = vreg(cpu, E::get<'n'>(i));
  i128 sum = 0;
  for (unsigned e = 0; e < s.elements(); ++e) sum += to_int(elem(n, e, s.esize), s.esize, u);
  set_vreg(cpu, E::get<'d'>(i), static_cast<uint64_t>(sum) & ones(2 * s.esize), 2 * s.esize);
}

}  // namespace el2::insn
