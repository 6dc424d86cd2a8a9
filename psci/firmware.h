// The built-in PSCI/SMCCC firmware with KVM's semantics (facts file
// ../shared/spec/STUB_AND_PSCI_FACTS.md, Part C). The machine calls handle()
// from HostServices::firmware_call; the firmware acts on the machine only
// through PsciHost, so this library does not depend on Machine.
#pragma once

#include <cstdint>
#include <vector>

#include "psci/config.h"
#include "psci/psci_host.h"
#include "psci/trace.h"
#include "psci/version.h"

namespace el2 {

class Cpu;

// The three VM-wide feature bitmaps (KVM_REG_ARM_*_BMAP, C.7).
enum class PsciBitmap : uint8_t { kStd, kStdHyp, kVendorHyp };

class PsciFirmware {
 public:
  explicit PsciFirmware(PsciConfig config = {});

  // Answers an HVC/SMC from `caller` (core number `caller_core`). Returns false,
  // touching nothing, when the call is not on the configured conduit (the
  // instruction then stays UNDEFINED). Otherwise the results are in the
  // caller's x0..x3 and the core continues after the instruction (C.4):
  //  * SMC with a non-zero immediate: x0 = -1, nothing else (KVM 6.4+);
  //  * HVC: the immediate is ignored; w0 = ARCH_WORKAROUND_1/2/3 takes KVM's
  //    EL2 fast path (x0 = 0, x1 = 0);
  //  * everything else goes through the function table (function_table.h).
  bool handle(Cpu& caller, unsigned caller_core, PsciHost& host, bool is_smc, uint16_t imm);

  void add_observer(PsciObserver* observer) { observers_.push_back(observer); }
  void remove_observer(PsciObserver* observer);

  const PsciConfig& config() const { return config_; }

  // ---- VM state (fw_regs.h enforces KVM's rules for changing it) -------------
  bool core_has_psci_0_2(unsigned core) const;
  // The VM's version: the chosen one, or KVM_ARM_PSCI_LATEST (C.7).
  PsciVersion vm_version() const;
  // What a core sees (KVM's kvm_psci_version()): 0.1 without PSCI_0_2,
  // otherwise the VM's version.
  PsciVersion version_for(unsigned core) const;
  void set_vm_version(PsciVersion v) { config_.version = v; }

  uint64_t bitmap(PsciBitmap which) const;
  void set_bitmap(PsciBitmap which, uint64_t value);

  // KVM_ARCH_FLAG_HAS_RAN_ONCE: set when any core of the VM has run. The
  // machine calls mark_ran() when it starts running; handle() also sets it.
  bool has_run() const { return has_run_; }
  void mark_ran() { has_run_ = true; }

 private:
  PsciConfig config_;
  bool has_run_ = false;
  std::vector<PsciObserver*> observers_;
};

}  // namespace el2
