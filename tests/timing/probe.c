// Timing probes (issue F9, docs/TIMING.md "Comparison"): each measures one
// behaviour with the cycle counter (PMCCNTR_EL0, which follows el2emu's
// modelled cycles) and prints cycles per operation x100. Runs at EL2 on a
// machine without EL3 (`--no-el3`), MMU off. tests/timing/timing_test.py
// checks the relations the model must show (a dependent chain costs more
// than independent work, misses more than hits, mispredictions more than
// predictable branches) and determinism.
#include <stdint.h>

#include "tests/runtime/rt.h"

#define N 4096

static inline uint64_t cycles(void) {
  uint64_t v;
  __asm__ volatile("isb; mrs %0, PMCCNTR_EL0" : "=r"(v)::"memory");
  return v;
}

static void report(const char* name, uint64_t total, uint64_t ops) {
  rt_puts(name);
  rt_puts(" ");
  rt_put_dec(total * 100 / ops);
  rt_puts("\n");
}

static void mul_chains(void) {
  uint64_t t0 = cycles();
  __asm__ volatile(
      "mov x9, #"
      "4096"
      "\n"
      "1: mul x10, x10, x11\n mul x10, x10, x11\n mul x10, x10, x11\n mul x10, x10, x11\n"
      "subs x9, x9, #1\n b.ne 1b" ::
          : "x9", "x10", "x11", "cc");
  report("mul_dependent", cycles() - t0, 4 * N);
  t0 = cycles();
  __asm__ volatile(
      "mov x9, #"
      "4096"
      "\n"
      "1: mul x10, x14, x11\n mul x12, x14, x11\n mul x13, x14, x11\n mul x15, x14, x11\n"
      "subs x9, x9, #1\n b.ne 1b" ::
          : "x9", "x10", "x11", "x12", "x13", "x14", "x15", "cc");
  report("mul_independent", cycles() - t0, 4 * N);
}

// A pointer chase through `bytes` of memory, one line (64 B) per step, in an
// order that jumps by a large odd stride so no two steps share a line.
static uint64_t ring[(8u << 20) / 8] __attribute__((aligned(64)));

static void chase(const char* name, uint64_t bytes) {
  const uint64_t lines = bytes / 64, step = lines / 2 + 1;  // Coprime with a power of two.
  for (uint64_t i = 0, at = 0; i < lines; ++i, at = (at + step) % lines)
    ring[at * 8] = (uint64_t)&ring[((at + step) % lines) * 8];
  uint64_t p = (uint64_t)&ring[0];
  for (uint64_t i = 0; i < lines; ++i) p = *(volatile uint64_t*)p;  // Warm up.
  const uint64_t t0 = cycles();
  for (uint64_t i = 0; i < N; ++i) p = *(volatile uint64_t*)p;
  report(name, cycles() - t0, N);
}

static void branches(void) {
  uint64_t x = 12345, taken = 0;
  uint64_t t0 = cycles();
  for (uint64_t i = 0; i < N; ++i) {
    __asm__ volatile("" : "+r"(x));
    if (i & 1) ++taken;  // Alternating: learnt by a history-based predictor.
  }
  report("branch_alternating", cycles() - t0, N);
  t0 = cycles();
  for (uint64_t i = 0; i < N; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    __asm__ volatile("" : "+r"(x));
    if (x >> 63) ++taken;  // A pseudo-random outcome: mispredicted half the time.
  }
  report("branch_random", cycles() - t0, N);
  __asm__ volatile("" ::"r"(taken));
}

extern char probe_el1_vectors[], probe_el2_vectors[];

// Round trips: an HVC from EL1 to an EL2 handler that only ERETs (a trap to
// EL2 and back), and an SVC from EL0 to an EL1 handler that only ERETs (a
// null system call). PMUSERENR_EL0 lets EL0 read the counter; semihosting
// works at every EL.
static void round_trips(const char* name, int hvc) {
  const uint64_t t0 = cycles();
  for (int i = 0; i < 256; ++i) {
    if (hvc)
      __asm__ volatile("hvc #0" ::: "memory");
    else
      __asm__ volatile("svc #0" ::: "memory");
  }
  report(name, cycles() - t0, 256);
}

static uint64_t el0_stack[512] __attribute__((aligned(16)));

__attribute__((noreturn)) void el0_main(void) {
  round_trips("svc_round_trip", 0);
  rt_exit(0);
}

__attribute__((noreturn)) void el1_main(void) {
  round_trips("hvc_round_trip", 1);
  __asm__ volatile(
      "msr VBAR_EL1, %0\n msr SP_EL0, %1\n msr SPSR_EL1, xzr\n msr ELR_EL1, %2\n isb\n eret" ::"r"(
          probe_el1_vectors),
      "r"(&el0_stack[512]), "r"(el0_main));
  __builtin_unreachable();
}

int main(void) {
  RT_CHECK(rt_current_el() == 2);
  __asm__ volatile(
      "msr PMCR_EL0, %0\n msr PMCNTENSET_EL0, %1\n msr PMUSERENR_EL0, %2\n isb" ::"r"(1ull),
      "r"(1ull << 31), "r"(0xFull));
  mul_chains();
  chase("chase_4k", 4u << 10);
  chase("chase_256k", 256u << 10);
  chase("chase_8m", 8u << 20);
  branches();
  // To EL1 (AArch64, EL1h, interrupts masked) on this stack, at el1_main.
  __asm__ volatile(
      "msr VBAR_EL2, %0\n mov x0, sp\n msr SP_EL1, x0\n"
      "mov x0, #(1 << 31)\n msr HCR_EL2, x0\n mov x0, #0x3c5\n msr SPSR_EL2, x0\n"
      "msr ELR_EL2, %1\n isb\n eret" ::"r"(probe_el2_vectors),
      "r"(el1_main)
      : "x0");
  __builtin_unreachable();
}
