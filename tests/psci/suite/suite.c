// The PSCI test suite: an EL2 payload (like a kernel booted at EL2) on four
// cores that makes PSCI calls over SMC #0 and checks the answers of KVM's
// PSCI 1.1 (facts file ../shared/spec/STUB_AND_PSCI_FACTS.md Part C). The
// same image runs on el2emu's built-in firmware, on the guest EL3 firmware
// (psci/firmware/) and under QEMU; the transcripts are compared.
//
// Only core 0 prints. "PASS name" / "FAIL name: got G want W" lines are the
// checks; "ANSWER name x0 x1 x2 x3" lines record full register answers, for
// the firmware-against-firmware comparison. With every check passing the
// suite ends with PSCI SYSTEM_OFF; otherwise it exits with code 1.
//
// Built with -DPSCI_SUITE_PORTABLE (psci_suite_portable.elf) it leaves out the
// ANSWER lines and the KVM-specific checks where QEMU's PSCI answers otherwise
// (tests/psci/QEMU_DIVERGENCES.md), printing "SKIP name" for each, so that the
// rest can end with SYSTEM_OFF under QEMU too.
#include <stdint.h>

#include "psci/firmware/psci_ids.h"
#include "tests/psci/suite/smc.h"
#include "tests/runtime/rt.h"

#define PSCI_CPU_FREEZE 0x8400000Bu
#define PSCI_MIGRATE64 0xC4000005u
#define PSCI_MIGRATE_INFO_UP_CPU64 0xC4000007u
#define PSCI_MEM_PROTECT 0x84000013u
#define TRNG_VERSION 0x84000050u

// Context ids: role in bits 15:8, a tag in bits 7:0.
enum { kRoleMailbox = 1, kRoleRacer = 2, kRoleTarget = 3 };
#define CONTEXT(role, tag) ((uint64_t)(role) << 8 | (tag))

// Shared with the secondaries (written once per use, read with acquire).
static uint64_t mailbox[4];      // The context the core was started with.
static uint64_t entry_el[4];     // The EL it was started in.
static uint32_t release_off[4];  // Set by core 0: the core may CPU_OFF.
static int64_t race_result[4];   // A racer's CPU_ON(core 3) answer.
static uint32_t race_done[4];
static uint32_t race_ready;

extern char secondary_entry[];
static unsigned failures;

static void store(uint64_t* p, uint64_t v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
static uint64_t load(const uint64_t* p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }

static unsigned core_index(void) {
  uint64_t mpidr;
  __asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
  return (unsigned)(mpidr & 0xFF);
}

// ---- Secondaries ------------------------------------------------------------

void secondary_main(uint64_t context) {
  const unsigned me = core_index();
  store(&entry_el[me], rt_current_el());
  switch (context >> 8) {
    case kRoleRacer:
      // Both racers arrive, then both call CPU_ON(core 3) at once.
      __atomic_fetch_add(&race_ready, 1, __ATOMIC_ACQ_REL);
      while (__atomic_load_n(&race_ready, __ATOMIC_ACQUIRE) < 2) {
      }
      race_result[me] = smc(PSCI_CPU_ON64, 3, (uint64_t)secondary_entry, CONTEXT(kRoleTarget, me));
      __atomic_store_n(&race_done[me], 1, __ATOMIC_RELEASE);
      break;
    default:  // kRoleMailbox, kRoleTarget: report, then wait for core 0.
      store(&mailbox[me], context);
      while (!__atomic_load_n(&release_off[me], __ATOMIC_ACQUIRE)) {
      }
      break;
  }
  smc(PSCI_CPU_OFF, 0, 0, 0);
  rt_check_failed("CPU_OFF returned", __FILE__, __LINE__);
}

// ---- Reporting --------------------------------------------------------------

static void check(const char* name, int64_t got, int64_t want) {
  rt_puts(got == want ? "PASS " : "FAIL ");
  rt_puts(name);
  if (got != want) {
    ++failures;
    rt_puts(": got ");
    rt_put_hex((uint64_t)got);
    rt_puts(" want ");
    rt_put_hex((uint64_t)want);
  }
  rt_puts("\n");
}

// A check of KVM behaviour that QEMU does not share (QEMU_DIVERGENCES.md).
#ifdef PSCI_SUITE_PORTABLE
#define KVM_CHECK(name, got, want) skip(name)
#else
#define KVM_CHECK(name, got, want) check(name, got, want)
#endif

__attribute__((unused)) static void skip(const char* name) {
  rt_puts("SKIP ");
  rt_puts(name);
  rt_puts(" (KVM-specific)\n");
}

__attribute__((unused)) static void answer(const char* name, struct smc_result r) {
  rt_puts("ANSWER ");
  rt_puts(name);
  const uint64_t x[4] = {r.x0, r.x1, r.x2, r.x3};
  for (int i = 0; i < 4; ++i) {
    rt_puts(" ");
    rt_put_hex(x[i]);
  }
  rt_puts("\n");
}

// The waits below have no bound of their own: a core that never gets there
// ends the run at el2emu's instruction limit or the QEMU test's timeout. (A
// bound in iterations is no time bound under QEMU, whose vCPU threads may not
// be scheduled for a while on a busy host.)

// Polls AFFINITY_INFO(core) until it answers something other than ON (a core
// that has called CPU_OFF may still be on its way down); returns that answer.
static int64_t wait_off(uint32_t fn, unsigned core) {
  int64_t r;
  while ((r = smc(fn, core, 0, 0)) == PSCI_AFFINITY_ON) {
  }
  return r;
}

static uint64_t wait_mailbox(unsigned core) {
  uint64_t v;
  while (!(v = load(&mailbox[core]))) {
  }
  return v;
}

// ---- Checks -----------------------------------------------------------------

static void discovery(void) {
  check("PSCI_VERSION = 1.1", smc(PSCI_VERSION, 0, 0, 0), PSCI_VERSION_1_1);
  check("MIGRATE_INFO_TYPE = TOS_MP", smc(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0), PSCI_TOS_MP);
  static const struct {
    const char* name;
    uint32_t fn;
    int64_t want;
    int kvm_only;  // QEMU answers otherwise (QEMU_DIVERGENCES.md).
  } kFeatures[] = {
      {"PSCI_FEATURES(PSCI_VERSION)", PSCI_VERSION, 0},
      {"PSCI_FEATURES(CPU_SUSPEND64)", PSCI_CPU_SUSPEND64, 0},
      {"PSCI_FEATURES(CPU_OFF)", PSCI_CPU_OFF, 0},
      {"PSCI_FEATURES(CPU_ON32)", PSCI_CPU_ON32, 0},
      {"PSCI_FEATURES(CPU_ON64)", PSCI_CPU_ON64, 0},
      {"PSCI_FEATURES(AFFINITY_INFO32)", PSCI_AFFINITY_INFO32, 0},
      {"PSCI_FEATURES(AFFINITY_INFO64)", PSCI_AFFINITY_INFO64, 0},
      {"PSCI_FEATURES(MIGRATE_INFO_TYPE)", PSCI_MIGRATE_INFO_TYPE, 0},
      {"PSCI_FEATURES(SYSTEM_OFF)", PSCI_SYSTEM_OFF, 0},
      {"PSCI_FEATURES(SYSTEM_RESET)", PSCI_SYSTEM_RESET, 0},
      {"PSCI_FEATURES(PSCI_FEATURES)", PSCI_FEATURES, 0},
      {"PSCI_FEATURES(SMCCC_VERSION)", SMCCC_VERSION, 0, 1},
      {"PSCI_FEATURES(SYSTEM_RESET2_64)", PSCI_SYSTEM_RESET2_64, 0, 1},
      {"PSCI_FEATURES(SYSTEM_SUSPEND64) unsupported", PSCI_SYSTEM_SUSPEND64, -1},
      {"PSCI_FEATURES(CPU_FREEZE) unsupported", PSCI_CPU_FREEZE, -1},
      {"PSCI_FEATURES(MIGRATE64) unsupported", PSCI_MIGRATE64, -1},
      {"PSCI_FEATURES(SMCCC_ARCH_FEATURES) unsupported", SMCCC_ARCH_FEATURES, -1},
      {"PSCI_FEATURES(0.1 CPU_SUSPEND) unsupported", PSCI_V01_CPU_SUSPEND, -1, 1},
      {"PSCI_FEATURES(unknown 0x84001234) unsupported", 0x84001234u, -1},
  };
  for (unsigned i = 0; i < sizeof kFeatures / sizeof kFeatures[0]; ++i) {
    if (kFeatures[i].kvm_only)
      KVM_CHECK(kFeatures[i].name, smc(PSCI_FEATURES, kFeatures[i].fn, 0, 0), kFeatures[i].want);
    else
      check(kFeatures[i].name, smc(PSCI_FEATURES, kFeatures[i].fn, 0, 0), kFeatures[i].want);
  }
  check("unknown function 0x4B000000 -> NOT_SUPPORTED", smc(0x4B000000u, 0, 0, 0), -1);
  check("unknown function 1337 -> NOT_SUPPORTED", smc(1337, 0, 0, 0), -1);
  check("CPU_FREEZE -> NOT_SUPPORTED", smc(PSCI_CPU_FREEZE, 0, 0, 0), -1);
  check("MIGRATE_INFO_UP_CPU64 -> NOT_SUPPORTED", smc(PSCI_MIGRATE_INFO_UP_CPU64, 0, 0, 0), -1);
  KVM_CHECK("SMCCC_VERSION = 1.1", smc(SMCCC_VERSION, 0, 0, 0), SMCCC_VERSION_1_1);
  KVM_CHECK("SMC #1 (reserved immediate) -> NOT_SUPPORTED",
            (int64_t)smc1_call(PSCI_VERSION, 0, 0, 0).x0, -1);
  KVM_CHECK("function id read from w0 (x0 bits 63:32 ignored)",
            smc(0xFFFFFFFF00000000ull | PSCI_VERSION, 0, 0, 0), PSCI_VERSION_1_1);
}

// Full register answers, with marker values in x1..x3 so that what each
// firmware writes or leaves is visible. No call here may block: QEMU, for one,
// really suspends on the 0.1 CPU_SUSPEND (with nothing to wake the core).
__attribute__((unused)) static void answers(void) {
  static const struct {
    const char* name;
    uint32_t fn;
    uint64_t x1;
  } kCalls[] = {
      {"PSCI_VERSION", PSCI_VERSION, 0x1111},
      {"MIGRATE_INFO_TYPE", PSCI_MIGRATE_INFO_TYPE, 0x1111},
      {"PSCI_FEATURES(CPU_ON64)", PSCI_FEATURES, PSCI_CPU_ON64},
      {"PSCI_FEATURES(SYSTEM_OFF2_64)", PSCI_FEATURES, PSCI_SYSTEM_OFF2_64},
      {"SMCCC_VERSION", SMCCC_VERSION, 0x1111},
      {"SMCCC_ARCH_FEATURES(WA1)", SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_1},
      {"SMCCC_ARCH_FEATURES(WA2)", SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_2},
      {"SMCCC_ARCH_FEATURES(WA3)", SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_3},
      {"SMCCC_ARCH_FEATURES(PV_TIME_FEATURES)", SMCCC_ARCH_FEATURES, PV_TIME_FEATURES},
      {"SMCCC_ARCH_FEATURES(0x80000001)", SMCCC_ARCH_FEATURES, SMCCC_ARCH_FEATURES},
      {"ARCH_WORKAROUND_1 over SMC", SMCCC_ARCH_WORKAROUND_1, 0x1111},
      {"KVM_FEATURES", KVM_FEATURES, 0x1111},
      {"VENDOR_HYP_CALL_UID", VENDOR_HYP_CALL_UID, 0x1111},
      {"PV_TIME_FEATURES", PV_TIME_FEATURES, PV_TIME_ST},
      {"PV_TIME_ST", PV_TIME_ST, 0},
      {"TRNG_VERSION", TRNG_VERSION, 0x1111},
      {"0.1 MIGRATE", PSCI_V01_MIGRATE, 0x1111},
      {"MEM_PROTECT", PSCI_MEM_PROTECT, 0x1111},
      {"SYSTEM_SUSPEND64", PSCI_SYSTEM_SUSPEND64, 0x1111},
      {"SYSTEM_OFF2_64 at 1.1", PSCI_SYSTEM_OFF2_64, 0},
      {"SYSTEM_RESET2_64(type 1)", PSCI_SYSTEM_RESET2_64, 1},
      {"SYSTEM_RESET2_32(type 0x7fffffff)", PSCI_SYSTEM_RESET2_32, 0x7FFFFFFF},
      {"CPU_ON32(core 0, x1 bits 63:32 set)", PSCI_CPU_ON32, 0xFFFFFFFF00000000ull},
      {"AFFINITY_INFO32(x1 bits 63:32 set)", PSCI_AFFINITY_INFO32, 0xFFFFFFFF00000001ull},
      {"unknown 0x4B000000", 0x4B000000u, 0x1111},
  };
  for (unsigned i = 0; i < sizeof kCalls / sizeof kCalls[0]; ++i)
    answer(kCalls[i].name, smc_call(kCalls[i].fn, kCalls[i].x1, 0x2222, 0x3333));
  answer("SMC #1 PSCI_VERSION", smc1_call(PSCI_VERSION, 0x1111, 0x2222, 0x3333));
}

static void argument_errors(void) {
  check("AFFINITY_INFO64(core 0) = ON", smc(PSCI_AFFINITY_INFO64, 0, 0, 0), PSCI_AFFINITY_ON);
  check("AFFINITY_INFO64(core 1) = OFF before CPU_ON", smc(PSCI_AFFINITY_INFO64, 1, 0, 0),
        PSCI_AFFINITY_OFF);
  check("AFFINITY_INFO32(core 3) = OFF before CPU_ON", smc(PSCI_AFFINITY_INFO32, 3, 0, 0),
        PSCI_AFFINITY_OFF);
  check("AFFINITY_INFO64(cluster 0, level 1) = ON", smc(PSCI_AFFINITY_INFO64, 0, 1, 0),
        PSCI_AFFINITY_ON);
  check("AFFINITY_INFO64(no such core 0x100) -> INVALID_PARAMS",
        smc(PSCI_AFFINITY_INFO64, 0x100, 0, 0), PSCI_INVALID_PARAMS);
  KVM_CHECK("AFFINITY_INFO64(level 4) -> INVALID_PARAMS", smc(PSCI_AFFINITY_INFO64, 0, 4, 0),
            PSCI_INVALID_PARAMS);
  const uint64_t entry = (uint64_t)secondary_entry;
  check("CPU_ON64(no such core 0x100) -> INVALID_PARAMS", smc(PSCI_CPU_ON64, 0x100, entry, 0),
        PSCI_INVALID_PARAMS);
  check("CPU_ON64(MPIDR bit 31 set) -> INVALID_PARAMS", smc(PSCI_CPU_ON64, 0x80000001u, entry, 0),
        PSCI_INVALID_PARAMS);
  check("CPU_ON64(self) -> ALREADY_ON", smc(PSCI_CPU_ON64, 0, entry, 0), PSCI_ALREADY_ON);
}

// CPU_ON a core that reports through the mailbox, is ON until released, then
// CPU_OFFs itself.
static void mailbox_round(const char* label, unsigned core, uint32_t cpu_on, uint32_t affinity,
                          uint8_t tag) {
  const uint64_t context = CONTEXT(kRoleMailbox, tag);
  store(&mailbox[core], 0);
  __atomic_store_n(&release_off[core], 0, __ATOMIC_RELEASE);
  rt_puts("# ");
  rt_puts(label);
  rt_puts("\n");
  check("  CPU_ON -> SUCCESS", smc(cpu_on, core, (uint64_t)secondary_entry, context), 0);
  check("  secondary wrote the mailbox with x0 = context", (int64_t)wait_mailbox(core),
        (int64_t)context);
  check("  secondary runs at the caller's EL (EL2)", (int64_t)load(&entry_el[core]), 2);
  check("  CPU_ON again -> ALREADY_ON", smc(cpu_on, core, (uint64_t)secondary_entry, 0),
        PSCI_ALREADY_ON);
  check("  AFFINITY_INFO = ON while it runs", smc(affinity, core, 0, 0), PSCI_AFFINITY_ON);
  __atomic_store_n(&release_off[core], 1, __ATOMIC_RELEASE);
  check("  AFFINITY_INFO = OFF after its CPU_OFF", wait_off(affinity, core), PSCI_AFFINITY_OFF);
}

// Cores 1 and 2 both CPU_ON core 3: exactly one gets SUCCESS, the other
// ALREADY_ON (KVM never answers ON_PENDING, C.5).
static void race(void) {
  rt_puts("# race: cores 1 and 2 both CPU_ON core 3\n");
  store(&mailbox[3], 0);
  __atomic_store_n(&release_off[3], 0, __ATOMIC_RELEASE);
  const uint64_t entry = (uint64_t)secondary_entry;
  check("  CPU_ON(core 1, racer) -> SUCCESS", smc(PSCI_CPU_ON64, 1, entry, CONTEXT(kRoleRacer, 1)),
        0);
  check("  CPU_ON(core 2, racer) -> SUCCESS", smc(PSCI_CPU_ON64, 2, entry, CONTEXT(kRoleRacer, 2)),
        0);
  for (unsigned c = 1; c <= 2; ++c)
    while (!__atomic_load_n(&race_done[c], __ATOMIC_ACQUIRE)) {
    }
  const int64_t r1 = race_result[1], r2 = race_result[2];
  check("  exactly one racer got SUCCESS", (r1 == 0) + (r2 == 0), 1);
  check("  the other got ALREADY_ON", r1 == 0 ? r2 : r1, PSCI_ALREADY_ON);
  const uint64_t winner = r1 == 0 ? 1 : 2;
  check("  core 3 runs with the winner's context", (int64_t)wait_mailbox(3),
        (int64_t)CONTEXT(kRoleTarget, winner));
  check("  AFFINITY_INFO(core 3) = ON", smc(PSCI_AFFINITY_INFO64, 3, 0, 0), PSCI_AFFINITY_ON);
  __atomic_store_n(&release_off[3], 1, __ATOMIC_RELEASE);
  for (unsigned c = 1; c <= 3; ++c)
    check("  AFFINITY_INFO = OFF after CPU_OFF", wait_off(PSCI_AFFINITY_INFO64, c),
          PSCI_AFFINITY_OFF);
}

int main(void) {
  rt_puts("PSCI suite: EL");
  rt_put_dec(rt_current_el());
  rt_puts(", 4 cores, SMC conduit\n");
  discovery();
#ifndef PSCI_SUITE_PORTABLE
  answers();
#endif
  argument_errors();
  mailbox_round("core 1: CPU_ON64 / AFFINITY_INFO64", 1, PSCI_CPU_ON64, PSCI_AFFINITY_INFO64, 0x11);
  mailbox_round("core 2: CPU_ON32 / AFFINITY_INFO32", 2, PSCI_CPU_ON32, PSCI_AFFINITY_INFO32, 0x22);
  mailbox_round("core 1 again after CPU_OFF", 1, PSCI_CPU_ON64, PSCI_AFFINITY_INFO64, 0x13);
  race();
  if (failures) {
    rt_puts("FAILED: ");
    rt_put_dec(failures);
    rt_puts(" checks\n");
    return 1;
  }
  rt_puts("all checks passed; PSCI SYSTEM_OFF\n");
  smc(PSCI_SYSTEM_OFF, 0, 0, 0);
  rt_puts("FAIL SYSTEM_OFF returned\n");
  return 2;
}
