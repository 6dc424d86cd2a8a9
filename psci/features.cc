// Discovery calls: PSCI_FEATURES (facts file C.3), SMCCC_VERSION,
// SMCCC_ARCH_FEATURES and the KVM vendor / PV-time calls (C.6).
#include "psci/config.h"
#include "psci/firmware.h"
#include "psci/handlers.h"
#include "psci/ids.h"

namespace el2::psci {

namespace {

// ARCH_FEATURES(WA1 / WA3): mitigated -> 0, unaffected -> 1, vulnerable -> -1.
int64_t workaround_1_3_answer(HostMitigation m) {
  switch (m) {
    case HostMitigation::kMitigated:
      return kSmcccSuccess;
    case HostMitigation::kUnaffected:
      return kSmcccWorkaroundUnaffected;
    case HostMitigation::kVulnerable:
      break;
  }
  return kSmcccNotSupported;
}

// ARCH_FEATURES(WA2): vulnerable, or mitigated with SSBS visible -> -1;
// mitigated without SSBS, or unaffected -> NOT_REQUIRED (-2).
int64_t workaround_2_answer(HostMitigation m, bool ssbs) {
  if (m == HostMitigation::kVulnerable) return kSmcccNotSupported;
  if (m == HostMitigation::kMitigated && ssbs) return kSmcccNotSupported;
  return kSmcccNotRequired;
}

}  // namespace

// C.3 PSCI_FEATURES(x1), version >= 1.0. KVM reads x1 into a u32. An AArch32
// caller asking about a 64-bit ID would get -1; el2emu's callers are AArch64.
void psci_features(const PsciCall& c) {
  const uint32_t f = static_cast<uint32_t>(c.arg(1));
  const unsigned minor = psci_minor(c.version);
  int64_t r = kNotSupported;
  switch (f) {
    case kPsciVersion:
    case kCpuSuspend32:
    case kCpuSuspend64:
    case kCpuOff:
    case kCpuOn32:
    case kCpuOn64:
    case kAffinityInfo32:
    case kAffinityInfo64:
    case kMigrateInfoType:
    case kSystemOff:
    case kSystemReset:
    case kPsciFeatures:
    case kSmcccVersion:
      r = kSuccess;
      break;
    case kSystemSuspend32:
    case kSystemSuspend64:
      if (c.fw.config().system_suspend) r = kSuccess;
      break;
    case kSystemReset2_32:
    case kSystemReset2_64:
      if (minor >= 1) r = kSuccess;
      break;
    case kSystemOff2_32:
    case kSystemOff2_64:
      if (minor >= 3) r = kOffTypeHibernateOff;  // The supported-types bitmask.
      break;
    default:
      break;
  }
  c.ret(r);
}

void smccc_version(const PsciCall& c) { c.ret(kSmcccVersion11); }

// C.6 SMCCC_ARCH_FEATURES(x1), read as a u32. Everything not listed, SOC_ID
// and ARCH_FEATURES itself included, answers -1.
void smccc_arch_features(const PsciCall& c) {
  const PsciConfig& cfg = c.fw.config();
  int64_t r = kSmcccNotSupported;
  switch (static_cast<uint32_t>(c.arg(1))) {
    case kArchWorkaround1:
      r = workaround_1_3_answer(cfg.spectre_v2);
      break;
    case kArchWorkaround2:
      r = workaround_2_answer(cfg.spectre_v4, cfg.host_ssbs);
      break;
    case kArchWorkaround3:
      r = workaround_1_3_answer(cfg.spectre_bhb);
      break;
    case kPvTimeFeatures:
      if (c.fw.bitmap(PsciBitmap::kStdHyp) & 1) r = kSmcccSuccess;
      break;
    default:
      break;
  }
  c.ret(r);
}

// C.6 KVM_FEATURES: x0 = the vendor bitmap; x2 = VENDOR_HYP_BMAP_2 (6.15+),
// which el2emu does not model, so 0.
void kvm_features(const PsciCall& c) {
  c.ret(static_cast<int64_t>(c.fw.bitmap(PsciBitmap::kVendorHyp)));
}

void vendor_hyp_call_uid(const PsciCall& c) {
  c.ret4(kKvmUid[0], kKvmUid[1], kKvmUid[2], kKvmUid[3]);
}

// PV time: KVM answers SUCCESS only once the VMM has given the core a
// stolen-time region; el2emu has none, so PV_TIME_FEATURES(anything) -> -1 and
// PV_TIME_ST -> INVALID_GPA (all ones, i.e. -1).
void pv_time_features(const PsciCall& c) { c.ret(kSmcccNotSupported); }
void pv_time_st(const PsciCall& c) { c.ret(-1); }

}  // namespace el2::psci
