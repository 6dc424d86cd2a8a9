// Helpers for the MMU test images: 4 KiB-granule tables built in BSS, probes
// that record the exception they raise (mmu_vectors.S), and checks.
#pragma once

#include <stdint.h>

#include "tests/runtime/rt.h"

struct mmu_trap_rec {
  uint64_t esr, far, count;
};
extern volatile struct mmu_trap_rec mmu_last;
extern char mmu_vectors[];
void mmu_drop_to(unsigned el, void (*fn)(void), uint64_t sp) __attribute__((noreturn));

// Descriptor bits (Arm ARM D8.3).
#define D_VALID 1ull
#define D_TABLE 3ull
#define D_PAGE 3ull
#define D_BLOCK 1ull
#define D_ATTR(i) ((uint64_t)(i) << 2)
#define D_AP_EL0 (1ull << 6)  // AP[1]
#define D_AP_RO (1ull << 7)   // AP[2]
#define D_SH_INNER (3ull << 8)
#define D_AF (1ull << 10)
#define D_NG (1ull << 11)
#define D_PXN (1ull << 53)
#define D_UXN (1ull << 54)
#define D_XN D_UXN
#define ATTR_DEVICE 0  // MAIR Attr0 = 0x00: Device-nGnRnE.
#define ATTR_NORMAL 1  // MAIR Attr1 = 0xFF: Normal write-back.
#define MAIR_VALUE 0xFF00ull
#define NORMAL_PAGE (D_PAGE | D_ATTR(ATTR_NORMAL) | D_SH_INNER | D_AF)
#define NORMAL_BLOCK (D_BLOCK | D_ATTR(ATTR_NORMAL) | D_SH_INNER | D_AF)

// A 39-bit VA space (T0SZ = 25): the walk starts at level 1. The root maps
// RAM 1:1 (1 GiB block at 0x40000000) and a level-2/level-3 chain for
// test pages at TEST_VA; returns the level-3 table for those.
typedef uint64_t table_t[512] __attribute__((aligned(4096)));
#define TEST_VA 0x100000000ull  // Level-1 index 4.
uint64_t* mmu_build(table_t root, table_t l2, table_t l3, uint64_t root_attrs);

static inline uint64_t rd64(uint64_t a) {
  uint64_t v;
  __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory");
  return v;
}
static inline void wr64(uint64_t a, uint64_t v) {
  __asm__ volatile("str %0, [%1]" ::"r"(v), "r"(a) : "memory");
}
static inline void dsb_isb(void) { __asm__ volatile("dsb sy\n isb" ::: "memory"); }

// Runs `access`, returns 1 if it raised an exception (then mmu_last holds it).
#define FAULTS(access)                    \
  ({                                      \
    uint64_t c0_ = mmu_last.count;        \
    access;                               \
    mmu_last.count != c0_;                \
  })
#define ESR_EC(e) ((unsigned)((e) >> 26))
#define ESR_FSC(e) ((unsigned)((e)&0x3F))
#define ESR_WNR(e) ((unsigned)(((e) >> 6) & 1))

// Checks an access raised a data abort with this status code at `va`.
#define CHECK_DABT(access, ec, fsc, wnr, va)            \
  do {                                                  \
    RT_CHECK(FAULTS(access));                           \
    RT_CHECK(ESR_EC(mmu_last.esr) == (ec));             \
    RT_CHECK(ESR_FSC(mmu_last.esr) == (fsc));           \
    RT_CHECK(ESR_WNR(mmu_last.esr) == (wnr));           \
    RT_CHECK(mmu_last.far == (va));                     \
  } while (0)

// A read a TLB may answer from a stale entry. el2emu keeps every entry until
// the TLBI that removes it; hardware and QEMU may drop entries earlier (QEMU
// flushes on ASID changes), so either value passes and the count of stale
// reads is printed: el2emu's test expects all of them stale.
extern unsigned mmu_stale_seen, mmu_stale_checks;
#define CHECK_STALE(access, old, new_)  \
  do {                                  \
    const uint64_t v_ = (access);       \
    ++mmu_stale_checks;                 \
    if (v_ == (old))                    \
      ++mmu_stale_seen;                 \
    else                                \
      RT_CHECK(v_ == (new_));           \
  } while (0)

// Prints "stale <seen>/<checks>" and "PASS <name>", exits 0.
void mmu_pass(const char* name) __attribute__((noreturn));
