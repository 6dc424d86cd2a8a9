#include "cpu/insn/data_proc_reg.h"

#include <bit>

#include "cpu/cpu.h"
#include "cpu/insn/common.h"

namespace el2::insn {

namespace {

unsigned datasize_of(uint32_t i) { return bit(i, 31) ? 64 : 32; }

void set_flags(Cpu& cpu, const AddResult& r) { set_nzcv(cpu.state().pstate, r.n, r.z, r.c, r.v); }

// BitReverse() of the low `datasize` bits.
uint64_t bit_reverse(uint64_t v, unsigned datasize) {
  uint64_t r = 0;
  for (unsigned b = 0; b < datasize; ++b) r |= ((v >> b) & 1) << (datasize - 1 - b);
  return r;
}

// Reverses the bytes inside each `container`-bit chunk of `v` (REV16/REV32/REV).
// `v` holds datasize bits (32 or 64); containers of 16, 32 or 64 bits.
uint64_t reverse_bytes_in(uint64_t v, unsigned container, unsigned datasize) {
  if (container == 16) {
    constexpr uint64_t kEven = 0x00FF'00FF'00FF'00FFull;
    return ((v & kEven) << 8) | ((v >> 8) & kEven);
  }
  const uint64_t all = __builtin_bswap64(v);
  // Words: the byte swap of the whole also swapped the two words back. A
  // W register's word sits in the upper half after the swap.
  return container == 32 ? truncate((all >> 32) | (all << 32), datasize) : all;
}

// CountLeadingZeroBits() of the low `datasize` bits.
unsigned count_leading_zeros(uint64_t v, unsigned datasize) {
  return std::countl_zero(v) - (64 - datasize);
}

}  // namespace

// ---- Logical and add/subtract -------------------------------------------------

namespace {

// The shifted-register forms are specialised on sf:opc (bits 31:29) and on
// whether the shift amount is 0 (bit 3 of the form), as in MOV, CMP Xn, Xm
// and most others: any shift by 0 leaves the register as it is.
unsigned shifted_form(uint32_t i) {
  return ((LogicalShifted::get<'i'>(i) == 0) << 3) | (i >> 29);
}
// ShiftReg(Rm, shift, amount) for such a form; Rm, shift and amount sit in
// the same bits in both classes.
template <unsigned kForm>
uint64_t shifted_rm(const Cpu& cpu, uint32_t i, unsigned shift, unsigned amount) {
  constexpr unsigned datasize = kForm & 4 ? 64 : 32;
  const uint64_t rm = cpu.x(LogicalShifted::get<'m'>(i));
  return kForm & 8 ? truncate(rm, datasize) : shift_reg(rm, shift, amount, datasize);
}

// AND/BIC/ORR/ORN/EOR/EON/ANDS/BICS (shifted register) for one form.
template <unsigned kForm>
struct LogicalShiftedForm {
  static void run(Cpu& cpu, uint32_t i) {
    using E = LogicalShifted;
    constexpr unsigned datasize = kForm & 4 ? 64 : 32;
    constexpr unsigned opc = kForm & 3;
    constexpr bool unshifted = kForm & 8;
    const unsigned amount = unshifted ? 0 : E::get<'i'>(i);
    if (datasize == 32 && amount >= 32) return cpu.undefined();
    uint64_t operand2 = shifted_rm<kForm>(cpu, i, E::get<'h'>(i), amount);
    if (E::get<'N'>(i)) operand2 = truncate(~operand2, datasize);
    const uint64_t operand1 = truncate(cpu.x(E::get<'n'>(i)), datasize);
    uint64_t result;
    if constexpr (opc == 1)
      result = operand1 | operand2;
    else if constexpr (opc == 2)
      result = operand1 ^ operand2;
    else
      result = operand1 & operand2;  // AND, ANDS.
    if constexpr (opc == 3)
      set_nzcv(cpu.state().pstate, bit(result, datasize - 1), result == 0, false, false);
    cpu.set_x(E::get<'d'>(i), result);
  }
};
constexpr auto kLogicalShiftedForms = form_table<LogicalShiftedForm, 16>();

// ADD/ADDS/SUB/SUBS (shifted register) for one form (see shifted_form).
template <unsigned kForm>
struct AddSubShiftedForm {
  static void run(Cpu& cpu, uint32_t i) {
    using E = AddSubShifted;
    constexpr unsigned datasize = kForm & 4 ? 64 : 32;
    constexpr bool sub = kForm & 2, flags = kForm & 1, unshifted = kForm & 8;
    const unsigned shift = E::get<'h'>(i), amount = unshifted ? 0 : E::get<'i'>(i);
    if (shift == 3 || (datasize == 32 && amount >= 32)) return cpu.undefined();
    const uint64_t operand2 = shifted_rm<kForm>(cpu, i, shift, amount);
    const AddResult r =
        add_with_carry(cpu.x(E::get<'n'>(i)), sub ? ~operand2 : operand2, sub, datasize);
    if (flags) set_flags(cpu, r);
    cpu.set_x(E::get<'d'>(i), r.value);
  }
};
constexpr auto kAddSubShiftedForms = form_table<AddSubShiftedForm, 16>();

}  // namespace

Handler logical_shifted_specialized(uint32_t i) { return kLogicalShiftedForms[shifted_form(i)]; }
void logical_shifted(Cpu& cpu, uint32_t i) { kLogicalShiftedForms[shifted_form(i)](cpu, i); }
Handler add_sub_shifted_specialized(uint32_t i) { return kAddSubShiftedForms[shifted_form(i)]; }
void add_sub_shifted(Cpu& cpu, uint32_t i) { kAddSubShiftedForms[shifted_form(i)](cpu, i); }

// Rn == 31 is SP in every form; Rd == 31 is SP unless the form sets flags
// (ADDS/SUBS, whose CMN/CMP aliases write XZR).
void add_sub_extended(Cpu& cpu, uint32_t i) {
  using E = AddSubExtended;
  const unsigned datasize = datasize_of(i);
  const unsigned shift = E::get<'i'>(i);
  if (shift > 4) return cpu.undefined();
  const bool sub = E::get<'o'>(i);
  const uint64_t operand1 = cpu.x_or_sp(E::get<'n'>(i));
  const uint64_t operand2 = extend_reg(cpu.x(E::get<'m'>(i)), E::get<'x'>(i), shift, datasize);
  const AddResult r = add_with_carry(operand1, sub ? ~operand2 : operand2, sub, datasize);
  const unsigned d = E::get<'d'>(i);
  if (E::get<'s'>(i)) {
    set_flags(cpu, r);
    cpu.set_x(d, r.value);
  } else {
    cpu.set_x_or_sp(d, r.value);
  }
}

void add_sub_carry(Cpu& cpu, uint32_t i) {
  using E = AddSubCarry;
  const bool sub = E::get<'o'>(i);
  const uint64_t operand2 = cpu.x(E::get<'m'>(i));
  const AddResult r = add_with_carry(cpu.x(E::get<'n'>(i)), sub ? ~operand2 : operand2,
                                     cpu.state().pstate.c, datasize_of(i));
  if (E::get<'s'>(i)) set_flags(cpu, r);
  cpu.set_x(E::get<'d'>(i), r.value);
}

// ---- Conditional compare and select ----------------------------------------

namespace {

// CCMN/CCMP: if the condition holds the flags are those of Rn + op2 (CCMN) or
// Rn - op2 (CCMP); otherwise they are the #nzcv immediate (N=bit 3 .. V=bit 0).
template <class E>
void cond_compare(Cpu& cpu, uint32_t i, uint64_t operand2) {
  Pstate& p = cpu.state().pstate;
  if (!condition_holds(E::template get<'c'>(i), p)) {
    const unsigned nzcv = E::template get<'v'>(i);
    return set_nzcv(p, bit(nzcv, 3), bit(nzcv, 2), bit(nzcv, 1), bit(nzcv, 0));
  }
  const bool sub = E::template get<'o'>(i);
  const AddResult r = add_with_carry(cpu.x(E::template get<'n'>(i)), sub ? ~operand2 : operand2,
                                     sub, datasize_of(i));
  set_flags(cpu, r);
}

}  // namespace

void cond_compare_reg(Cpu& cpu, uint32_t i) {
  cond_compare<CondCmpReg>(cpu, i, cpu.x(CondCmpReg::get<'m'>(i)));
}

void cond_compare_imm(Cpu& cpu, uint32_t i) {
  cond_compare<CondCmpImm>(cpu, i, CondCmpImm::get<'i'>(i));
}

// CSEL (op=0, o2=0), CSINC (0, 1), CSINV (1, 0), CSNEG (1, 1): the "else" value
// is Rm, inverted if op, then incremented if o2.
void cond_select(Cpu& cpu, uint32_t i) {
  using E = CondSelect;
  const unsigned datasize = datasize_of(i);
  uint64_t result;
  if (condition_holds(E::get<'c'>(i), cpu.state().pstate)) {
    result = cpu.x(E::get<'n'>(i));
  } else {
    result = cpu.x(E::get<'m'>(i));
    if (E::get<'o'>(i)) result = ~result;
    if (E::get<'p'>(i)) result += 1;
  }
  cpu.set_x(E::get<'d'>(i), truncate(result, datasize));
}

// ---- Data-processing (1 source) --------------------------------------------

// opc 00 RBIT, 01 REV16, 10 REV (32-bit) / REV32 (64-bit), 11 REV (64-bit only).
void rev(Cpu& cpu, uint32_t i) {
  using E = Rev;
  const unsigned datasize = datasize_of(i);
  const unsigned opc = E::get<'o'>(i);
  if (opc == 3 && datasize == 32) return cpu.undefined();
  const uint64_t operand = truncate(cpu.x(E::get<'n'>(i)), datasize);
  const uint64_t result =
      opc == 0 ? bit_reverse(operand, datasize) : reverse_bytes_in(operand, 8u << opc, datasize);
  cpu.set_x(E::get<'d'>(i), result);
}

// CLS counts the bits below the sign bit that equal it:
// CountLeadingZeroBits(x<N-1:1> EOR x<N-2:0>) (Arm ARM shared/functions/integer).
void clz_cls(Cpu& cpu, uint32_t i) {
  using E = Clz;
  const unsigned datasize = datasize_of(i);
  const uint64_t operand = truncate(cpu.x(E::get<'n'>(i)), datasize);
  const unsigned result =
      E::get<'o'>(i)
          ? count_leading_zeros((operand >> 1) ^ (operand & ones(datasize - 1)), datasize - 1)
          : count_leading_zeros(operand, datasize);
  cpu.set_x(E::get<'d'>(i), result);
}

// ---- Data-processing (2 source) --------------------------------------------

// UDIV/SDIV round towards zero; dividing by zero gives 0 (no exception), and the
// one overflowing case, INT_MIN / -1, wraps to INT_MIN (Arm ARM C6.2 SDIV).
void divide(Cpu& cpu, uint32_t i) {
  using E = Div;
  const unsigned datasize = datasize_of(i);
  const uint64_t a = truncate(cpu.x(E::get<'n'>(i)), datasize);
  const uint64_t b = truncate(cpu.x(E::get<'m'>(i)), datasize);
  uint64_t result = 0;
  if (b == 0) {
    result = 0;
  } else if (!E::get<'o'>(i)) {
    result = a / b;
  } else {
    const int64_t sa = sign_extend(a, datasize), sb = sign_extend(b, datasize);
    // Only the 64-bit INT64_MIN / -1 overflows int64_t; its truncated result is sa.
    result = static_cast<uint64_t>(sb == -1 ? -static_cast<uint64_t>(sa) : sa / sb);
  }
  cpu.set_x(E::get<'d'>(i), truncate(result, datasize));
}

// LSLV/LSRV/ASRV/RORV: the shift type is op2 (00 LSL .. 11 ROR) and the amount
// is Rm modulo the register size.
void shift_variable(Cpu& cpu, uint32_t i) {
  using E = ShiftVar;
  const unsigned datasize = datasize_of(i);
  const unsigned amount = cpu.x(E::get<'m'>(i)) % datasize;
  cpu.set_x(E::get<'d'>(i), shift_reg(cpu.x(E::get<'n'>(i)), E::get<'h'>(i), amount, datasize));
}

// CRC32* / CRC32C* (Arm ARM C6.2 CRC32B): the polynomials are applied in the
// bit-reflected domain, LSB first, to the accumulator Wn as given (no initial or
// final inversion). Reflected 0x04C11DB7 is 0xEDB88320; reflected 0x1EDC6F41
// (Castagnoli) is 0x82F63B78. The operand size is 8 << sz; sz=11 requires sf=1
// and sz<11 requires sf=0.
void crc32(Cpu& cpu, uint32_t i) {
  using E = Crc32;
  const unsigned sz = E::get<'z'>(i);
  if ((sz == 3) != bit(i, 31)) return cpu.undefined();
  const uint32_t poly = E::get<'c'>(i) ? 0x82F6'3B78u : 0xEDB8'8320u;
  const unsigned size = 8u << sz;
  const uint64_t val = cpu.x(E::get<'m'>(i));
  uint32_t crc = cpu.w(E::get<'n'>(i));
  for (unsigned b = 0; b < size; ++b) {
    const bool lsb = (crc ^ (val >> b)) & 1;
    crc = (crc >> 1) ^ (lsb ? poly : 0);
  }
  cpu.set_w(E::get<'d'>(i), crc);
}

// ---- Data-processing (3 source) --------------------------------------------

// MADD/MSUB: Ra +/- Rn * Rm, truncated to the register size.
void mul_add(Cpu& cpu, uint32_t i) {
  using E = MulAdd;
  const uint64_t product = cpu.x(E::get<'n'>(i)) * cpu.x(E::get<'m'>(i));
  const uint64_t a = cpu.x(E::get<'a'>(i));
  const uint64_t result = E::get<'o'>(i) ? a - product : a + product;
  cpu.set_x(E::get<'d'>(i), truncate(result, datasize_of(i)));
}

// SMADDL/SMSUBL (U=0), UMADDL/UMSUBL (U=1): Xa +/- Wn * Wm, the 32-bit sources
// sign- or zero-extended to 64 bits.
void mul_add_long(Cpu& cpu, uint32_t i) {
  using E = MulAddLong;
  const uint32_t n = cpu.w(E::get<'n'>(i)), m = cpu.w(E::get<'m'>(i));
  const uint64_t product =
      E::get<'u'>(i)
          ? uint64_t{n} * m
          : static_cast<uint64_t>(int64_t{static_cast<int32_t>(n)} * static_cast<int32_t>(m));
  const uint64_t a = cpu.x(E::get<'a'>(i));
  cpu.set_x(E::get<'d'>(i), E::get<'o'>(i) ? a - product : a + product);
}

// SMULH (U=0), UMULH (U=1): bits <127:64> of the 128-bit product of Xn and Xm.
void mul_high(Cpu& cpu, uint32_t i) {
  using E = MulHigh;
  const uint64_t n = cpu.x(E::get<'n'>(i)), m = cpu.x(E::get<'m'>(i));
  uint64_t high;
  if (E::get<'u'>(i)) {
    high = static_cast<uint64_t>((static_cast<unsigned __int128>(n) * m) >> 64);
  } else {
    const __int128 p = static_cast<__int128>(static_cast<int64_t>(n)) * static_cast<int64_t>(m);
    high = static_cast<uint64_t>(static_cast<unsigned __int128>(p) >> 64);
  }
  cpu.set_x(E::get<'d'>(i), high);
}

}  // namespace el2::insn
