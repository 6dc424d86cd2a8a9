// CPU and system power calls with KVM's semantics (facts file C.3, C.5).
#include "cpu/cpu.h"
#include "psci/config.h"
#include "psci/firmware.h"
#include "psci/handlers.h"
#include "psci/ids.h"
#include "psci/psci_host.h"

namespace el2::psci {

namespace {

// The core whose MPIDR affinity equals `target` (kvm_mpidr_to_vcpu: compares
// under MPIDR_HWID_BITMASK, so MPIDR bit 31 and the MT/U bits do not matter).
bool find_core(const PsciHost& host, uint64_t target, unsigned& core) {
  for (unsigned i = 0; i < host.core_count(); ++i) {
    if ((host.core_mpidr(i) & kMpidrHwidMask) == target) {
      core = i;
      return true;
    }
  }
  return false;
}

// psci_affinity_mask(): the HW-ID mask with the affinity fields below `level`
// cleared; 0 for levels above 3 (C.5 AFFINITY_INFO).
uint64_t affinity_mask(uint64_t level) {
  if (level > 3) return 0;
  return kMpidrHwidMask & ~((uint64_t{1} << (level * 8)) - 1);
}

}  // namespace

void psci_version(const PsciCall& c) { c.ret(psci_version_code(c.version)); }

// Treated as WFI; the power state, entry point and context are ignored (C.3).
void cpu_suspend(const PsciCall& c) {
  c.ret(kSuccess);
  c.host.core_standby(c.core);
}

// x0 = 0, never seen by the guest: a later CPU_ON resets the core (C.3).
void cpu_off(const PsciCall& c) {
  c.ret(kSuccess);
  c.host.core_off(c.core);
}

// C.5 CPU_ON(target = x1, entry = x2, context = x3). KVM never returns
// ON_PENDING or INVALID_ADDRESS: the target is on (pending) at once, so a
// second CPU_ON racing the first sees ALREADY_ON.
void cpu_on(const PsciCall& c) {
  const uint64_t target = c.arg(1);
  if (target & ~kMpidrHwidMask) return c.ret(kInvalidParams);
  unsigned t = 0;
  if (!find_core(c.host, target, t)) return c.ret(kInvalidParams);
  if (t == c.core || c.host.core_power(t) != PowerState::kOff)
    return c.ret(c.version == PsciVersion::k0_1 ? kInvalidParams : kAlreadyOn);
  c.host.core_on(t, c.arg(2), c.arg(3), c.cpu.state().pstate.el);
  c.ret(kSuccess);
}

// C.5 AFFINITY_INFO(target = x1, lowest_level = x2).
void affinity_info(const PsciCall& c) {
  uint64_t target = c.arg(1);
  if (target & ~kMpidrHwidMask) return c.ret(kInvalidParams);
  const uint64_t mask = affinity_mask(c.arg(2));
  if (!mask) return c.ret(kInvalidParams);
  target &= mask;
  bool matched = false;
  for (unsigned i = 0; i < c.host.core_count(); ++i) {
    if ((c.host.core_mpidr(i) & mask) != target) continue;
    matched = true;
    if (c.host.core_power(i) != PowerState::kOff) return c.ret(kAffinityOn);
  }
  c.ret(matched ? kAffinityOff : kInvalidParams);
}

void migrate_info_type(const PsciCall& c) { c.ret(kTosMp); }

// C.5: x0 is preloaded with INTERNAL_FAILURE in case the run is resumed.
void system_off(const PsciCall& c) {
  c.ret(kInternalFailure);
  c.host.system_event(SystemEvent::kOff, 0);
}

void system_reset(const PsciCall& c) {
  c.ret(kInternalFailure);
  c.host.system_event(SystemEvent::kReset, 0);
}

// C.5 SYSTEM_RESET2(type = x1, cookie = x2). KVM reads the type into a u32, so
// only bits 31:0 count even for the 64-bit ID. On success only x0 is written.
void system_reset2(const PsciCall& c) {
  const uint32_t type = static_cast<uint32_t>(c.arg(1));
  if (type != kResetTypeWarm && type < kResetTypeVendorStart) return c.ret(kInvalidParams);
  c.ret_x0_only(kInternalFailure);
  c.host.system_event(SystemEvent::kReset, type);
}

// C.5 SYSTEM_OFF2(type = x1, cookie = x2): type 0 or HIBERNATE_OFF (as a u32),
// cookie 0. On success x0 = -6 and x1..x3 = 0.
void system_off2(const PsciCall& c) {
  const uint32_t type = static_cast<uint32_t>(c.arg(1));
  if ((type != 0 && type != kOffTypeHibernateOff) || c.arg(2) != 0) return c.ret(kInvalidParams);
  c.ret(kInternalFailure);
  c.host.system_event(SystemEvent::kOff, type);
}

// C.3/C.5 SYSTEM_SUSPEND: NOT_SUPPORTED (x1..x3 = 0) unless enabled. Enabled,
// KVM exits to the VMM with the registers untouched; el2emu plays the VMM: it
// denies the call (x0 = DENIED) while another core is on, as PSCI requires,
// and otherwise treats it as standby and returns SUCCESS in x0 only
// (docs/PSCI.md "Deviations").
void system_suspend(const PsciCall& c) {
  if (!c.fw.config().system_suspend) return c.ret(kNotSupported);
  for (unsigned i = 0; i < c.host.core_count(); ++i)
    if (i != c.core && c.host.core_power(i) != PowerState::kOff) return c.ret_x0_only(kDenied);
  c.ret_x0_only(kSuccess);
  c.host.core_standby(c.core);
}

}  // namespace el2::psci
