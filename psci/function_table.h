// The PSCI/SMCCC function table as data: for every function ID KVM knows, the
// versions in which it exists, the feature bitmap that gates it, whether its
// 32-bit arguments are narrowed, and its handler (facts file C.3, C.4, C.6).
#pragma once

#include <cstdint>
#include <span>

#include "psci/version.h"

namespace el2 {

class Cpu;
class PsciFirmware;
class PsciHost;

// What a handler works with. The result helpers write the caller's registers;
// negative results are sign-extended to 64 bits (C.2).
struct PsciCall {
  Cpu& cpu;
  unsigned core;
  PsciHost& host;
  const PsciFirmware& fw;
  PsciVersion version;  // The caller's PSCI version (PsciFirmware::version_for).

  uint64_t arg(unsigned n) const;
  // x0 = r, x1 = x2 = x3 = 0 (what KVM's smccc_set_retval(r, 0, 0, 0) does).
  void ret(int64_t r) const;
  void ret4(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3) const;
  // x0 = r only (SYSTEM_RESET2 success, SYSTEM_SUSPEND: C.4 step 5).
  void ret_x0_only(int64_t r) const;
};

using PsciHandler = void (*)(const PsciCall&);

// The feature bitmap bit that must be set for the call to be allowed (C.4 step
// 4, C.7); a cleared bit makes the call answer -1 with x1..x3 = 0.
enum class PsciGate : uint8_t {
  kNone,
  kStdTrng,         // KVM_REG_ARM_STD_BMAP bit 0.
  kStdHypPvTime,    // KVM_REG_ARM_STD_HYP_BMAP bit 0.
  kVendorFuncFeat,  // KVM_REG_ARM_VENDOR_HYP_BMAP bit 0.
  kVendorPtp,       // KVM_REG_ARM_VENDOR_HYP_BMAP bit 1.
};

struct PsciFunction {
  uint32_t id;
  const char* name;
  // The call exists for callers whose version is in [min, max]; outside it, or
  // with handler == nullptr, the answer is NOT_SUPPORTED with x1..x3 = 0.
  PsciVersion min;
  PsciVersion max;
  PsciGate gate;
  // A 32-bit ID whose handler first zeroes bits 63:32 of x1..x3 in place
  // (kvm_psci_narrow_to_32bit; C.5 "32-bit handling").
  bool narrow32;
  PsciHandler handler;
  // Why a known ID answers -1, or what the handler does (for docs/PSCI.md).
  const char* note;
};

std::span<const PsciFunction> psci_function_table();

// The table row for the low 32 bits of x0, or nullptr for an unknown ID.
const PsciFunction* find_psci_function(uint32_t id);

// Whether `f` is served (not NOT_SUPPORTED by the version/bitmap gate) for a
// caller with `version` in `fw`'s VM.
bool psci_function_enabled(const PsciFunction& f, PsciVersion version, const PsciFirmware& fw);

// Runs the table for one call: the gate, the 32-bit narrowing, the handler.
// Unknown or disabled IDs answer -1 with x1..x3 = 0 (C.4 step 4).
void dispatch_psci_call(const PsciCall& call, uint32_t id);

}  // namespace el2
