#include "cpu/sysregs/sys_insn.h"

#include "cpu/cpu.h"
#include "cpu/insn/branch_system.h"
#include "cpu/insn/fp_access.h"
#include "cpu/sysregs/registry.h"
#include "cpu/sysregs/sys_ops.h"

namespace el2 {

namespace {

constexpr uint64_t kSctlrUma = 1ull << 9;

// Performs the outcome of an access check that did not allow the access.
void deny(Cpu& cpu, SysAccess result, SysRegId id, unsigned rt, bool is_read) {
  if (result == SysAccess::kUndefined) return cpu.undefined();
  const unsigned target = result == SysAccess::kTrapEl3 ? 3 : result == SysAccess::kTrapEl2 ? 2 : 0;
  cpu.raise_sync(syn::sysreg_trap(id.op0, id.op1, id.crn, id.crm, id.op2, rt, is_read), target);
}

// The generic checks of Arm ARM D17.1 ("access permissions") after the
// register's presence on this model (row_of): it must be accessible from the
// current EL and in this direction; then the register's own trap rules apply.
SysAccess check(const Cpu& cpu, const SysRegDef* def, bool is_read) {
  if (!def) return SysAccess::kUndefined;
  if (cpu.state().pstate.el < def->min_el) return SysAccess::kUndefined;
  if (!(def->rw & (is_read ? kRead : kWrite))) return SysAccess::kUndefined;
  return def->access ? def->access(cpu, is_read) : SysAccess::kOk;
}

// FPCR/FPSR: the SIMD&FP enable checks; false after taking the EC 0x07 trap.
bool fp_enabled_for(Cpu& cpu, const SysRegDef* def) {
  return !def || !def->fp || fp_access_enabled(cpu);
}

SysRegId id_of(uint32_t i) {
  using E = insn::MsrMrs;
  return {2 + E::get<'P'>(i), E::get<'o'>(i), E::get<'n'>(i), E::get<'m'>(i), E::get<'p'>(i)};
}

// The row an MRS/MSR word accesses if the register exists on this model,
// else nullptr. Delay loops read the counter in a tight loop: the memo saves
// them the field extraction, the table and the presence check.
const SysRegDef* row_of(Cpu& cpu, uint32_t i) {
  const uint32_t key = i & ~uint32_t{0x1F};  // Without Rt.
  Cpu::SysRegRowMemo& m = cpu.sysreg_rows()[((key >> 5) ^ (key >> 8) ^ (key >> 12)) & 7];
  if (m.key != key) [[unlikely]] {
    const SysRegDef* def = SysRegTable::instance().find(id_of(i));
    m = {key, def && sysreg_present(*def, cpu.model()) ? def : nullptr};
  }
  return m.def;
}

}  // namespace

void execute_mrs(Cpu& cpu, uint32_t i) {
  const SysRegDef* def = row_of(cpu, i);
  const unsigned rt = insn::MsrMrs::get<'t'>(i);
  if (!fp_enabled_for(cpu, def)) return;
  if (const SysAccess r = check(cpu, def, true); r != SysAccess::kOk)
    return deny(cpu, r, id_of(i), rt, true);
  cpu.set_x(rt, def->read ? def->read(cpu) : *def->field(cpu.state()));
}

void execute_msr(Cpu& cpu, uint32_t i) {
  const SysRegDef* def = row_of(cpu, i);
  const unsigned rt = insn::MsrMrs::get<'t'>(i);
  if (!fp_enabled_for(cpu, def)) return;
  if (const SysAccess r = check(cpu, def, false); r != SysAccess::kOk)
    return deny(cpu, r, id_of(i), rt, false);
  uint64_t value = cpu.x(rt);
  const uint64_t old = def->field ? *def->field(cpu.state()) : 0;
  if (def->field) value = (old & ~def->writable) | (value & def->writable);
  if (def->write)
    def->write(cpu, value);
  else
    *def->field(cpu.state()) = value;
  if (SystemObserver* o = cpu.system_observer()) [[unlikely]]
    o->on_sysreg_write(cpu, def->name, old, def->field ? *def->field(cpu.state()) : value);
}

// MSR (immediate): PSTATE fields (Arm ARM C6.2.x "MSR (immediate)").
void execute_msr_imm(Cpu& cpu, unsigned op1, unsigned crm, unsigned op2) {
  CpuState& s = cpu.state();
  Pstate& p = s.pstate;
  const unsigned field = (op1 << 3) | op2;
  switch (field) {
    case (0 << 3) | 5:  // SPSel
      if (p.el == 0) return cpu.undefined();
      p.sp = crm & 1;
      return;
    case (3 << 3) | 6:  // DAIFSet
    case (3 << 3) | 7:  // DAIFClr
      if (p.el == 0 && !(s.sys.sctlr[1] & kSctlrUma))
        return cpu.raise_sync(syn::sysreg_trap(0, op1, 4, crm, op2, 31, false));
      {
        const bool set = op2 == 6;
        if (crm & 8) p.d = set;
        if (crm & 4) p.a = set;
        if (crm & 2) p.i = set;
        if (crm & 1) p.f = set;
      }
      return;
    case (0 << 3) | 4:  // PAN
      if (!cpu.model().pan || p.el == 0) return cpu.undefined();
      p.pan = crm & 1;
      return;
    case (0 << 3) | 3:  // UAO
      if (!cpu.model().vhe || p.el == 0) return cpu.undefined();
      p.uao = crm & 1;
      return;
    default:
      return cpu.undefined();
  }
}

void execute_sys(Cpu& cpu, bool is_sysl, unsigned op1, unsigned crn, unsigned crm, unsigned op2,
                 unsigned rt) {
  const SysRegId id{1, op1, crn, crm, op2};
  const SysOpDef* op = is_sysl ? nullptr : find_sys_op(id);
  if (!op) return cpu.undefined();  // No SYSL encodings are allocated in ARMv8.0-8.2.
  const SysAccess r = check_sys_op(cpu, *op);
  if (r != SysAccess::kOk) return deny(cpu, r, id, rt, false);
  op->run(cpu, cpu.x(rt));
  if (SystemObserver* o = cpu.system_observer()) [[unlikely]]
    o->on_sys_op(cpu, op->name, cpu.x(rt));
}

}  // namespace el2
