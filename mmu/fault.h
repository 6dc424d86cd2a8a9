// A stage-1 translation fault as a record (Arm ARM D8.15 "Translation faults"
// and the pseudocode FaultRecord): the walker returns it, the exception layer
// turns it into ESR_ELx.{DFSC/IFSC, WnR, S1PTW} and FAR_ELx, and AT into PAR_EL1.
#pragma once

#include <cstdint>

namespace el2::mmu {

enum class FaultType : uint8_t {
  kNone,
  kAddressSize,   // Output (or TTBR) address beyond the effective PA size.
  kTranslation,   // Invalid descriptor, VA out of range, EPDn set, bad TxSZ.
  kAccessFlag,    // AF == 0 (no hardware AF update: no model has FEAT_HAFDBS).
  kPermission,
  kAlignment,     // SCTLR.A, Device memory, or an access that must be aligned.
  kWalkExternal,  // A descriptor read hit nothing: external abort on the walk.
  kExternal,      // The access itself hit nothing: synchronous external abort.
};

struct Fault {
  FaultType type = FaultType::kNone;
  uint8_t level = 0;    // Lookup level, for the level-encoded status codes.
  bool s1ptw = false;   // Stage-2 fault on a stage-1 walk (never: no stage 2).
  bool write = false;   // WnR.
  bool fetch = false;   // Instruction fetch (an instruction abort).

  bool is_fault() const { return type != FaultType::kNone; }

  // The fault status code (DFSC/IFSC and PAR_EL1.FST), Arm ARM D17.2.37
  // "ESR_EL1": 0b0000LL address size, 0b0001LL translation, 0b0010LL access
  // flag, 0b0011LL permission, 0b0101LL external abort on a walk, 0b100001
  // alignment.
  uint8_t fsc() const {
    const uint8_t l = level & 3;
    switch (type) {
      case FaultType::kNone: return 0;
      case FaultType::kAddressSize: return 0x00 | l;
      case FaultType::kTranslation: return 0x04 | l;
      case FaultType::kAccessFlag: return 0x08 | l;
      case FaultType::kPermission: return 0x0C | l;
      case FaultType::kWalkExternal: return 0x14 | l;
      case FaultType::kAlignment: return 0x21;
      case FaultType::kExternal: return 0x10;
    }
    return 0;
  }
};

}  // namespace el2::mmu
