// ARMv8.1 LSE atomics (FEAT_LSE; the rows carry Feature::kLse): LD<op>, SWP,
// CAS, CASP (Arm ARM C4.1.88 "Atomic memory operations", "Compare and swap",
// "Compare and swap pair"). ST<op> are the LD<op> aliases with Rt = 31.
//
// An interpreter executes each instruction indivisibly, so the A (acquire) and
// R (release) bits only add their alignment requirement; all LSE accesses must
// be naturally aligned anyway (kAccAtomic). Faults on these read-modify-write
// accesses are reported as writes where el2emu raises them itself (alignment).
#include "cpu/insn/load_store.h"
#include "cpu/insn/load_store_util.h"

namespace el2::insn {

using namespace ldst;

namespace {

uint8_t ordering_flags(bool acquire, bool release) {
  return kAccAtomic | (acquire ? kAccAcquire : 0) | (release ? kAccRelease : 0);
}

// The alignment check every atomic makes before its first access: reported
// with WnR = 1, as for the access's write (AArch64.MemAtomic).
bool check_aligned(Cpu& cpu, uint64_t addr, unsigned bytes) {
  if (addr & (bytes - 1)) return cpu.alignment_fault(addr, true);
  return true;
}

// The result of LD<op> (Arm ARM MemAtomic with MemAtomicOp) on `datasize`-bit
// operands; `old` and `operand` are zero-extended.
uint64_t atomic_result(unsigned op, uint64_t old, uint64_t operand, unsigned datasize) {
  const int64_t sold = sign_extend(old, datasize), sop = sign_extend(operand, datasize);
  switch (op) {
    case 0:
      return (old + operand) & ones(datasize);  // LDADD
    case 1:
      return old & ~operand;  // LDCLR (bit clear)
    case 2:
      return old ^ operand;  // LDEOR
    case 3:
      return old | operand;  // LDSET
    case 4:
      return sold > sop ? old : operand;  // LDSMAX
    case 5:
      return sold < sop ? old : operand;  // LDSMIN
    case 6:
      return old > operand ? old : operand;  // LDUMAX
    default:
      return old < operand ? old : operand;  // LDUMIN
  }
}

}  // namespace

void atomic_op(Cpu& cpu, uint32_t i) {
  using E = AtomicOp;
  const unsigned size = E::get<'s'>(i), datasize = 8u << size;
  uint64_t addr;
  if (!read_base(cpu, E::get<'n'>(i), addr)) return;
  const uint8_t flags = ordering_flags(E::get<'A'>(i), E::get<'R'>(i));
  const uint64_t operand = cpu.x(E::get<'r'>(i)) & ones(datasize);
  if (!check_aligned(cpu, addr, 1u << size)) return;
  uint64_t old = 0;
  if (!load_uint(cpu, addr, size, old, flags)) return;
  if (!store_uint(cpu, addr, size, atomic_result(E::get<'o'>(i), old, operand, datasize), flags))
    return;
  cpu.set_x(E::get<'t'>(i), old);  // Rt = 31 (ST<op>): discarded.
}

void swp(Cpu& cpu, uint32_t i) {
  using E = Swp;
  const unsigned size = E::get<'s'>(i);
  uint64_t addr;
  if (!read_base(cpu, E::get<'n'>(i), addr)) return;
  const uint8_t flags = ordering_flags(E::get<'A'>(i), E::get<'R'>(i));
  const uint64_t value = cpu.x(E::get<'r'>(i));
  if (!check_aligned(cpu, addr, 1u << size)) return;
  uint64_t old = 0;
  if (!load_uint(cpu, addr, size, old, flags)) return;
  if (!store_uint(cpu, addr, size, value, flags)) return;
  cpu.set_x(E::get<'t'>(i), old);
}

// CAS Ws, Wt, [Xn]: if [Xn] == Ws then [Xn] = Wt; Ws = the old value
// (zero-extended). L = acquire, o0 = release. When the comparison fails no
// write is made (the Arm ARM permits either; the old value is unchanged).
void cas(Cpu& cpu, uint32_t i) {
  using E = Cas;
  const unsigned size = E::get<'s'>(i), datasize = 8u << size, s = E::get<'r'>(i);
  uint64_t addr;
  if (!read_base(cpu, E::get<'n'>(i), addr)) return;
  const uint8_t flags = ordering_flags(E::get<'L'>(i), E::get<'a'>(i));
  const uint64_t compare = cpu.x(s) & ones(datasize), value = cpu.x(E::get<'t'>(i));
  if (!check_aligned(cpu, addr, 1u << size)) return;
  uint64_t old = 0;
  if (!load_uint(cpu, addr, size, old, flags)) return;
  if (old == compare && !store_uint(cpu, addr, size, value, flags)) return;
  cpu.set_x(s, old);
}

// CASP Ws, W(s+1), Wt, W(t+1), [Xn]: a pair compare-and-swap of 2 x 32 or
// 2 x 64 bits, aligned to the total size. Rs and Rt must be even (Arm ARM:
// "if Rs<0> == '1' then UNDEFINED; if Rt<0> == '1' then UNDEFINED").
// Little-endian: Rs/Rt hold the lower-addressed half.
void casp(Cpu& cpu, uint32_t i) {
  using E = Casp;
  const unsigned s = E::get<'r'>(i), t = E::get<'t'>(i);
  if ((s & 1) || (t & 1)) return cpu.undefined();
  const unsigned esize = E::get<'s'>(i) ? 3 : 2;
  uint64_t addr;
  if (!read_base(cpu, E::get<'n'>(i), addr)) return;
  const uint8_t flags = ordering_flags(E::get<'L'>(i), E::get<'a'>(i));
  const U128 compare = pack_pair(cpu.x(s), cpu.x(s + 1), esize);
  const U128 value = pack_pair(cpu.x(t), cpu.x(t + 1), esize);
  if (!check_aligned(cpu, addr, 2u << esize)) return;
  U128 old;
  if (!load_wide(cpu, addr, esize + 1, old, flags)) return;
  if (old.lo == compare.lo && old.hi == compare.hi &&
      !store_wide(cpu, addr, esize + 1, value, flags))
    return;
  uint64_t a = 0, b = 0;
  unpack_pair(old, esize, a, b);
  cpu.set_x(s, a);
  cpu.set_x(s + 1, b);
}

}  // namespace el2::insn
