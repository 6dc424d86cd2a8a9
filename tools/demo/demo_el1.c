// The demo's EL1 half: makes each hyp-stub call through `hvc #0` and prints
// what came back.
#include <stdint.h>

#include "stubs/hyp_abi.h"
#include "tests/runtime/rt.h"

extern char __hyp_stub_vectors[];
extern char demo_hyp_vectors[];

static uint64_t hvc(uint64_t x0, uint64_t x1) {
  register uint64_t r0 __asm__("x0") = x0;
  register uint64_t r1 __asm__("x1") = x1;
  __asm__ volatile("hvc #0"
                   : "+r"(r0), "+r"(r1)
                   :
                   : "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
                     "x14", "x15", "x16", "x17", "x18", "memory");
  return r0;
}

// PSCI over SMC (SMCCC: function id in w0, arguments in x1..x3, result in x0).
static uint64_t smc(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3) {
  register uint64_t r0 __asm__("x0") = fn;
  register uint64_t r1 __asm__("x1") = a1;
  register uint64_t r2 __asm__("x2") = a2;
  register uint64_t r3 __asm__("x3") = a3;
  __asm__ volatile("smc #0"
                   : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
                   :
                   : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
                     "x16", "x17", "memory");
  return r0;
}

#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON_64 0xC4000003u
#define PSCI_AFFINITY_INFO_64 0xC4000004u
#define PSCI_FEATURES 0x8400000Au
#define PSCI_SYSTEM_OFF 0x84000008u

extern char demo_secondary_entry[];
static volatile uint64_t mailbox;

// Core 1, started by CPU_ON: report the context id it was given, then power off.
void secondary_main(uint64_t context) {
  mailbox = context;
  __asm__ volatile("dsb sy\n sev" ::: "memory");
  smc(PSCI_CPU_OFF, 0, 0, 0);
}

// Appends `s` to the line being built at *at.
static void append(char** at, const char* s) {
  while (*s) *(*at)++ = *s++;
}

// One semihosting write per line, so lines from the two cores never interleave.
static void report(const char* call, uint64_t result) {
  static const char* const kPsciErrors[] = {"",          " (NOT_SUPPORTED)", " (INVALID_PARAMS)",
                                            " (DENIED)", " (ALREADY_ON)",    " (ON_PENDING)",
                                            " (INTERNAL_FAILURE)"};
  char line[160];
  char hex[19] = "0x";
  char* at = line;
  for (int i = 0; i < 16; ++i) hex[2 + i] = "0123456789abcdef"[(result >> (60 - 4 * i)) & 0xF];
  hex[18] = 0;
  append(&at, "  EL1: ");
  append(&at, call);
  append(&at, " -> ");
  append(&at, hex);
  const int64_t negative = -(int64_t)result;
  if (result == 0)
    append(&at, " (ok)");
  else if (result == HVC_STUB_ERR)
    append(&at, " (HVC_STUB_ERR)");
  else if (negative > 0 && negative <= 6)
    append(&at, kPsciErrors[negative]);
  append(&at, "\n");
  *at = 0;
  rt_puts(line);
}

int main(void) {
  rt_puts("  EL1: running at EL");
  rt_put_dec(rt_current_el());
  rt_puts(", stub vectors at ");
  rt_put_hex((uint64_t)__hyp_stub_vectors);
  rt_puts("\n");
  report("HVC_RESET_VECTORS", hvc(HVC_RESET_VECTORS, 0));
  // Install a "hypervisor" (2 KiB-aligned vectors), call it, then tear it down.
  report("HVC_SET_VECTORS(demo_hyp_vectors)", hvc(HVC_SET_VECTORS, (uint64_t)demo_hyp_vectors));
  report("hypervisor call 0x4b", hvc(0x4b, 0));
  report("HVC_RESET_VECTORS (via the hypervisor)", hvc(HVC_RESET_VECTORS, 0));
  report("HVC_FINALISE_EL2 (no VHE: declined)", hvc(HVC_FINALISE_EL2, 0));
  report("unknown call 0x4", hvc(4, 0));

  // PSCI, answered by el2emu's built-in firmware (KVM semantics) over SMC.
  report("PSCI_VERSION", smc(PSCI_VERSION, 0, 0, 0));
  report("PSCI_FEATURES(CPU_ON)", smc(PSCI_FEATURES, PSCI_CPU_ON_64, 0, 0));
  report("CPU_ON(core 1)", smc(PSCI_CPU_ON_64, 1, (uint64_t)demo_secondary_entry, 0x5ec0));
  report("CPU_ON(core 1) again", smc(PSCI_CPU_ON_64, 1, (uint64_t)demo_secondary_entry, 0));
  while (mailbox == 0) __asm__ volatile("wfe");
  rt_puts("  EL1: core 1 says its context id is ");
  rt_put_hex(mailbox);
  rt_puts("\n");
  uint64_t state;
  while ((state = smc(PSCI_AFFINITY_INFO_64, 1, 0, 0)) != 1) {
  }
  report("AFFINITY_INFO(core 1) after its CPU_OFF", state);
  rt_puts("  EL1: PSCI SYSTEM_OFF\n");
  smc(PSCI_SYSTEM_OFF, 0, 0, 0);
  return 1;  // Not reached: SYSTEM_OFF ends the run.
}
