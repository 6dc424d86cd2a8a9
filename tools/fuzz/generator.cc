#include "tools/fuzz/generator.h"

#include <span>

#include "psci/ids.h"
#include "stubs/hyp_abi.h"
#include "tools/fuzz/driver/layout.h"
#include "tools/fuzz/el1_registers.h"
#include "tools/fuzz/rng.h"

namespace el2::fuzz {

namespace {

// x0 values no contract defines: FINALISE's neighbours, KVM's host-call
// base, and the edges of 32- and 64-bit ids (as check-stub's plan).
constexpr uint64_t kUnknownIds[] = {3,      4,          5,          0x4b,        0x7f,       0xfff,
                                    0x1000, 0xc6000000, 0xffffffff, 0x100000000, 1ull << 63, ~0ull};

// PSCI and SMCCC ids the firmware defines (docs/PSCI.md), without the calls
// that stop the core or the machine (added with their own, lower weights).
constexpr uint32_t kPsciIds[] = {
    psci::kPsciVersion,
    psci::kCpuOn32,
    psci::kCpuOn64,
    psci::kAffinityInfo32,
    psci::kAffinityInfo64,
    psci::kMigrate32,
    psci::kMigrate64,
    psci::kMigrateInfoType,
    psci::kMigrateInfoUpCpu32,
    psci::kMigrateInfoUpCpu64,
    psci::kPsciFeatures,
    psci::kCpuFreeze,
    psci::kCpuDefaultSuspend64,
    psci::kNodeHwState64,
    psci::kSystemSuspend64,
    psci::kSetSuspendMode,
    psci::kStatResidency64,
    psci::kStatCount64,
    psci::kMemProtect,
    psci::kMemProtectCheckRange64,
    psci::kCleanInvMemregion64,
    psci::kTrngVersion,
    psci::kTrngFeatures,
    psci::kTrngRnd64,
    psci::kSmcccVersion,
    psci::kSmcccArchFeatures,
    psci::kSmcccArchSocId,
    psci::kArchWorkaround1,
    psci::kArchWorkaround2,
    psci::kArchWorkaround3,
    psci::kPvTimeFeatures,
    psci::kPvTimeSt,
    psci::kKvmFeatures,
    psci::kKvmPtp,
    psci::kVendorHypCallUid,
    psci::kV01CpuOn,
    psci::kV01Migrate,
    psci::kV01CpuSuspend,
};

uint64_t mpidr_arg(Rng& r) {
  static constexpr uint64_t kMpidrs[] = {0x80000000, 0x80000001, 0, 1, 0xff00ffffff};
  return r.chance(70) ? r.pick<uint64_t>(kMpidrs) : r.interesting();
}

Step hvc_step(Rng& r, const Targets& t) {
  Step s;
  s.kind = StepKind::kHvc;
  s.imm = r.chance(95) ? 0 : static_cast<uint16_t>(r.next());
  for (uint64_t& x : s.x) x = r.interesting();
  const unsigned roll = r.below(100);
  if (roll < 25) {
    s.x[0] = HVC_SET_VECTORS;
    const unsigned which = r.below(100);
    s.x[1] = which < 40   ? t.stub_vectors
             : which < 85 ? t.hyp_vectors
                          : t.hyp_vectors + 8 * (1 + r.below(255));  // A caller-rule probe.
  } else if (roll < 40) {
    s.x[0] = HVC_RESET_VECTORS;
  } else if (roll < 50) {
    s.x[0] = HVC_SOFT_RESTART;
    s.x[1] = t.restart_target;
  } else if (roll < 58) {
    s.x[0] = HVC_FINALISE_EL2;
  } else if (roll < 66) {
    s.x[0] = FZ_HC_RESTORE;  // Back from the stand-in hypervisor to the stub.
  } else if (roll < 90) {
    s.x[0] = r.pick<uint64_t>(kUnknownIds);
  } else {
    s.x[0] = r.next();
  }
  s.fill = r.next();
  return s;
}

Step smc_step(Rng& r) {
  Step s;
  s.kind = StepKind::kSmc;
  s.imm = r.chance(95) ? 0 : static_cast<uint16_t>(r.next());
  for (uint64_t& x : s.x) x = r.interesting();
  s.x[4] = 0;
  const unsigned roll = r.below(1000);
  if (roll < 10) {
    s.x[0] = r.chance(50) ? psci::kSystemReset : psci::kSystemOff;
  } else if (roll < 20) {
    s.x[0] = psci::kSystemReset2_64;
    s.x[1] = r.chance(50) ? 0 : r.interesting();  // 0: a warm reset.
  } else if (roll < 40) {
    s.x[0] = psci::kCpuOff;
  } else if (roll < 70) {
    s.x[0] = r.chance(50) ? psci::kCpuSuspend64 : psci::kCpuSuspend32;
  } else if (roll < 850) {
    s.x[0] = r.pick<uint32_t>(kPsciIds);
  } else if (roll < 950) {
    s.x[0] = static_cast<uint32_t>(r.next());
  } else {
    s.x[0] = r.next();
  }
  switch (static_cast<uint32_t>(s.x[0])) {
    case psci::kCpuOn32:
    case psci::kCpuOn64:
    case psci::kAffinityInfo32:
    case psci::kAffinityInfo64:
    case psci::kMigrateInfoUpCpu64:
      s.x[1] = mpidr_arg(r);
      if (r.chance(70)) s.x[2] = r.below(5);  // AFFINITY_INFO's level.
      break;
    case psci::kPsciFeatures:
    case psci::kSmcccArchFeatures:
      s.x[1] = r.chance(80) ? r.pick<uint32_t>(kPsciIds) : r.interesting();
      break;
    default:
      break;
  }
  s.fill = r.next();
  return s;
}

Step msr_step(Rng& r) {
  Step s;
  s.kind = StepKind::kMsr;
  const auto regs = el1_registers();
  s.reg = std::string(regs[r.below(regs.size())]);
  s.value = s.reg == "sctlr_el1" ? safe_sctlr_el1(r.next()) : r.interesting();
  return s;
}

}  // namespace

Sequence generate(uint64_t run_seed, const Targets& t, const GeneratorOptions& options) {
  Rng r(run_seed);
  Sequence seq(1 + r.below(options.max_steps ? options.max_steps : 1));
  for (Step& s : seq) {
    const unsigned roll = r.below(100);
    s = roll < 60 ? hvc_step(r, t) : roll < 80 ? smc_step(r) : msr_step(r);
  }
  return seq;
}

}  // namespace el2::fuzz
