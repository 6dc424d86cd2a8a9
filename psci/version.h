// PSCI version codes, major << 16 | minor (facts file C.2 "Version encoding").
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace el2 {

enum class PsciVersion : uint32_t {
  k0_1 = 0x1,
  k0_2 = 0x2,
  k1_0 = 0x10000,
  k1_1 = 0x10001,  // KVM_ARM_PSCI_LATEST in Linux 5.18-6.12 (C.3 "Default version").
  k1_2 = 0x10002,  // Behaves like 1.1 with another number (C.3).
  k1_3 = 0x10003,  // KVM_ARM_PSCI_LATEST from Linux 6.13.
};

inline constexpr PsciVersion kAllPsciVersions[] = {PsciVersion::k0_1, PsciVersion::k0_2,
                                                   PsciVersion::k1_0, PsciVersion::k1_1,
                                                   PsciVersion::k1_2, PsciVersion::k1_3};

inline constexpr uint32_t psci_version_code(PsciVersion v) { return static_cast<uint32_t>(v); }

// The version for a code, if it is one of the six above.
inline constexpr std::optional<PsciVersion> psci_version_from_code(uint64_t code) {
  for (PsciVersion v : kAllPsciVersions)
    if (psci_version_code(v) == code) return v;
  return std::nullopt;
}

// "0.1", "0.2", "1.0", "1.1", "1.2", "1.3".
inline constexpr const char* psci_version_name(PsciVersion v) {
  switch (v) {
    case PsciVersion::k0_1:
      return "0.1";
    case PsciVersion::k0_2:
      return "0.2";
    case PsciVersion::k1_0:
      return "1.0";
    case PsciVersion::k1_1:
      return "1.1";
    case PsciVersion::k1_2:
      return "1.2";
    case PsciVersion::k1_3:
      return "1.3";
  }
  return "?";
}

// Parses a version name ("1.0"); nullopt for anything else.
inline std::optional<PsciVersion> parse_psci_version_name(std::string_view s) {
  for (PsciVersion v : kAllPsciVersions)
    if (s == psci_version_name(v)) return v;
  return std::nullopt;
}

// The minor number of a 1.x version (KVM's kvm_psci_1_x_call(vcpu, minor)).
inline constexpr unsigned psci_minor(PsciVersion v) { return psci_version_code(v) & 0xFFFF; }

}  // namespace el2
