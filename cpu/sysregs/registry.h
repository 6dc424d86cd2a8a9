// The system-register table: every area's rows joined into one index, keyed by
// encoding. This is the single source of truth for MRS/MSR, reset, listings
// (`el2emu sysregs`), and later the GDB register list and snapshots.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "cpu/sysregs/sysreg_def.h"

namespace el2 {

class SysRegTable {
 public:
  static const SysRegTable& instance();

  // The row for an encoding, or nullptr (the access is UNDEFINED).
  const SysRegDef* find(SysRegId id) const {
    const int16_t i = index_[id.key() & 0xFFFF];
    return i < 0 ? nullptr : rows_[i];
  }
  const SysRegDef* find(std::string_view name) const;
  const std::vector<const SysRegDef*>& rows() const { return rows_; }

  // Writes every stored register's reset value.
  void reset(CpuState& s) const;

 private:
  SysRegTable();
  std::vector<const SysRegDef*> rows_;
  std::vector<SysRegDef> reserved_id_rows_;  // The RAZ reserved ID space.
  std::array<int16_t, 1 << 16> index_{};
};

// Whether `def` exists on this model (feature and implemented ELs).
bool sysreg_present(const SysRegDef& def, const CpuModel& m);

}  // namespace el2
