#include "cpu/insn/data_proc_imm.h"

#include "cpu/cpu.h"
#include "cpu/insn/common.h"

namespace el2::insn {

void adr(Cpu& cpu, uint32_t i) {
  const int64_t imm = sign_extend((Adr::get<'h'>(i) << 2) | Adr::get<'l'>(i), 21);
  cpu.set_x(Adr::get<'d'>(i), cpu.pc() + imm);
}

void adrp(Cpu& cpu, uint32_t i) {
  const int64_t imm = sign_extend((Adrp::get<'h'>(i) << 2) | Adrp::get<'l'>(i), 21) * 4096;
  cpu.set_x(Adrp::get<'d'>(i), (cpu.pc() & ~uint64_t{0xFFF}) + imm);
}

namespace {

// ADD/ADDS/SUB/SUBS (immediate) for one form, sf:op:S (bits 31:29).
template <unsigned kForm>
struct AddSubImmForm {
  static void run(Cpu& cpu, uint32_t i) {
    using E = AddSubImm;
    constexpr unsigned datasize = kForm & 4 ? 64 : 32;
    constexpr bool sub = kForm & 2, set_flags = kForm & 1;
    const uint64_t imm = uint64_t{E::get<'i'>(i)} << (E::get<'p'>(i) ? 12 : 0);
    const uint64_t operand1 = cpu.x_or_sp(E::get<'n'>(i));
    const AddResult r = add_with_carry(operand1, sub ? ~imm : imm, sub, datasize);
    const unsigned d = E::get<'d'>(i);
    if (set_flags) {
      set_nzcv(cpu.state().pstate, r.n, r.z, r.c, r.v);
      cpu.set_x(d, r.value);
    } else {
      cpu.set_x_or_sp(d, r.value);
    }
  }
};
constexpr auto kAddSubImmForms = form_table<AddSubImmForm, 8>();

// Every logical immediate's 64-bit mask, by N:immr:imms (bits 22:10), or 0
// for a reserved encoding (no valid mask is 0). With N = 0 the element is at
// most 32 bits, so a 32-bit mask is the low half of the 64-bit one. Built
// once: DecodeBitMasks' count-leading-zeros, rotate and replicate cost more
// than the rest of the instruction.
const std::array<uint64_t, 1u << 13> kLogicalImmMasks = [] {
  std::array<uint64_t, 1u << 13> t{};
  for (unsigned k = 0; k < t.size(); ++k)
    if (const auto m = decode_bit_masks(k >> 12, k & 0x3F, (k >> 6) & 0x3F, true, 64))
      t[k] = m->wmask;
  return t;
}();

// AND/ORR/EOR/ANDS (immediate) for one form, sf:opc (bits 31:29).
template <unsigned kForm>
struct LogicalImmForm {
  static void run(Cpu& cpu, uint32_t i) {
    using E = LogicalImm;
    constexpr unsigned datasize = kForm & 4 ? 64 : 32;
    constexpr unsigned opc = kForm & 3;
    if (datasize == 32 && E::get<'N'>(i)) return cpu.undefined();
    const uint64_t imm = truncate(kLogicalImmMasks[(i >> 10) & 0x1FFF], datasize);
    if (imm == 0) return cpu.undefined();
    const uint64_t operand1 = truncate(cpu.x(E::get<'n'>(i)), datasize);
    const unsigned d = E::get<'d'>(i);
    if constexpr (opc == 3) {
      const uint64_t result = operand1 & imm;
      set_nzcv(cpu.state().pstate, bit(result, datasize - 1), result == 0, false, false);
      return cpu.set_x(d, result);  // ANDS writes XZR, not SP.
    }
    cpu.set_x_or_sp(d, opc == 0 ? operand1 & imm : opc == 1 ? operand1 | imm : operand1 ^ imm);
  }
};
constexpr auto kLogicalImmForms = form_table<LogicalImmForm, 8>();

// SBFM/BFM/UBFM for one form, sf:opc (bits 31:29). N must equal sf, so the
// element DecodeBitMasks finds is the whole register (bitfield_masks).
template <unsigned kForm>
struct BitfieldForm {
  static void run(Cpu& cpu, uint32_t i) {
    using E = Bitfield;
    constexpr bool sf = kForm & 4;
    constexpr unsigned datasize = sf ? 64 : 32;
    constexpr unsigned opc = kForm & 3;
    const unsigned immr = E::get<'r'>(i), imms = E::get<'s'>(i);
    if (opc == 3 || E::get<'N'>(i) != sf || (!sf && ((immr | imms) & 0x20))) return cpu.undefined();
    const BitMasks masks = bitfield_masks(imms, immr, datasize);
    const unsigned d = E::get<'d'>(i);
    const uint64_t src = truncate(cpu.x(E::get<'n'>(i)), datasize);
    const uint64_t dst = opc == 1 ? truncate(cpu.x(d), datasize) : 0;  // BFM keeps other bits.
    const uint64_t bot = (dst & ~masks.wmask) | (ror(src, immr, datasize) & masks.wmask);
    // SBFM replicates bit `imms` of the source above the field; the others keep dst (or 0).
    const uint64_t top = opc == 0 ? (bit(src, imms) ? ones(datasize) : 0) : dst;
    cpu.set_x(d, truncate((top & ~masks.tmask) | (bot & masks.tmask), datasize));
  }
};
constexpr auto kBitfieldForms = form_table<BitfieldForm, 8>();

}  // namespace

Handler add_sub_imm_specialized(uint32_t i) { return kAddSubImmForms[i >> 29]; }
void add_sub_imm(Cpu& cpu, uint32_t i) { kAddSubImmForms[i >> 29](cpu, i); }
Handler logical_imm_specialized(uint32_t i) { return kLogicalImmForms[i >> 29]; }
void logical_imm(Cpu& cpu, uint32_t i) { kLogicalImmForms[i >> 29](cpu, i); }
Handler bitfield_specialized(uint32_t i) { return kBitfieldForms[i >> 29]; }
void bitfield(Cpu& cpu, uint32_t i) { kBitfieldForms[i >> 29](cpu, i); }

void move_wide(Cpu& cpu, uint32_t i) {
  using E = MoveWide;
  const unsigned datasize = E::get<'f'>(i) ? 64 : 32;
  const unsigned opc = E::get<'o'>(i);
  const unsigned hw = E::get<'h'>(i);
  if (opc == 1 || (datasize == 32 && hw >= 2)) return cpu.undefined();
  const unsigned pos = hw * 16;
  const uint64_t imm = uint64_t{E::get<'i'>(i)} << pos;
  const unsigned d = E::get<'d'>(i);
  uint64_t result;
  switch (opc) {
    case 0: result = ~imm; break;                                             // MOVN
    case 2: result = imm; break;                                              // MOVZ
    default: result = (cpu.x(d) & ~(uint64_t{0xFFFF} << pos)) | imm; break;  // MOVK
  }
  cpu.set_x(d, truncate(result, datasize));
}

void extr(Cpu& cpu, uint32_t i) {
  using E = Extr;
  const bool sf = E::get<'f'>(i);
  const unsigned datasize = sf ? 64 : 32;
  const unsigned lsb = E::get<'s'>(i);
  if (E::get<'N'>(i) != sf || lsb >= datasize) return cpu.undefined();
  const uint64_t hi = truncate(cpu.x(E::get<'n'>(i)), datasize);
  const uint64_t lo = truncate(cpu.x(E::get<'m'>(i)), datasize);
  const uint64_t result = lsb == 0 ? lo : (lo >> lsb) | (hi << (datasize - lsb));
  cpu.set_x(E::get<'d'>(i), truncate(result, datasize));
}

}  // namespace el2::insn
