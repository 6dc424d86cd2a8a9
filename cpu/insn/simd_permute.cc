// Advanced SIMD permute and table lookup (Arm ARM C7.2 UZP1, UZP2, TRN1,
// TRN2, ZIP1, ZIP2, TBL, TBX). EXT is in simd_fp_move.cc.
#include "cpu/insn/fp_access.h"
#include "cpu/insn/simd_int.h"
#include "cpu/insn/simd_lanes.h"

namespace el2::insn {

namespace {

using E = Permute;

// Decode shared by UZP/TRN/ZIP: size:Q = 110 is reserved. part = opcode<2>.
template <class F>
void permute(Cpu& cpu, uint32_t i, F element_of) {
  const unsigned size = E::get<'s'>(i);
  if (vector_1d(i, size)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const Shape s = shape_of(i, size);
  const unsigned part = bit(E::get<'o'>(i), 2);
  const u128 n = vreg(cpu, E::get<'n'>(i)), m = vreg(cpu, E::get<'m'>(i));
  u128 r = 0;
  for (unsigned e = 0; e < s.elements(); ++e)
    r = with_elem(r, e, s.esize, element_of(s, n, m, part, e));
  set_vreg(cpu, E::get<'d'>(i), r, s.datasize);
}

}  // namespace

// UZP1/UZP2: the even (odd) elements of concat = Vm:Vn.
void permute_uzp(Cpu& cpu, uint32_t i) {
  permute(cpu, i, [](const Shape& s, u128 n, u128 m, unsigned part, unsigned e) {
    const unsigned j = 2 * e + part, elements = s.elements();
    return j < elements ? elem(n, j, s.esize) : elem(m, j - elements, s.esize);
  });
}

// TRN1/TRN2: result pair p = (Vn[2p + part], Vm[2p + part]).
void permute_trn(Cpu& cpu, uint32_t i) {
  permute(cpu, i, [](const Shape& s, u128 n, u128 m, unsigned part, unsigned e) {
    return elem(e % 2 ? m : n, (e & ~1u) + part, s.esize);
  });
}

// ZIP1/ZIP2: result pair p = (Vn[base + p], Vm[base + p]), base = part *
// elements / 2 (ZIP2 interleaves the upper halves).
void permute_zip(Cpu& cpu, uint32_t i) {
  permute(cpu, i, [](const Shape& s, u128 n, u128 m, unsigned part, unsigned e) {
    return elem(e % 2 ? m : n, part * s.elements() / 2 + e / 2, s.esize);
  });
}

// TBL/TBX: each byte of Vm indexes the table Vn, Vn+1, ... (len + 1
// registers, modulo 32, 16 bytes each). Out-of-range indices give 0 (TBL) or
// leave Vd's byte (TBX).
void table_lookup(Cpu& cpu, uint32_t i) {
  using T = TableLookup;
  if (!fp_access_enabled(cpu)) return;
  const unsigned regs = T::get<'l'>(i) + 1, n = T::get<'n'>(i), d = T::get<'d'>(i);
  const unsigned datasize = T::get<'q'>(i) ? 128 : 64;
  const bool tbx = T::get<'o'>(i);
  const u128 indices = vreg(cpu, T::get<'m'>(i));
  u128 r = tbx ? vreg(cpu, d) : 0;
  for (unsigned e = 0; e < datasize / 8; ++e) {
    const unsigned index = static_cast<unsigned>(elem(indices, e, 8));
    if (index < 16 * regs)
      r = with_elem(r, e, 8, elem(vreg(cpu, (n + index / 16) % 32), index % 16, 8));
  }
  set_vreg(cpu, d, r, datasize);
}

}  // namespace el2::insn
