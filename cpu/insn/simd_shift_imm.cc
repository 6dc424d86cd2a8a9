// Advanced SIMD shifts by immediate (Arm ARM C7.2 SSHR, USHR, SRSHR, URSHR,
// SSRA, USRA, SRSRA, URSRA, SRI, SHL, SLI, SQSHL/UQSHL/SQSHLU (immediate),
// SHRN, RSHRN, SQSHRN, UQSHRN, SQRSHRN, UQRSHRN, SQSHRUN, SQRSHRUN, SSHLL,
// USHLL), vector and scalar forms.
//
// immh selects the element size (esize = 8 << HighestSetBit(immh)); immh:immb
// encodes the shift: 2*esize - immh:immb for right shifts, immh:immb - esize
// for left shifts. immh = 0000 is the modified-immediate group in the vector
// space (its row has priority) and unallocated in the scalar space.
#include <optional>

#include "cpu/insn/fp_access.h"
#include "cpu/insn/simd_int.h"
#include "cpu/insn/simd_lanes.h"

namespace el2::insn {

namespace {

using E = ShiftImm;

unsigned immhb(uint32_t i) { return (E::get<'h'>(i) << 3) | E::get<'b'>(i); }

// The shape of a same-size shift: vector immh<3>:Q = 10 (a 1D vector) is
// reserved; the scalar forms exist for D only, or for every size when
// `scalar_any_size` (the saturating left shifts).
std::optional<Shape> same_size_shape(uint32_t i, bool scalar_any_size) {
  const unsigned immh = E::get<'h'>(i);
  if (immh == 0) return std::nullopt;
  if (is_scalar(i) && !scalar_any_size && !bit(immh, 3)) return std::nullopt;
  if (!is_scalar(i) && bit(immh, 3) && !E::get<'q'>(i)) return std::nullopt;
  return shape_of(i, highest_set_bit(immh));
}

}  // namespace

// SSHR/USHR (00000), SSRA/USRA (00010), SRSHR/URSHR (00100), SRSRA/URSRA
// (00110): (Int(element) + round_const) >> shift, added to Vd's element for
// the accumulating forms.
void shift_imm_right(Cpu& cpu, uint32_t i) {
  const auto s = same_size_shape(i, false);
  if (!s) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool u = E::get<'u'>(i), round = bit(E::get<'o'>(i), 2),
             accumulate = bit(E::get<'o'>(i), 1);
  const unsigned shift = 2 * s->esize - immhb(i), d = E::get<'d'>(i);
  const i128 round_const = round ? i128{1} << (shift - 1) : 0;
  const u128 r = lanes2(*s, vreg(cpu, E::get<'n'>(i)), vreg(cpu, d), [&](uint64_t a, uint64_t acc) {
    const uint64_t v = static_cast<uint64_t>((to_int(a, s->esize, u) + round_const) >> shift);
    return accumulate ? acc + v : v;
  });
  set_vreg(cpu, d, r, s->datasize);
}

// SRI: the element shifted right is inserted under mask LSR(Ones(esize),
// shift); the other bits of Vd's element are kept.
void shift_imm_sri(Cpu& cpu, uint32_t i) {
  const auto s = same_size_shape(i, false);
  if (!s) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const unsigned shift = 2 * s->esize - immhb(i), d = E::get<'d'>(i);
  const uint64_t mask = shift >= 64 ? 0 : ones(s->esize) >> shift;
  const u128 r = lanes2(*s, vreg(cpu, E::get<'n'>(i)), vreg(cpu, d), [&](uint64_t a, uint64_t old) {
    const uint64_t toinsert = shift >= 64 ? 0 : a >> shift;
    return (old & ~mask) | toinsert;
  });
  set_vreg(cpu, d, r, s->datasize);
}

// SHL (U=0): element << shift. SLI (U=1): inserted under LSL(Ones(esize),
// shift), keeping the low `shift` bits of Vd's element.
void shift_imm_shl_sli(Cpu& cpu, uint32_t i) {
  const auto s = same_size_shape(i, false);
  if (!s) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool insert = E::get<'u'>(i);
  const unsigned shift = immhb(i) - s->esize, d = E::get<'d'>(i);
  const uint64_t mask = ones(s->esize) << shift;
  const u128 r = lanes2(*s, vreg(cpu, E::get<'n'>(i)), vreg(cpu, d), [&](uint64_t a, uint64_t old) {
    return insert ? (old & ~mask) | (a << shift) : a << shift;
  });
  set_vreg(cpu, d, r, s->datasize);
}

// SQSHL (U=0, 01110), UQSHL (U=1, 01110), SQSHLU (U=1, 01100):
// SatQ(Int(element, src_unsigned) << shift, esize, dst_unsigned).
void shift_imm_sat_left(Cpu& cpu, uint32_t i) {
  const auto s = same_size_shape(i, true);
  if (!s) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool u = E::get<'u'>(i), sqshlu = E::get<'o'>(i) == 0b01100;
  const bool src_unsigned = u && !sqshlu, dst_unsigned = u;
  const unsigned shift = immhb(i) - s->esize;
  const u128 r = lanes1(*s, vreg(cpu, E::get<'n'>(i)), [&](uint64_t a) {
    return sat_q(cpu, to_int(a, s->esize, src_unsigned) << shift, s->esize, dst_unsigned);
  });
  set_vreg(cpu, E::get<'d'>(i), r, s->datasize);
}

// Narrowing right shifts of the 2*esize elements of V[n] into Vpart[d, Q]
// (scalar: one element into the zeroed register); immh<3> = 1 is reserved.
//   U=0 10000 SHRN, 10001 RSHRN (truncating)
//   U=1 10000 SQSHRUN, 10001 SQRSHRUN (signed source, unsigned saturation)
//   10010 SQSHRN/UQSHRN, 10011 SQRSHRN/UQRSHRN (U selects both signs)
void shift_imm_narrow(Cpu& cpu, uint32_t i) {
  const unsigned immh = E::get<'h'>(i), opcode = E::get<'o'>(i);
  if (immh == 0 || bit(immh, 3)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool u = E::get<'u'>(i), round = bit(opcode, 0), unsigned_group = bit(opcode, 1);
  const bool truncate_only = !unsigned_group && !u;  // SHRN, RSHRN
  const bool src_unsigned = unsigned_group && u, dst_unsigned = u;
  const unsigned esize = 8u << highest_set_bit(immh), shift = 2 * esize - immhb(i);
  const unsigned elements = is_scalar(i) ? 1 : 64 / esize;
  const i128 round_const = round ? i128{1} << (shift - 1) : 0;
  const u128 n = vreg(cpu, E::get<'n'>(i));
  uint64_t result = 0;
  for (unsigned e = 0; e < elements; ++e) {
    const i128 v = (to_int(elem(n, e, 2 * esize), 2 * esize, src_unsigned) + round_const) >> shift;
    const uint64_t narrow =
        truncate_only ? static_cast<uint64_t>(v) : sat_q(cpu, v, esize, dst_unsigned);
    result |= (narrow & ones(esize)) << (e * esize);
  }
  set_vpart(cpu, E::get<'d'>(i), is_scalar(i) ? 0 : E::get<'q'>(i), result);
}

// SSHLL/USHLL (SXTL/UXTL when the shift is 0): the elements of Vpart[n, Q]
// extended to 2*esize and shifted left; immh<3> = 1 is reserved.
void shift_imm_long(Cpu& cpu, uint32_t i) {
  const unsigned immh = E::get<'h'>(i);
  if (immh == 0 || bit(immh, 3)) return cpu.undefined();
  if (!fp_access_enabled(cpu)) return;
  const bool u = E::get<'u'>(i);
  const unsigned esize = 8u << highest_set_bit(immh), shift = immhb(i) - esize;
  const uint64_t n = vpart(cpu, E::get<'n'>(i), E::get<'q'>(i));
  u128 r = 0;
  for (unsigned e = 0; e < 64 / esize; ++e) {
    const i128 v = to_int(elem(n, e, esize), esize, u) << shift;
    r = with_elem(r, e, 2 * esize, static_cast<uint64_t>(v));
  }
  set_vreg(cpu, E::get<'d'>(i), r);
}

}  // namespace el2::insn
