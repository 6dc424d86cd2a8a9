// SMCCC calls over SMC (function ID in w0, arguments x1..x3, results x0..x3).
#pragma once

#include <stdint.h>

struct smc_result {
  uint64_t x0, x1, x2, x3;
};

static inline struct smc_result smc_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3) {
  register uint64_t r0 __asm__("x0") = fn;
  register uint64_t r1 __asm__("x1") = a1;
  register uint64_t r2 __asm__("x2") = a2;
  register uint64_t r3 __asm__("x3") = a3;
  __asm__ volatile("smc #0"
                   : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
                   :
                   : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
                     "x16", "x17", "memory");
  return (struct smc_result){r0, r1, r2, r3};
}

// The same with SMC #1: SMCCC reserves non-zero immediates (facts file C.4).
static inline struct smc_result smc1_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3) {
  register uint64_t r0 __asm__("x0") = fn;
  register uint64_t r1 __asm__("x1") = a1;
  register uint64_t r2 __asm__("x2") = a2;
  register uint64_t r3 __asm__("x3") = a3;
  __asm__ volatile("smc #1"
                   : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
                   :
                   : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
                     "x16", "x17", "memory");
  return (struct smc_result){r0, r1, r2, r3};
}

static inline int64_t smc(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3) {
  return (int64_t)smc_call(fn, a1, a2, a3).x0;
}
