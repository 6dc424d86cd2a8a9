// KVM's firmware pseudo-registers through a GET/SET_ONE_REG-like API with KVM's
// index encoding and rules (facts file C.7). The values live in PsciFirmware
// and are VM-wide; `core` only matters for KVM_REG_ARM_PSCI_VERSION, whose
// rules depend on that core's PSCI_0_2 feature.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace el2 {

class PsciFirmware;

namespace fwreg {

// KVM_REG_ARM64 | KVM_REG_SIZE_U64 | coproc << 16 | index (C.7).
inline constexpr uint64_t kRegArm64 = 0x6000'0000'0000'0000;
inline constexpr uint64_t kRegSizeU64 = 0x0030'0000'0000'0000;
inline constexpr uint64_t kRegSizeMask = 0x00F0'0000'0000'0000;
inline constexpr uint64_t kCoprocFw = 0x0014ull << 16;
inline constexpr uint64_t kCoprocFwFeatBmap = 0x0016ull << 16;

inline constexpr uint64_t kPsciVersion =
    kRegArm64 | kRegSizeU64 | kCoprocFw | 0;  // 0x6030000000140000
inline constexpr uint64_t kWorkaround1 = kRegArm64 | kRegSizeU64 | kCoprocFw | 1;
inline constexpr uint64_t kWorkaround2 = kRegArm64 | kRegSizeU64 | kCoprocFw | 2;
inline constexpr uint64_t kWorkaround3 = kRegArm64 | kRegSizeU64 | kCoprocFw | 3;
inline constexpr uint64_t kStdBmap =
    kRegArm64 | kRegSizeU64 | kCoprocFwFeatBmap | 0;  // 0x6030000000160000
inline constexpr uint64_t kStdHypBmap = kRegArm64 | kRegSizeU64 | kCoprocFwFeatBmap | 1;
inline constexpr uint64_t kVendorHypBmap = kRegArm64 | kRegSizeU64 | kCoprocFwFeatBmap | 2;

// Workaround register levels (C.7).
inline constexpr uint64_t kLevelMask = 0xF;
inline constexpr uint64_t kWa13NotAvail = 0, kWa13Avail = 1, kWa13NotRequired = 2;
inline constexpr uint64_t kWa2NotAvail = 0, kWa2Unknown = 1, kWa2Avail = 2, kWa2NotRequired = 3;
inline constexpr uint64_t kWa2Enabled = 1u << 4;

}  // namespace fwreg

// errno-style results (Linux values), returned negated.
inline constexpr int kFwRegOk = 0;
inline constexpr int kFwRegENOENT = -2;   // Unknown index, or SET with a non-64-bit size.
inline constexpr int kFwRegENOEXEC = -8;  // KVM: vCPU not initialised (never for el2emu).
inline constexpr int kFwRegEBUSY = -16;   // Bitmap change after a core has run.
inline constexpr int kFwRegEINVAL = -22;  // Value not accepted.

// GET_ONE_REG: 0 and `value`, or kFwRegENOENT.
int fw_reg_get(const PsciFirmware& fw, unsigned core, uint64_t id, uint64_t& value);
// SET_ONE_REG: 0 or a negative errno (the rules in C.7; fw_regs.cc cites each).
int fw_reg_set(PsciFirmware& fw, unsigned core, uint64_t id, uint64_t value);

struct FwRegValue {
  uint64_t id;
  const char* name;  // The CLI name ("psci-version").
  uint64_t value;
};

// Every register in KVM_GET_REG_LIST order (7 registers, as Linux 6.1/6.12)
// with its current value as GET reads it for `core`.
std::vector<FwRegValue> fw_reg_list(const PsciFirmware& fw, unsigned core);

// The CLI name of a register ID, or nullptr.
const char* fw_reg_name(uint64_t id);

struct FwRegSetting {
  uint64_t id;
  uint64_t value;
};

// Parses a CLI spec "name=value". Names: psci-version, smccc-wa1, smccc-wa2,
// smccc-wa3, std-bmap, std-hyp-bmap, vendor-hyp-bmap. Values: numbers (decimal
// or 0x-hex); psci-version also takes 0.1, 0.2, 1.0, 1.1, 1.2, 1.3. On failure
// returns nullopt and, if `error` is set, a message.
std::optional<FwRegSetting> parse_fw_reg_setting(std::string_view spec, std::string* error);

// Parses and SETs one spec; 0, or a negative errno (kFwRegEINVAL for a spec
// that does not parse) with a message in `error`.
int apply_fw_reg_setting(PsciFirmware& fw, unsigned core, std::string_view spec,
                         std::string* error);

}  // namespace el2
