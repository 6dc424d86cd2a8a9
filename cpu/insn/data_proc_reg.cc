#include "cpu/insn/data_proc_reg.h"

#include "cpu/cpu.h"
#include "cpu/insn/common.h"

namespace el2::insn {

void logical_shifted(Cpu& cpu, uint32_t i) {
  using E = LogicalShifted;
  const unsigned datasize = E::get<'f'>(i) ? 64 : 32;
  const unsigned amount = E::get<'i'>(i);
  if (datasize == 32 && amount >= 32) return cpu.undefined();
  uint64_t operand2 = shift_reg(cpu.x(E::get<'m'>(i)), E::get<'h'>(i), amount, datasize);
  if (E::get<'N'>(i)) operand2 = truncate(~operand2, datasize);
  const uint64_t operand1 = truncate(cpu.x(E::get<'n'>(i)), datasize);
  uint64_t result;
  switch (E::get<'o'>(i)) {
    case 0: case 3: result = operand1 & operand2; break;
    case 1: result = operand1 | operand2; break;
    default: result = operand1 ^ operand2; break;
  }
  if (E::get<'o'>(i) == 3)
    set_nzcv(cpu.state().pstate, bit(result, datasize - 1), result == 0, false, false);
  cpu.set_x(E::get<'d'>(i), result);
}

void add_sub_shifted(Cpu& cpu, uint32_t i) {
  using E = AddSubShifted;
  const unsigned datasize = E::get<'f'>(i) ? 64 : 32;
  const unsigned shift = E::get<'h'>(i), amount = E::get<'i'>(i);
  if (shift == 3 || (datasize == 32 && amount >= 32)) return cpu.undefined();
  const bool sub = E::get<'o'>(i);
  const uint64_t operand2 = shift_reg(cpu.x(E::get<'m'>(i)), shift, amount, datasize);
  const AddResult r =
      add_with_carry(cpu.x(E::get<'n'>(i)), sub ? ~operand2 : operand2, sub, datasize);
  if (E::get<'s'>(i)) set_nzcv(cpu.state().pstate, r.n, r.z, r.c, r.v);
  cpu.set_x(E::get<'d'>(i), r.value);
}

}  // namespace el2::insn
