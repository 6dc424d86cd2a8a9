// Firmware pseudo-registers (facts file C.7; KVM's kvm_arm_get/set_fw_reg).
#include "psci/fw_regs.h"

#include <charconv>

#include "psci/config.h"
#include "psci/firmware.h"
#include "psci/version.h"

namespace el2 {

namespace {

struct RegInfo {
  uint64_t id;
  const char* name;
};

// KVM_GET_REG_LIST order (C.7).
constexpr RegInfo kRegs[] = {
    {fwreg::kPsciVersion, "psci-version"},
    {fwreg::kWorkaround1, "smccc-wa1"},
    {fwreg::kWorkaround2, "smccc-wa2"},
    {fwreg::kWorkaround3, "smccc-wa3"},
    {fwreg::kStdBmap, "std-bmap"},
    {fwreg::kStdHypBmap, "std-hyp-bmap"},
    {fwreg::kVendorHypBmap, "vendor-hyp-bmap"},
};

// get_kernel_wa_level(): the host's level for WA1 / WA3 (C.7 values).
uint64_t wa13_level(HostMitigation m) {
  switch (m) {
    case HostMitigation::kMitigated:
      return fwreg::kWa13Avail;
    case HostMitigation::kUnaffected:
      return fwreg::kWa13NotRequired;
    case HostMitigation::kVulnerable:
      break;
  }
  return fwreg::kWa13NotAvail;
}

// WA2: only NOT_AVAIL or NOT_REQUIRED are ever reported (since ~5.10); a
// mitigated host with SSBS visible to guests reports NOT_AVAIL (C.6, C.7).
uint64_t wa2_level(HostMitigation m, bool ssbs) {
  if (m == HostMitigation::kVulnerable) return fwreg::kWa2NotAvail;
  if (m == HostMitigation::kMitigated && ssbs) return fwreg::kWa2NotAvail;
  return fwreg::kWa2NotRequired;
}

uint64_t host_wa_level(const PsciFirmware& fw, uint64_t id) {
  const PsciConfig& c = fw.config();
  if (id == fwreg::kWorkaround1) return wa13_level(c.spectre_v2);
  if (id == fwreg::kWorkaround3) return wa13_level(c.spectre_bhb);
  return wa2_level(c.spectre_v4, c.host_ssbs);
}

int set_psci_version(PsciFirmware& fw, unsigned core, uint64_t value) {
  const std::optional<PsciVersion> v = psci_version_from_code(value);
  if (!v) return kFwRegEINVAL;
  const bool wants_0_2 = fw.core_has_psci_0_2(core);
  if (*v == PsciVersion::k0_1) {
    // 0x1 only for a core without PSCI_0_2.
    if (wants_0_2) return kFwRegEINVAL;
  } else {
    // Versions "compatible with 0.2" that this KVM implements: 0.2 up to
    // KVM_ARM_PSCI_LATEST (1.1 in 6.1/6.12; 1.2 and 1.3 from 6.13). Only for
    // a core with PSCI_0_2.
    if (!wants_0_2 || *v > fw.config().latest) return kFwRegEINVAL;
  }
  // VM-wide, and with no "has run" check: it can change at any time.
  fw.set_vm_version(*v);
  return kFwRegOk;
}

// WA1 / WA3: bits outside [3:0] or a level above the host's -> -EINVAL;
// otherwise 0 and nothing is stored.
int set_wa13(const PsciFirmware& fw, uint64_t id, uint64_t value) {
  if (value & ~fwreg::kLevelMask) return kFwRegEINVAL;
  if (value > host_wa_level(fw, id)) return kFwRegEINVAL;
  return kFwRegOk;
}

// WA2: bits [3:0] and ENABLED (bit 4) only; ENABLED only with AVAIL; levels
// 0/1 count as NOT_AVAIL, 2/3 as NOT_REQUIRED, others -EINVAL; above the
// host's level -EINVAL. Nothing is stored.
int set_wa2(const PsciFirmware& fw, uint64_t value) {
  if (value & ~(fwreg::kLevelMask | fwreg::kWa2Enabled)) return kFwRegEINVAL;
  const uint64_t level = value & fwreg::kLevelMask;
  if ((value & fwreg::kWa2Enabled) && level != fwreg::kWa2Avail) return kFwRegEINVAL;
  uint64_t wa_level = 0;
  switch (level) {
    case fwreg::kWa2NotAvail:
    case fwreg::kWa2Unknown:
      wa_level = fwreg::kWa2NotAvail;
      break;
    case fwreg::kWa2Avail:
    case fwreg::kWa2NotRequired:
      wa_level = fwreg::kWa2NotRequired;
      break;
    default:
      return kFwRegEINVAL;
  }
  if (wa_level > host_wa_level(fw, fwreg::kWorkaround2)) return kFwRegEINVAL;
  return kFwRegOk;
}

// Bitmaps: bits outside the supported mask -> -EINVAL; a different value once
// any core has run -> -EBUSY; VM-wide.
int set_bitmap(PsciFirmware& fw, PsciBitmap which, uint64_t mask, uint64_t value) {
  if (value & ~mask) return kFwRegEINVAL;
  if (fw.has_run() && value != fw.bitmap(which)) return kFwRegEBUSY;
  fw.set_bitmap(which, value);
  return kFwRegOk;
}

bool parse_number(std::string_view s, uint64_t& out) {
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    s.remove_prefix(2);
    base = 16;
  }
  if (s.empty()) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out, base);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

int fw_reg_get(const PsciFirmware& fw, unsigned core, uint64_t id, uint64_t& value) {
  switch (id) {
    case fwreg::kPsciVersion:
      // 0x1 for a core without PSCI_0_2 (although KVM's documentation calls the
      // register valid only with PSCI_0_2), else the VM's version or LATEST.
      value = psci_version_code(fw.version_for(core));
      return kFwRegOk;
    case fwreg::kWorkaround1:
    case fwreg::kWorkaround2:
    case fwreg::kWorkaround3:
      // Always the host's level: SETs store nothing.
      value = host_wa_level(fw, id) & fwreg::kLevelMask;
      return kFwRegOk;
    case fwreg::kStdBmap:
      value = fw.bitmap(PsciBitmap::kStd);
      return kFwRegOk;
    case fwreg::kStdHypBmap:
      value = fw.bitmap(PsciBitmap::kStdHyp);
      return kFwRegOk;
    case fwreg::kVendorHypBmap:
      value = fw.bitmap(PsciBitmap::kVendorHyp);
      return kFwRegOk;
    default:
      return kFwRegENOENT;
  }
}

int fw_reg_set(PsciFirmware& fw, unsigned core, uint64_t id, uint64_t value) {
  // SET requires a 64-bit register size; anything else is -ENOENT (C.7).
  if ((id & fwreg::kRegSizeMask) != fwreg::kRegSizeU64) return kFwRegENOENT;
  switch (id) {
    case fwreg::kPsciVersion:
      return set_psci_version(fw, core, value);
    case fwreg::kWorkaround1:
    case fwreg::kWorkaround3:
      return set_wa13(fw, id, value);
    case fwreg::kWorkaround2:
      return set_wa2(fw, value);
    case fwreg::kStdBmap:
      return set_bitmap(fw, PsciBitmap::kStd, kStdBmapMask, value);
    case fwreg::kStdHypBmap:
      return set_bitmap(fw, PsciBitmap::kStdHyp, kStdHypBmapMask, value);
    case fwreg::kVendorHypBmap:
      return set_bitmap(fw, PsciBitmap::kVendorHyp, kVendorHypBmapMask, value);
    default:
      return kFwRegENOENT;
  }
}

std::vector<FwRegValue> fw_reg_list(const PsciFirmware& fw, unsigned core) {
  std::vector<FwRegValue> out;
  for (const RegInfo& r : kRegs) {
    uint64_t v = 0;
    fw_reg_get(fw, core, r.id, v);
    out.push_back({r.id, r.name, v});
  }
  return out;
}

const char* fw_reg_name(uint64_t id) {
  for (const RegInfo& r : kRegs)
    if (r.id == id) return r.name;
  return nullptr;
}

std::optional<FwRegSetting> parse_fw_reg_setting(std::string_view spec, std::string* error) {
  auto fail = [&](std::string msg) -> std::optional<FwRegSetting> {
    if (error) *error = std::move(msg);
    return std::nullopt;
  };
  const size_t eq = spec.find('=');
  if (eq == std::string_view::npos)
    return fail("firmware register spec '" + std::string(spec) + "' is not name=value");
  const std::string_view name = spec.substr(0, eq);
  const std::string_view text = spec.substr(eq + 1);
  const RegInfo* reg = nullptr;
  for (const RegInfo& r : kRegs)
    if (name == r.name) reg = &r;
  if (!reg)
    return fail("unknown firmware register '" + std::string(name) +
                "' (psci-version, smccc-wa1, smccc-wa2, smccc-wa3, std-bmap, std-hyp-bmap, "
                "vendor-hyp-bmap)");
  uint64_t value = 0;
  if (reg->id == fwreg::kPsciVersion) {
    if (const std::optional<PsciVersion> v = parse_psci_version_name(text)) {
      return FwRegSetting{reg->id, psci_version_code(*v)};
    }
  }
  if (!parse_number(text, value))
    return fail("bad value '" + std::string(text) + "' for firmware register " + reg->name);
  return FwRegSetting{reg->id, value};
}

int apply_fw_reg_setting(PsciFirmware& fw, unsigned core, std::string_view spec,
                         std::string* error) {
  const std::optional<FwRegSetting> s = parse_fw_reg_setting(spec, error);
  if (!s) return kFwRegEINVAL;
  const int rc = fw_reg_set(fw, core, s->id, s->value);
  if (rc != kFwRegOk && error) {
    *error = "setting firmware register '" + std::string(spec) + "' failed: " +
             (rc == kFwRegEBUSY    ? "EBUSY"
              : rc == kFwRegENOENT ? "ENOENT"
                                   : "EINVAL");
  }
  return rc;
}

}  // namespace el2
