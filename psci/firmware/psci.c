// el2emu's guest EL3 firmware: PSCI 1.1 over SMC with the answers of the
// built-in firmware (psci/, KVM semantics; facts file Part C), as real code
// running on the emulated cores. Entry, pen and vectors are in boot.S.
//
// Power state lives in memory shared by the cores and changes under a
// spinlock (LDAXR/STXR, no LSE), so CPU_ON races have exactly one winner and
// the loser sees ALREADY_ON, never ON_PENDING, like KVM (C.5). The firmware
// does not clear its BSS: it relies on RAM being zero at reset (el2emu, QEMU).
#include <stdint.h>

#include "psci/firmware/layout.h"
#include "psci/firmware/psci_ids.h"
#include "tests/runtime/rt.h"

// One core's holding-pen slot: CPU_ON fills entry, context and EL, then sets
// `go` with a store-release and SEVs; the pen loads `go` with acquire.
struct pen_slot {
  uint64_t entry;
  uint64_t context;
  uint64_t el;
  uint32_t go;
};

static struct pen_slot pen[FW_MAX_CORES];
static uint64_t core_mpidr[FW_MAX_CORES];
static uint32_t core_present[FW_MAX_CORES];
static uint32_t core_on[FW_MAX_CORES];  // 1 from CPU_ON (or boot) to CPU_OFF.
static uint32_t psci_lock;

void fw_park(uint64_t core) __attribute__((noreturn));  // boot.S

static void lock(void) {
  uint32_t held, failed;
  __asm__ volatile(
      "1: ldaxr %w0, [%2]\n"
      "   cbnz %w0, 1b\n"
      "   stxr %w1, %w3, [%2]\n"
      "   cbnz %w1, 1b\n"
      : "=&r"(held), "=&r"(failed)
      : "r"(&psci_lock), "r"(1)
      : "memory");
}

static void unlock(void) { __atomic_store_n(&psci_lock, 0, __ATOMIC_RELEASE); }

static unsigned this_core(void) {
  uint64_t mpidr;
  __asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
  return (unsigned)(mpidr & 0xFF);
}

void fw_core_init(uint64_t core, uint64_t mpidr) {
  core_mpidr[core] = mpidr & MPIDR_HWID_MASK;
  if (core == 0) core_on[0] = 1;
  __atomic_store_n(&core_present[core], 1, __ATOMIC_RELEASE);
}

// Core 0 boots the payload only when every core of the platform is in the pen,
// so a CPU_ON never finds its target still booting.
void fw_wait_for_secondaries(void) {
  for (unsigned i = 1; i < FW_CORE_COUNT; ++i)
    while (!__atomic_load_n(&core_present[i], __ATOMIC_ACQUIRE)) {
    }
}

// Waits for CPU_ON to release `core`; returns its slot (boot.S reads entry,
// context and EL at offsets 0, 8 and 16).
const struct pen_slot* fw_pen_wait(uint64_t core) {
  struct pen_slot* s = &pen[core];
  while (!__atomic_load_n(&s->go, __ATOMIC_ACQUIRE)) __asm__ volatile("wfe");
  s->go = 0;
  return s;
}

static void fw_exit(uint64_t code) {
  static uint64_t block[2];
  block[0] = 0x20026;  // ADP_Stopped_ApplicationExit.
  block[1] = code;
  register uint64_t x0 __asm__("x0") = 0x18;  // SYS_EXIT.
  register uint64_t x1 __asm__("x1") = (uint64_t)block;
  __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
  for (;;) {
  }
}

void fw_unexpected(uint64_t offset) {
  uint64_t esr, elr;
  __asm__ volatile("mrs %0, esr_el3\n mrs %1, elr_el3" : "=r"(esr), "=r"(elr));
  rt_puts("psci firmware: unexpected exception: vector offset ");
  rt_put_hex(offset);
  rt_puts(" ESR ");
  rt_put_hex(esr);
  rt_puts(" ELR ");
  rt_put_hex(elr);
  rt_puts("\n");
  fw_exit(99);
}

// The core whose MPIDR (under the HW-ID mask) is `target`, or -1.
static int find_core(uint64_t target, uint64_t mask) {
  for (unsigned i = 0; i < FW_CORE_COUNT; ++i)
    if ((core_mpidr[i] & mask) == (target & mask)) return (int)i;
  return -1;
}

// C.5 CPU_ON: bad MPIDR -> INVALID_PARAMS; target on (or pending, or the
// caller) -> ALREADY_ON; else the target is on from now and starts at `entry`
// in the caller's EL with x0 = context. The check and the state change are one
// critical section, so two racing callers cannot both win.
static int64_t cpu_on(uint64_t target, uint64_t entry, uint64_t context, uint64_t el) {
  if (target & ~MPIDR_HWID_MASK) return PSCI_INVALID_PARAMS;
  const int core = find_core(target, MPIDR_HWID_MASK);
  if (core < 0) return PSCI_INVALID_PARAMS;
  lock();
  if (core_on[core]) {
    unlock();
    return PSCI_ALREADY_ON;
  }
  core_on[core] = 1;
  pen[core].entry = entry;
  pen[core].context = context;
  pen[core].el = el;
  __atomic_store_n(&pen[core].go, 1, __ATOMIC_RELEASE);
  unlock();
  __asm__ volatile("dsb ish\n sev" ::: "memory");
  return PSCI_SUCCESS;
}

// C.5 AFFINITY_INFO: ON (0) if any matching core is on, OFF (1) if all
// matching cores are off, INVALID_PARAMS if none matches or the level is > 3.
static int64_t affinity_info(uint64_t target, uint64_t level) {
  static const uint64_t kLevelMask[4] = {0xFF00FFFFFFull, 0xFF00FFFF00ull, 0xFF00FF0000ull,
                                         0xFF00000000ull};
  if ((target & ~MPIDR_HWID_MASK) || level > 3) return PSCI_INVALID_PARAMS;
  int64_t r = PSCI_INVALID_PARAMS;
  for (unsigned i = 0; i < FW_CORE_COUNT; ++i) {
    if ((core_mpidr[i] & kLevelMask[level]) != (target & kLevelMask[level])) continue;
    if (__atomic_load_n(&core_on[i], __ATOMIC_ACQUIRE)) return PSCI_AFFINITY_ON;
    r = PSCI_AFFINITY_OFF;
  }
  return r;
}

static void cpu_off(unsigned core) __attribute__((noreturn));
static void cpu_off(unsigned core) {
  lock();
  core_on[core] = 0;
  unlock();
  fw_park(core);
}

// C.3 PSCI_FEATURES(x1 as 32 bits) for PSCI 1.1, SYSTEM_SUSPEND disabled.
static int64_t psci_features(uint32_t f) {
  switch (f) {
    case PSCI_VERSION:
    case PSCI_CPU_SUSPEND32:
    case PSCI_CPU_SUSPEND64:
    case PSCI_CPU_OFF:
    case PSCI_CPU_ON32:
    case PSCI_CPU_ON64:
    case PSCI_AFFINITY_INFO32:
    case PSCI_AFFINITY_INFO64:
    case PSCI_MIGRATE_INFO_TYPE:
    case PSCI_SYSTEM_OFF:
    case PSCI_SYSTEM_RESET:
    case PSCI_FEATURES:
    case SMCCC_VERSION:
    case PSCI_SYSTEM_RESET2_32:
    case PSCI_SYSTEM_RESET2_64:
      return PSCI_SUCCESS;
    default:
      return PSCI_NOT_SUPPORTED;
  }
}

// C.6 SMCCC_ARCH_FEATURES(x1 as 32 bits) for a host unaffected by Spectre
// v2/v4/BHB, with the default STD_HYP bitmap (PV time).
static int64_t arch_features(uint32_t f) {
  switch (f) {
    case SMCCC_ARCH_WORKAROUND_1:
    case SMCCC_ARCH_WORKAROUND_3:
      return SMCCC_WORKAROUND_UNAFFECTED;
    case SMCCC_ARCH_WORKAROUND_2:
      return SMCCC_NOT_REQUIRED;
    case PV_TIME_FEATURES:
      return PSCI_SUCCESS;
    default:
      return PSCI_NOT_SUPPORTED;
  }
}

static void ret(uint64_t* x, int64_t r) {
  x[0] = (uint64_t)r;
  x[1] = x[2] = x[3] = 0;
}

static void system_event(void) __attribute__((noreturn));
// SYSTEM_OFF / SYSTEM_RESET(2): el2emu has no power controller, so the
// firmware ends the run through semihosting SYS_EXIT with code 0, which el2emu
// and QEMU report as a clean exit (the built-in firmware's SystemOff/Reset
// stop also exits 0).
static void system_event(void) {
  fw_exit(0);
  __builtin_unreachable();
}

// The SMC handler (lower-EL synchronous exception; x = the caller's x0..x30).
// Dispatch as C.4: SMC immediate != 0 -> x0 = -1 only; the function ID is w0;
// 32-bit IDs with 32-bit arguments see x1..x3 zero-extended; unknown IDs ->
// x0 = -1, x1..x3 = 0.
void fw_smc(uint64_t* x) {
  uint64_t esr, spsr;
  __asm__ volatile("mrs %0, esr_el3\n mrs %1, spsr_el3" : "=r"(esr), "=r"(spsr));
  if ((esr >> 26) != 0x17) fw_unexpected(0x400);  // Not an SMC from AArch64.
  if (esr & 0xFFFF) {
    x[0] = (uint64_t)PSCI_NOT_SUPPORTED;
    return;
  }
  const uint32_t fn = (uint32_t)x[0];
  const uint64_t caller_el = (spsr >> 2) & 3;
  switch (fn) {
    case PSCI_CPU_ON32:
    case PSCI_AFFINITY_INFO32:
    case PSCI_SYSTEM_RESET2_32:
      x[1] = (uint32_t)x[1];
      x[2] = (uint32_t)x[2];
      x[3] = (uint32_t)x[3];
      break;
    default:
      break;
  }
  switch (fn) {
    case PSCI_VERSION:
      ret(x, PSCI_VERSION_1_1);
      return;
    case PSCI_CPU_SUSPEND32:
    case PSCI_CPU_SUSPEND64:
      ret(x, PSCI_SUCCESS);  // Standby that wakes at once (C.3).
      return;
    case PSCI_CPU_OFF:
      cpu_off(this_core());
    case PSCI_CPU_ON32:
    case PSCI_CPU_ON64:
      ret(x, cpu_on(x[1], x[2], x[3], caller_el));
      return;
    case PSCI_AFFINITY_INFO32:
    case PSCI_AFFINITY_INFO64:
      ret(x, affinity_info(x[1], x[2]));
      return;
    case PSCI_MIGRATE_INFO_TYPE:
      ret(x, PSCI_TOS_MP);
      return;
    case PSCI_SYSTEM_OFF:
    case PSCI_SYSTEM_RESET:
      system_event();
    case PSCI_SYSTEM_RESET2_32:
    case PSCI_SYSTEM_RESET2_64:
      if ((uint32_t)x[1] == 0 || (uint32_t)x[1] >= PSCI_RESET_TYPE_VENDOR_START) system_event();
      ret(x, PSCI_INVALID_PARAMS);  // x0 only on success (C.4), else x1..x3 = 0 too.
      return;
    case PSCI_FEATURES:
      ret(x, psci_features((uint32_t)x[1]));
      return;
    case SMCCC_VERSION:
      ret(x, SMCCC_VERSION_1_1);
      return;
    case SMCCC_ARCH_FEATURES:
      ret(x, arch_features((uint32_t)x[1]));
      return;
    case KVM_FEATURES:
      ret(x, KVM_VENDOR_HYP_BMAP);
      return;
    case VENDOR_HYP_CALL_UID:
      x[0] = KVM_UID_0;
      x[1] = KVM_UID_1;
      x[2] = KVM_UID_2;
      x[3] = KVM_UID_3;
      return;
    default:
      ret(x, PSCI_NOT_SUPPORTED);
      return;
  }
}
