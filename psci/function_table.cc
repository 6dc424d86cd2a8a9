// The function table (facts file C.3, C.6) and the dispatch it drives (C.4).
#include "psci/function_table.h"

#include <array>

#include "cpu/cpu.h"
#include "psci/firmware.h"
#include "psci/handlers.h"
#include "psci/ids.h"
#include "psci/trace.h"

namespace el2 {

uint64_t PsciCall::arg(unsigned n) const { return cpu.x(n); }

void PsciCall::ret(int64_t r) const { ret4(static_cast<uint64_t>(r), 0, 0, 0); }

void PsciCall::ret4(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3) const {
  cpu.set_x(0, x0);
  cpu.set_x(1, x1);
  cpu.set_x(2, x2);
  cpu.set_x(3, x3);
}

void PsciCall::ret_x0_only(int64_t r) const { cpu.set_x(0, static_cast<uint64_t>(r)); }

namespace {

using V = PsciVersion;
using G = PsciGate;
namespace h = psci;
constexpr V k01 = V::k0_1, k02 = V::k0_2, k10 = V::k1_0, k11 = V::k1_1, k13 = V::k1_3;

constexpr const char* kUnsupported = "not implemented by KVM: NOT_SUPPORTED";
constexpr const char* kNotModelled = "KVM serves it; el2emu does not model it: NOT_SUPPORTED";

// clang-format off
constexpr PsciFunction kTable[] = {
  // KVM's legacy PSCI 0.1 IDs: only for PSCI 0.1 callers (C.3).
  {psci::kV01CpuSuspend, "PSCI_0_1_CPU_SUSPEND", k01, k01, G::kNone, false, nullptr, kUnsupported},
  {psci::kV01CpuOff, "PSCI_0_1_CPU_OFF", k01, k01, G::kNone, false, h::cpu_off, "core off; x0 = 0"},
  {psci::kV01CpuOn, "PSCI_0_1_CPU_ON", k01, k01, G::kNone, false, h::cpu_on, "C.5; not off -> INVALID_PARAMS"},
  {psci::kV01Migrate, "PSCI_0_1_MIGRATE", k01, k01, G::kNone, false, nullptr, kUnsupported},
  // PSCI 0.2 / 1.x (C.3).
  {psci::kPsciVersion, "PSCI_VERSION", k02, k13, G::kNone, false, h::psci_version, "the caller's version"},
  {psci::kCpuSuspend32, "CPU_SUSPEND", k02, k13, G::kNone, false, h::cpu_suspend, "standby (WFI); 0"},
  {psci::kCpuSuspend64, "CPU_SUSPEND64", k02, k13, G::kNone, false, h::cpu_suspend, "standby (WFI); 0"},
  {psci::kCpuOff, "CPU_OFF", k02, k13, G::kNone, false, h::cpu_off, "core off; x0 = 0"},
  {psci::kCpuOn32, "CPU_ON", k02, k13, G::kNone, true, h::cpu_on, "C.5"},
  {psci::kCpuOn64, "CPU_ON64", k02, k13, G::kNone, false, h::cpu_on, "C.5"},
  {psci::kAffinityInfo32, "AFFINITY_INFO", k02, k13, G::kNone, true, h::affinity_info, "C.5"},
  {psci::kAffinityInfo64, "AFFINITY_INFO64", k02, k13, G::kNone, false, h::affinity_info, "C.5"},
  {psci::kMigrate32, "MIGRATE", k02, k13, G::kNone, false, nullptr, kUnsupported},
  {psci::kMigrate64, "MIGRATE64", k02, k13, G::kNone, false, nullptr, kUnsupported},
  {psci::kMigrateInfoType, "MIGRATE_INFO_TYPE", k02, k13, G::kNone, false, h::migrate_info_type, "2 (TOS_MP)"},
  {psci::kMigrateInfoUpCpu32, "MIGRATE_INFO_UP_CPU", k02, k13, G::kNone, false, nullptr, kUnsupported},
  {psci::kMigrateInfoUpCpu64, "MIGRATE_INFO_UP_CPU64", k02, k13, G::kNone, false, nullptr, kUnsupported},
  {psci::kSystemOff, "SYSTEM_OFF", k02, k13, G::kNone, false, h::system_off, "x0 = -6, x1..x3 = 0; off event"},
  {psci::kSystemReset, "SYSTEM_RESET", k02, k13, G::kNone, false, h::system_reset, "x0 = -6, x1..x3 = 0; reset event"},
  {psci::kPsciFeatures, "PSCI_FEATURES", k10, k13, G::kNone, false, h::psci_features, "C.3"},
  {psci::kCpuFreeze, "CPU_FREEZE", k02, k13, G::kNone, false, nullptr, kUnsupported},
  {psci::kCpuDefaultSuspend32, "CPU_DEFAULT_SUSPEND", k02, k13, G::kNone, false, nullptr, kUnsupported},
  {psci::kCpuDefaultSuspend64, "CPU_DEFAULT_SUSPEND64", k02, k13, G::kNone, false, nullptr, kUnsupported},
  {psci::kNodeHwState32, "NODE_HW_STATE", k02, k13, G::kNone, false, nullptr, kUnsupported},
  {psci::kNodeHwState64, "NODE_HW_STATE64", k02, k13, G::kNone, false, nullptr, kUnsupported},
  {psci::kSystemSuspend32, "SYSTEM_SUSPEND", k10, k13, G::kNone, true, h::system_suspend, "-1 unless enabled"},
  {psci::kSystemSuspend64, "SYSTEM_SUSPEND64", k10, k13, G::kNone, false, h::system_suspend, "-1 unless enabled"},
  {psci::kSetSuspendMode, "SET_SUSPEND_MODE", k02, k13, G::kNone, false, nullptr, kUnsupported},
  {psci::kStatResidency32, "STAT_RESIDENCY", k02, k13, G::kNone, false, nullptr, kUnsupported},
  {psci::kStatResidency64, "STAT_RESIDENCY64", k02, k13, G::kNone, false, nullptr, kUnsupported},
  {psci::kStatCount32, "STAT_COUNT", k02, k13, G::kNone, false, nullptr, kUnsupported},
  {psci::kStatCount64, "STAT_COUNT64", k02, k13, G::kNone, false, nullptr, kUnsupported},
  {psci::kSystemReset2_32, "SYSTEM_RESET2", k11, k13, G::kNone, true, h::system_reset2, "C.5"},
  {psci::kSystemReset2_64, "SYSTEM_RESET2_64", k11, k13, G::kNone, false, h::system_reset2, "C.5"},
  {psci::kMemProtect, "MEM_PROTECT", k02, k13, G::kNone, false, nullptr, kUnsupported},
  {psci::kMemProtectCheckRange32, "MEM_PROTECT_CHECK_RANGE", k02, k13, G::kNone, false, nullptr, kUnsupported},
  {psci::kMemProtectCheckRange64, "MEM_PROTECT_CHECK_RANGE64", k02, k13, G::kNone, false, nullptr, kUnsupported},
  {psci::kSystemOff2_32, "SYSTEM_OFF2", k13, k13, G::kNone, true, h::system_off2, "C.5"},
  {psci::kSystemOff2_64, "SYSTEM_OFF2_64", k13, k13, G::kNone, false, h::system_off2, "C.5"},
  {psci::kCleanInvMemregion64, "CLEAN_INV_MEMREGION64", k02, k13, G::kNone, false, nullptr, kUnsupported},
  {psci::kCleanInvMemregionAttributes, "CLEAN_INV_MEMREGION_ATTRIBUTES", k02, k13, G::kNone, false, nullptr, kUnsupported},
  // SMCCC architecture calls: handled before the PSCI version switch, so they
  // answer for every version, 0.1 included (C.4 step 5, C.6).
  {psci::kSmcccVersion, "SMCCC_VERSION", k01, k13, G::kNone, false, h::smccc_version, "0x10001"},
  {psci::kSmcccArchFeatures, "SMCCC_ARCH_FEATURES", k01, k13, G::kNone, false, h::smccc_arch_features, "C.6"},
  {psci::kSmcccArchSocId, "SMCCC_ARCH_SOC_ID", k01, k13, G::kNone, false, nullptr, kUnsupported},
  // Reached by the table only through SMC: an HVC takes the EL2 fast path
  // (firmware.cc), and the slow path does not allow Arch-owner IDs (C.4).
  {psci::kArchWorkaround1, "SMCCC_ARCH_WORKAROUND_1", k01, k13, G::kNone, false, nullptr, "HVC: fast path x0 = x1 = 0; SMC: -1"},
  {psci::kArchWorkaround2, "SMCCC_ARCH_WORKAROUND_2", k01, k13, G::kNone, false, nullptr, "HVC: fast path x0 = x1 = 0; SMC: -1"},
  {psci::kArchWorkaround3, "SMCCC_ARCH_WORKAROUND_3", k01, k13, G::kNone, false, nullptr, "HVC: fast path x0 = x1 = 0; SMC: -1"},
  // TRNG (STD_BMAP bit 0).
  {psci::kTrngVersion, "TRNG_VERSION", k01, k13, G::kStdTrng, false, nullptr, kNotModelled},
  {psci::kTrngFeatures, "TRNG_FEATURES", k01, k13, G::kStdTrng, false, nullptr, kNotModelled},
  {psci::kTrngGetUuid, "TRNG_GET_UUID", k01, k13, G::kStdTrng, false, nullptr, kNotModelled},
  {psci::kTrngRnd32, "TRNG_RND", k01, k13, G::kStdTrng, false, nullptr, kNotModelled},
  {psci::kTrngRnd64, "TRNG_RND64", k01, k13, G::kStdTrng, false, nullptr, kNotModelled},
  // PV time (STD_HYP_BMAP bit 0).
  {psci::kPvTimeFeatures, "PV_TIME_FEATURES", k01, k13, G::kStdHypPvTime, false, h::pv_time_features, "-1: no stolen-time region"},
  {psci::kPvTimeSt, "PV_TIME_ST", k01, k13, G::kStdHypPvTime, false, h::pv_time_st, "-1 (INVALID_GPA): no stolen-time region"},
  // KVM vendor hypervisor calls (VENDOR_HYP_BMAP).
  {psci::kKvmFeatures, "KVM_FEATURES", k01, k13, G::kVendorFuncFeat, false, h::kvm_features, "x0 = vendor bitmap"},
  {psci::kKvmPtp, "KVM_PTP", k01, k13, G::kVendorPtp, false, nullptr, kNotModelled},
  {psci::kVendorHypCallUid, "VENDOR_HYP_CALL_UID", k01, k13, G::kVendorFuncFeat, false, h::vendor_hyp_call_uid, "KVM's UID in x0..x3"},
};
// clang-format on

bool gate_open(PsciGate gate, const PsciFirmware& fw) {
  switch (gate) {
    case PsciGate::kNone:
      return true;
    case PsciGate::kStdTrng:
      return fw.bitmap(PsciBitmap::kStd) & 1;
    case PsciGate::kStdHypPvTime:
      return fw.bitmap(PsciBitmap::kStdHyp) & 1;
    case PsciGate::kVendorFuncFeat:
      return fw.bitmap(PsciBitmap::kVendorHyp) & 1;
    case PsciGate::kVendorPtp:
      return fw.bitmap(PsciBitmap::kVendorHyp) & 2;
  }
  return false;
}

// kvm_psci_narrow_to_32bit(): bits 63:32 of x1..x3 are zeroed in place.
void narrow_to_32bit(Cpu& cpu) {
  for (unsigned n = 1; n <= 3; ++n) cpu.set_x(n, static_cast<uint32_t>(cpu.x(n)));
}

}  // namespace

std::span<const PsciFunction> psci_function_table() { return kTable; }

const PsciFunction* find_psci_function(uint32_t id) {
  for (const PsciFunction& f : kTable)
    if (f.id == id) return &f;
  return nullptr;
}

bool psci_function_enabled(const PsciFunction& f, PsciVersion version, const PsciFirmware& fw) {
  return f.handler && version >= f.min && version <= f.max && gate_open(f.gate, fw);
}

void dispatch_psci_call(const PsciCall& call, uint32_t id) {
  const PsciFunction* f = find_psci_function(id);
  if (!f || !psci_function_enabled(*f, call.version, call.fw)) return call.ret(psci::kNotSupported);
  if (f->narrow32) narrow_to_32bit(call.cpu);
  f->handler(call);
}

const char* psci_function_name(uint32_t id) {
  const PsciFunction* f = find_psci_function(id);
  return f ? f->name : "UNKNOWN";
}

}  // namespace el2
