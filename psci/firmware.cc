// The firmware's entry point: conduit, immediates and the workaround fast path
// (facts file C.4), then the function table.
#include "psci/firmware.h"

#include <algorithm>
#include <utility>

#include "cpu/cpu.h"
#include "psci/function_table.h"
#include "psci/ids.h"

namespace el2 {

PsciFirmware::PsciFirmware(PsciConfig config) : config_(std::move(config)) {
  if (config_.version && *config_.version > config_.latest) config_.latest = *config_.version;
}

void PsciFirmware::remove_observer(PsciObserver* observer) {
  observers_.erase(std::remove(observers_.begin(), observers_.end(), observer), observers_.end());
}

bool PsciFirmware::core_has_psci_0_2(unsigned core) const {
  return core >= config_.psci_0_2.size() || config_.psci_0_2[core];
}

PsciVersion PsciFirmware::vm_version() const { return config_.version.value_or(config_.latest); }

// kvm_psci_version(): a VM-wide version chosen as 0.1 (only possible through a
// core without PSCI_0_2) applies to every core.
PsciVersion PsciFirmware::version_for(unsigned core) const {
  return core_has_psci_0_2(core) ? vm_version() : PsciVersion::k0_1;
}

uint64_t PsciFirmware::bitmap(PsciBitmap which) const {
  switch (which) {
    case PsciBitmap::kStd:
      return config_.std_bmap;
    case PsciBitmap::kStdHyp:
      return config_.std_hyp_bmap;
    case PsciBitmap::kVendorHyp:
      return config_.vendor_hyp_bmap;
  }
  return 0;
}

void PsciFirmware::set_bitmap(PsciBitmap which, uint64_t value) {
  switch (which) {
    case PsciBitmap::kStd:
      config_.std_bmap = value;
      break;
    case PsciBitmap::kStdHyp:
      config_.std_hyp_bmap = value;
      break;
    case PsciBitmap::kVendorHyp:
      config_.vendor_hyp_bmap = value;
      break;
  }
}

bool PsciFirmware::handle(Cpu& caller, unsigned caller_core, PsciHost& host, bool is_smc,
                          uint16_t imm) {
  if (is_smc != (config_.conduit == PsciConduit::kSmc)) return false;
  has_run_ = true;

  PsciCallEvent ev;
  ev.core = caller_core;
  ev.function_id = static_cast<uint32_t>(caller.x(0));  // C.1: the low 32 bits of x0.
  ev.name = psci_function_name(ev.function_id);
  ev.is_smc = is_smc;
  ev.imm = imm;
  for (unsigned n = 0; n < 3; ++n) ev.args[n] = caller.x(n + 1);

  const uint32_t id = ev.function_id;
  if (is_smc && imm != 0) {
    // C.4 step 3: SMCs with a non-zero immediate are reserved; only x0 is set.
    caller.set_x(0, static_cast<uint64_t>(psci::kNotSupported));
  } else if (!is_smc && (id == psci::kArchWorkaround1 || id == psci::kArchWorkaround2 ||
                         id == psci::kArchWorkaround3)) {
    // C.4 step 2: the EL2 fast path, whatever ARCH_FEATURES says.
    caller.set_x(0, 0);
    caller.set_x(1, 0);
  } else {
    const PsciCall call{caller, caller_core, host, *this, version_for(caller_core)};
    dispatch_psci_call(call, id);
  }

  for (unsigned n = 0; n < 4; ++n) ev.result[n] = caller.x(n);
  for (PsciObserver* o : observers_) o->on_psci_call(ev);
  return true;
}

}  // namespace el2
