// Load/store exclusive and load-acquire/store-release (Arm ARM C4.1.88
// "Load/store exclusive register", "Load/store exclusive pair", "Load/store
// ordered"). CLREX is in branch_system.cc.
//
// The local exclusive monitor (Arm ARM B2.9.2, cpu.state().monitor): a
// load-exclusive marks {address, size}; a store-exclusive succeeds (writes the
// memory and Ws = 0) only if the monitor is armed and the address matches, else
// writes nothing and Ws = 1. Either way the monitor returns to Open Access (the
// state machine's "StoreExcl" transitions). A store-exclusive of a different
// size than the marked one is CONSTRAINED UNPREDICTABLE as to success; el2emu
// compares the address only.
#include "cpu/insn/load_store.h"
#include "cpu/insn/load_store_util.h"

namespace el2::insn {

using namespace ldst;

namespace {

void arm_monitor(Cpu& cpu, uint64_t addr, unsigned bytes) {
  cpu.arm_exclusive_monitor(addr, bytes);
}

// The store half of STXR/STLXR/STXP/STLXP: 1 << size bytes of `data`. Returns
// false if an exception was taken (Ws is then not written).
//
// Alignment is checked before the monitor (AArch64.ExclusiveMonitorsPass), so
// a misaligned store-exclusive faults even when it would fail.
// CONSTRAINED UNPREDICTABLE: Rs == Rt/Rt2 and Rs == Rn (Rn != SP) are resolved
// as Constraint_NONE: the values and address used are those read before Ws is
// written (the operands are all read before this call), as QEMU/Unicorn do.
bool store_exclusive(Cpu& cpu, uint64_t addr, unsigned size, const U128& data, uint8_t flags,
                     unsigned s) {
  const unsigned bytes = 1u << size;
  if (addr & (bytes - 1)) return cpu.alignment_fault(addr, true);
  ExclusiveMonitor& m = cpu.state().monitor;
  const bool pass = m.armed && m.addr == addr;
  m.armed = false;
  if (pass && !store_wide(cpu, addr, size, data, flags)) return false;
  cpu.set_w(s, pass ? 0 : 1);
  return true;
}

}  // namespace

void ldst_excl(Cpu& cpu, uint32_t i) {
  using E = ExclReg;
  const unsigned size = E::get<'s'>(i), n = E::get<'n'>(i), t = E::get<'t'>(i);
  const bool load = E::get<'L'>(i), ordered = E::get<'a'>(i);
  uint64_t addr;
  if (!read_base(cpu, n, addr)) return;
  if (load) {
    const uint8_t flags = kAccExclusive | (ordered ? kAccAcquire : 0);
    uint64_t v = 0;
    if (!load_uint(cpu, addr, size, v, flags)) return;
    arm_monitor(cpu, addr, 1u << size);
    cpu.set_x(t, v);
  } else {
    const uint8_t flags = kAccExclusive | (ordered ? kAccRelease : 0);
    store_exclusive(cpu, addr, size, U128{cpu.x(t), 0}, flags, E::get<'r'>(i));
  }
}

// Pairs: two 32- or 64-bit registers, one access of the total size that must
// be aligned to that total (Arm ARM LDXP/STXP: "address aligned to 2 * datasize").
void ldst_excl_pair(Cpu& cpu, uint32_t i) {
  using E = ExclPair;
  const unsigned esize = E::get<'s'>(i) ? 3 : 2, n = E::get<'n'>(i);
  const unsigned t = E::get<'t'>(i), t2 = E::get<'m'>(i);
  const bool load = E::get<'L'>(i), ordered = E::get<'a'>(i);
  uint64_t addr;
  if (!read_base(cpu, n, addr)) return;
  if (load) {
    const uint8_t flags = kAccExclusive | (ordered ? kAccAcquire : 0);
    U128 v;
    if (!load_wide(cpu, addr, esize + 1, v, flags)) return;
    arm_monitor(cpu, addr, 2u << esize);
    uint64_t a = 0, b = 0;
    unpack_pair(v, esize, a, b);
    // Rt == Rt2 is CONSTRAINED UNPREDICTABLE: Constraint_UNKNOWN, the register
    // gets the second element (as QEMU/Unicorn).
    cpu.set_x(t, a);
    cpu.set_x(t2, b);
  } else {
    const uint8_t flags = kAccExclusive | (ordered ? kAccRelease : 0);
    store_exclusive(cpu, addr, esize + 1, pack_pair(cpu.x(t), cpu.x(t2), esize), flags,
                    E::get<'r'>(i));
  }
}

// LDAR/STLR: ordinary accesses with acquire/release semantics (sequential in an
// interpreter); they must be aligned. They do not touch the exclusive monitor.
void ldst_ordered(Cpu& cpu, uint32_t i) {
  using E = Ordered;
  const unsigned size = E::get<'s'>(i), t = E::get<'t'>(i);
  uint64_t addr;
  if (!read_base(cpu, E::get<'n'>(i), addr)) return;
  if (E::get<'L'>(i)) {
    uint64_t v = 0;
    if (!load_uint(cpu, addr, size, v, kAccAcquire)) return;
    cpu.set_x(t, v);
  } else {
    store_uint(cpu, addr, size, cpu.x(t), kAccRelease);
  }
}

}  // namespace el2::insn
