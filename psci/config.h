// How the built-in firmware is set up: the KVM it models and the VM's choices.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "psci/version.h"

namespace el2 {

enum class PsciConduit : uint8_t { kHvc, kSmc };

// The host's state for one speculation issue, as KVM sees it
// (arm64_get_spectre_v2/v4/bhb_state; facts file C.6).
enum class HostMitigation : uint8_t { kVulnerable, kMitigated, kUnaffected };

// The KVM_REG_ARM_*_BMAP defaults and supported masks (C.7).
inline constexpr uint64_t kStdBmapMask = 0x1;        // TRNG v1.0.
inline constexpr uint64_t kStdHypBmapMask = 0x1;     // PV_TIME.
inline constexpr uint64_t kVendorHypBmapMask = 0x3;  // FUNC_FEAT, PTP.

struct PsciConfig {
  // KVM_ARM_PSCI_LATEST of the KVM being modelled: 1.1 for Linux 5.18-6.12
  // (the default), 1.3 for 6.13+ (C.3 "Default version"). It is the version
  // used while the VM has not chosen one, and the highest one SET_ONE_REG of
  // KVM_REG_ARM_PSCI_VERSION accepts (C.7).
  PsciVersion latest = PsciVersion::k1_1;
  // The VM's chosen version (kvm->arch.psci_version); nullopt = `latest`.
  // If it is above `latest`, `latest` is raised to it.
  std::optional<PsciVersion> version;
  PsciConduit conduit = PsciConduit::kHvc;
  // KVM_ARM_VCPU_PSCI_0_2 per core; cores past the end of the vector have it.
  // A core without it only has PSCI 0.1 (C.3).
  std::vector<bool> psci_0_2;
  // KVM_CAP_ARM_SYSTEM_SUSPEND enabled by the VMM (C.3).
  bool system_suspend = false;
  // The modelled host. el2emu models no speculation at all, so it reports an
  // unaffected host: WA1 -> 1, WA2 -> -2, WA3 -> 1 (C.6).
  HostMitigation spectre_v2 = HostMitigation::kUnaffected;   // WA1.
  HostMitigation spectre_v4 = HostMitigation::kUnaffected;   // WA2.
  HostMitigation spectre_bhb = HostMitigation::kUnaffected;  // WA3.
  bool host_ssbs = false;  // Mitigated v4 with SSBS visible to guests (C.6).
  // Initial KVM_REG_ARM_{STD,STD_HYP,VENDOR_HYP}_BMAP values (C.7 defaults).
  uint64_t std_bmap = kStdBmapMask;
  uint64_t std_hyp_bmap = kStdHypBmapMask;
  uint64_t vendor_hyp_bmap = kVendorHypBmapMask;
};

}  // namespace el2
