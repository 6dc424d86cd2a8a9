// PSCI and SMCCC function IDs and return codes, as KVM uses them
// (facts file ../shared/spec/STUB_AND_PSCI_FACTS.md, Part C: C.1 encoding,
// C.2 return codes, C.3 and C.6 IDs).
#pragma once

#include <cstdint>

namespace el2::psci {

// ---- Function IDs (C.3) -------------------------------------------------------
// KVM's legacy PSCI 0.1 IDs (not SMCCC-compliant; KVM-private base).
inline constexpr uint32_t kV01CpuSuspend = 0x95C1BA5E;
inline constexpr uint32_t kV01CpuOff = 0x95C1BA5F;
inline constexpr uint32_t kV01CpuOn = 0x95C1BA60;
inline constexpr uint32_t kV01Migrate = 0x95C1BA61;

// PSCI 0.2+ (Standard secure owner, 0x84... = SMC32, 0xC4... = SMC64).
inline constexpr uint32_t kPsciVersion = 0x84000000;
inline constexpr uint32_t kCpuSuspend32 = 0x84000001;
inline constexpr uint32_t kCpuSuspend64 = 0xC4000001;
inline constexpr uint32_t kCpuOff = 0x84000002;
inline constexpr uint32_t kCpuOn32 = 0x84000003;
inline constexpr uint32_t kCpuOn64 = 0xC4000003;
inline constexpr uint32_t kAffinityInfo32 = 0x84000004;
inline constexpr uint32_t kAffinityInfo64 = 0xC4000004;
inline constexpr uint32_t kMigrate32 = 0x84000005;
inline constexpr uint32_t kMigrate64 = 0xC4000005;
inline constexpr uint32_t kMigrateInfoType = 0x84000006;
inline constexpr uint32_t kMigrateInfoUpCpu32 = 0x84000007;
inline constexpr uint32_t kMigrateInfoUpCpu64 = 0xC4000007;
inline constexpr uint32_t kSystemOff = 0x84000008;
inline constexpr uint32_t kSystemReset = 0x84000009;
inline constexpr uint32_t kPsciFeatures = 0x8400000A;
inline constexpr uint32_t kCpuFreeze = 0x8400000B;
inline constexpr uint32_t kCpuDefaultSuspend32 = 0x8400000C;
inline constexpr uint32_t kCpuDefaultSuspend64 = 0xC400000C;
inline constexpr uint32_t kNodeHwState32 = 0x8400000D;
inline constexpr uint32_t kNodeHwState64 = 0xC400000D;
inline constexpr uint32_t kSystemSuspend32 = 0x8400000E;
inline constexpr uint32_t kSystemSuspend64 = 0xC400000E;
inline constexpr uint32_t kSetSuspendMode = 0x8400000F;
inline constexpr uint32_t kStatResidency32 = 0x84000010;
inline constexpr uint32_t kStatResidency64 = 0xC4000010;
inline constexpr uint32_t kStatCount32 = 0x84000011;
inline constexpr uint32_t kStatCount64 = 0xC4000011;
inline constexpr uint32_t kSystemReset2_32 = 0x84000012;
inline constexpr uint32_t kSystemReset2_64 = 0xC4000012;
inline constexpr uint32_t kMemProtect = 0x84000013;
inline constexpr uint32_t kMemProtectCheckRange32 = 0x84000014;
inline constexpr uint32_t kMemProtectCheckRange64 = 0xC4000014;
inline constexpr uint32_t kSystemOff2_32 = 0x84000015;
inline constexpr uint32_t kSystemOff2_64 = 0xC4000015;
inline constexpr uint32_t kCleanInvMemregion64 = 0xC4000016;
inline constexpr uint32_t kCleanInvMemregionAttributes = 0x84000017;

// TRNG (Standard owner, function numbers 0x50-0x53; C.6).
inline constexpr uint32_t kTrngVersion = 0x84000050;
inline constexpr uint32_t kTrngFeatures = 0x84000051;
inline constexpr uint32_t kTrngGetUuid = 0x84000052;
inline constexpr uint32_t kTrngRnd32 = 0x84000053;
inline constexpr uint32_t kTrngRnd64 = 0xC4000053;

// SMCCC architecture calls (Arch owner; C.6).
inline constexpr uint32_t kSmcccVersion = 0x80000000;
inline constexpr uint32_t kSmcccArchFeatures = 0x80000001;
inline constexpr uint32_t kSmcccArchSocId = 0x80000002;
inline constexpr uint32_t kArchWorkaround1 = 0x80008000;  // Spectre-v2.
inline constexpr uint32_t kArchWorkaround2 = 0x80007FFF;  // SSB.
inline constexpr uint32_t kArchWorkaround3 = 0x80003FFF;  // Spectre-BHB.

// Standard hypervisor (PV time) and KVM vendor hypervisor calls (C.6).
inline constexpr uint32_t kPvTimeFeatures = 0xC5000020;
inline constexpr uint32_t kPvTimeSt = 0xC5000021;
inline constexpr uint32_t kKvmFeatures = 0x86000000;
inline constexpr uint32_t kKvmPtp = 0x86000001;
inline constexpr uint32_t kVendorHypCallUid = 0x8600FF01;

// ---- ID fields (C.1) ----------------------------------------------------------
inline constexpr uint32_t kSmc64Bit = 1u << 30;
inline constexpr unsigned id_owner(uint32_t id) { return (id >> 24) & 0x3F; }
inline constexpr unsigned id_function_number(uint32_t id) { return id & 0xFFFF; }
inline constexpr unsigned kOwnerArch = 0;
inline constexpr unsigned kOwnerStandard = 4;
inline constexpr unsigned kOwnerStandardHyp = 5;
inline constexpr unsigned kOwnerVendorHyp = 6;

// ---- Return codes (C.2) -------------------------------------------------------
inline constexpr int64_t kSuccess = 0;
inline constexpr int64_t kNotSupported = -1;
inline constexpr int64_t kInvalidParams = -2;
inline constexpr int64_t kDenied = -3;
inline constexpr int64_t kAlreadyOn = -4;
inline constexpr int64_t kOnPending = -5;  // KVM never returns it (C.5).
inline constexpr int64_t kInternalFailure = -6;
inline constexpr int64_t kNotPresent = -7;
inline constexpr int64_t kDisabled = -8;
inline constexpr int64_t kInvalidAddress = -9;  // KVM never returns it (C.5).

inline constexpr int64_t kSmcccSuccess = 0;
inline constexpr int64_t kSmcccNotSupported = -1;
inline constexpr int64_t kSmcccNotRequired = -2;
inline constexpr int64_t kSmcccInvalidParameter = -3;
inline constexpr int64_t kSmcccWorkaroundUnaffected = 1;

// AFFINITY_INFO results (C.5); KVM never returns 2 (ON_PENDING).
inline constexpr int64_t kAffinityOn = 0;
inline constexpr int64_t kAffinityOff = 1;

// MIGRATE_INFO_TYPE: Trusted OS is MP or absent (C.3).
inline constexpr int64_t kTosMp = 2;

// SMCCC version answered by KVM (C.6): v1.1.
inline constexpr int64_t kSmcccVersion11 = 0x10001;

// SYSTEM_RESET2 types (C.5): warm reset, and the vendor range.
inline constexpr uint32_t kResetTypeWarm = 0;
inline constexpr uint32_t kResetTypeVendorStart = 0x80000000;
// SYSTEM_OFF2 type HIBERNATE_OFF; also PSCI_FEATURES(SYSTEM_OFF2)'s bitmask.
inline constexpr uint32_t kOffTypeHibernateOff = 1;

// MPIDR_HWID_BITMASK: Aff3 and Aff2..Aff0 (C.5).
inline constexpr uint64_t kMpidrHwidMask = 0xFF'00FF'FFFFull;

// KVM vendor hypervisor UID (C.6), x0..x3.
inline constexpr uint32_t kKvmUid[4] = {0xB66FB428, 0xE911C52E, 0x564BCAA9, 0x743A004D};

}  // namespace el2::psci
