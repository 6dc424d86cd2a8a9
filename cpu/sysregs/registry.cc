#include "cpu/sysregs/registry.h"

#include <cstdio>
#include <cstdlib>

#include "cpu/sysregs/rules.h"

namespace el2 {

bool sysreg_present(const SysRegDef& def, const CpuModel& m) {
  if (!has_feature(m, def.feature)) return false;
  if (def.needs_el == 2 && !m.has_el2) return false;
  if (def.needs_el == 3 && !m.has_el3) return false;
  return true;
}

const SysRegTable& SysRegTable::instance() {
  static const SysRegTable table;
  return table;
}

SysRegTable::SysRegTable() {
  index_.fill(-1);
  auto add = [&](const SysRegDef& def) {
    const uint32_t key = def.id.key();
    if (index_[key] >= 0) {
      // Two rows for one encoding is a bug in the tables; fail loudly at start-up.
      std::fprintf(stderr, "el2emu: internal error: system registers %s and %s share an encoding\n",
                   def.name, rows_[index_[key]]->name);
      std::abort();
    }
    index_[key] = static_cast<int16_t>(rows_.size());
    rows_.push_back(&def);
  };
  for (auto area : {pstate_sysregs(), el1_sysregs(), el2_sysregs(), el3_sysregs(), id_sysregs(),
                    timer_sysregs(), debug_pmu_sysregs(), gic_sysregs()})
    for (const SysRegDef& def : area) add(def);

  // The ID register space op0=3, op1=0, CRn=0, CRm=1..7 is reserved and reads
  // as zero where no register is allocated (Arm ARM D17.1.3, "Reserved
  // encodings in the ID register space"); everything else unknown is UNDEFINED.
  reserved_id_rows_.reserve(7 * 8);
  for (unsigned crm = 1; crm <= 7; ++crm)
    for (unsigned op2 = 0; op2 < 8; ++op2) {
      const SysRegId id{3, 0, 0, crm, op2};
      if (index_[id.key()] >= 0) continue;
      reserved_id_rows_.push_back(SysRegDef{.name = "(reserved ID, RAZ)", .id = id, .rw = kRead,
                                            .read = [](const Cpu&) -> uint64_t { return 0; },
                                            .access = rules::id_group3});
    }
  for (const SysRegDef& def : reserved_id_rows_) add(def);
}

const SysRegDef* SysRegTable::find(std::string_view name) const {
  for (const SysRegDef* def : rows_)
    if (name == def->name) return def;
  return nullptr;
}

void SysRegTable::reset(CpuState& s) const {
  for (const SysRegDef* def : rows_)
    if (def->field) *def->field(s) = def->reset;
}

}  // namespace el2
