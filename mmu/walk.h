// The stage-1 translation table walk (Arm ARM D8.2 "Translation process" and
// D8.3 "Translation table descriptor formats"; pseudocode AArch64.S1Walk). A
// pure function of the regime controls, the VA and a physical-read callback:
// it reads descriptors and nothing else, so unit tests drive it over tables
// built in a MemoryMap and the TLB caches its result.
#pragma once

#include <cstdint>

#include "mmu/fault.h"
#include "mmu/regime.h"

namespace el2::mmu {

enum class Access : uint8_t { kRead, kWrite, kFetch };

// Reads one 64-bit descriptor (little-endian) at a physical address; false
// when nothing answers there (an external abort on the walk).
class DescriptorReader {
 public:
  virtual bool read64(uint64_t pa, uint64_t& out) const = 0;

 protected:
  ~DescriptorReader() = default;
};

// A leaf translation: a page or block, with the hierarchical controls of the
// table descriptors above it already folded in. This is what the TLB holds.
struct Translation {
  uint64_t va_base = 0;   // Canonical VA of the first byte of the page or block.
  uint64_t pa_base = 0;
  uint8_t page_shift = 12;
  uint8_t level = 3;
  bool ap2 = false;       // AP[2] | APTable[1]: read-only.
  bool ap1 = false;       // AP[1] & !APTable[0]: EL0 accessible (two-range regimes).
  bool uxn = false;       // UXN | UXNTable (XN | XNTable for EL2/EL3).
  bool pxn = false;       // PXN | PXNTable.
  bool ng = false;        // Not global: tagged with the ASID.
  uint8_t attr_index = 0;
  uint8_t attr = 0;       // MAIR_ELx.Attr<attr_index>.
  uint8_t sh = 0;         // SH[1:0].

  uint64_t size() const { return 1ull << page_shift; }
  // Device memory: MAIR attribute 0b0000dd00 (D17.2.97 "MAIR_EL1").
  bool device() const { return (attr & 0xF0) == 0; }
  uint64_t pa_of(uint64_t canonical_va) const { return pa_base + (canonical_va - va_base); }
};

struct WalkResult {
  Fault fault;
  Translation t;
  bool ok() const { return !fault.is_fault(); }
};

// Walks the tables for `va` (stage 1 must be enabled in `rc`). Faults:
// translation (VA out of range, EPDn, bad TxSZ, invalid or reserved
// descriptor), address size (TTBR, table or output address beyond the
// effective PA size), access flag, external abort on a descriptor read.
// Permissions are not checked here: see permissions().
WalkResult walk(const RegimeControls& rc, uint64_t va, Access acc, const DescriptorReader& mem);

// A table the walk reads its leaf from, with what the table descriptors above
// it contributed: what a walk cache holds (real cores cache these entries; the
// architecture allows it, and any TLBI may remove them, D8.13.1).
struct LeafTable {
  uint8_t level = 0;  // The level the table is read at.
  uint64_t table = 0;  // Its physical address.
  bool ap_table_ro = false, ap_table_no_el0 = false, xn_table = false, pxn_table = false;
};

// The same walk, resumed at `from` (a leaf table an earlier walk of a VA under
// it reported) instead of TTBR, when `from` is given. On success writes the
// leaf table it used to `leaf` when given.
WalkResult walk_from(const RegimeControls& rc, uint64_t va, Access acc,
                     const DescriptorReader& mem, const LeafTable* from, LeafTable* leaf);

struct Permissions {
  bool read = false, write = false, exec = false;
  bool allows(Access a) const { return a == Access::kRead ? read : a == Access::kWrite ? write : exec; }
};

// Access permissions of a translation (D8.4 "Memory access control"):
// AP[2:1] with APTable, UXN/PXN (XN at EL2/EL3) with XNTable/PXNTable,
// privileged execute-never for EL0-writable memory, SCTLR_ELx.WXN, and
// PSTATE.PAN for privileged data accesses to EL0-accessible memory. `el0` is
// an access checked as EL0 (at EL0, or LDTR/STTR/AT S1E0*).
Permissions permissions(const RegimeControls& rc, const Translation& t, bool el0, bool pan);

}  // namespace el2::mmu
