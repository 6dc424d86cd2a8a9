// Stage 1 of the EL2 regime from the inside: builds 4 KiB tables, turns the
// MMU on at EL2, takes translation / access-flag / permission / address-size /
// alignment faults and reads ESR_EL2, FAR_EL2 and PAR_EL1 (AT S1E2R/W); then
// proves a stale TLB entry is used until the right TLBI and not after.
#include "tests/mmu/mmu_rt.h"

static table_t root, l2, l3;
static uint8_t stack[8192] __attribute__((aligned(16)));

#define PAGE_A 0x48000000ull
#define PAGE_B 0x48001000ull
#define PAGE_C 0x48002000ull
#define VA(n) (TEST_VA + ((uint64_t)(n) << 12))

static uint64_t at_s1e2r(uint64_t va) {
  uint64_t par;
  __asm__ volatile("at s1e2r, %1\n isb\n mrs %0, par_el1" : "=r"(par) : "r"(va) : "memory");
  return par;
}
static uint64_t at_s1e2w(uint64_t va) {
  uint64_t par;
  __asm__ volatile("at s1e2w, %1\n isb\n mrs %0, par_el1" : "=r"(par) : "r"(va) : "memory");
  return par;
}
static void tlbi_vae2(uint64_t va) {
  __asm__ volatile("dsb ishst\n tlbi vae2, %0\n dsb ish\n isb" ::"r"(va >> 12) : "memory");
}
static void tlbi_vale2(uint64_t va) {
  __asm__ volatile("dsb ishst\n tlbi vale2is, %0\n dsb ish\n isb" ::"r"(va >> 12) : "memory");
}
static void tlbi_alle2(void) { __asm__ volatile("dsb ishst\n tlbi alle2\n dsb ish\n isb" ::: "memory"); }
typedef void (*fn_t)(void);
static void call(uint64_t va) { ((fn_t)va)(); }

static void el2_main(void) {
  __asm__ volatile("msr vbar_el2, %0\n isb" ::"r"(mmu_vectors));
  RT_CHECK(rt_current_el() == 2);
  uint64_t* pt = mmu_build(root, l2, l3, 0);
  pt[0] = PAGE_A | NORMAL_PAGE;                        // RW
  pt[1] = PAGE_B | NORMAL_PAGE | D_AP_RO;              // RO
  pt[2] = (PAGE_C | NORMAL_PAGE) & ~D_AF;              // AF = 0
  pt[3] = 0;                                           // Invalid
  pt[4] = PAGE_C | D_PAGE | D_ATTR(ATTR_DEVICE) | D_AF;  // Device
  pt[5] = PAGE_C | NORMAL_PAGE | (1ull << 41);         // OA beyond 40-bit PS
  pt[6] = PAGE_C | NORMAL_PAGE | D_XN;                 // Execute-never
  pt[7] = PAGE_A | NORMAL_PAGE;                        // Remapped below (TLB)
  pt[8] = PAGE_A | NORMAL_PAGE;
  pt[9] = PAGE_A | NORMAL_PAGE;
  wr64(PAGE_A, 0x1111);
  wr64(PAGE_B, 0x2222);
  wr64(PAGE_C, 0x3333);

  // TCR_EL2: T0SZ 25, IRGN0/ORGN0 WB, SH0 inner, TG0 4K, PS 40 bits, RES1 31/23.
  const uint64_t tcr = 25 | (1 << 8) | (1 << 10) | (3 << 12) | (2ull << 16) | (1ull << 31) | (1ull << 23);
  __asm__ volatile(
      "msr mair_el2, %0\n msr tcr_el2, %1\n msr ttbr0_el2, %2\n isb\n"
      "tlbi alle2\n dsb ish\n isb\n"
      "mrs x9, sctlr_el2\n orr x9, x9, #1\n orr x9, x9, #(1 << 2)\n orr x9, x9, #(1 << 12)\n"
      "bic x9, x9, #(1 << 1)\n bic x9, x9, #(1 << 19)\n msr sctlr_el2, x9\n isb" ::"r"(MAIR_VALUE),
      "r"(tcr), "r"((uint64_t)root)
      : "x9", "memory");

  // Mapped pages read through the tables; RAM stays reachable 1:1.
  RT_CHECK(rd64(VA(0)) == 0x1111);
  RT_CHECK(rd64(VA(1) + 0) == 0x2222);
  RT_CHECK(!FAULTS(wr64(VA(0) + 8, 5)));
  RT_CHECK(rd64(PAGE_A + 8) == 5);

  // Faults, each with its level (EC 0x25: data abort, same EL).
  CHECK_DABT(wr64(VA(1) + 16, 1), 0x25, 0x0F, 1, VA(1) + 16);  // Permission, level 3.
  CHECK_DABT(rd64(VA(2)), 0x25, 0x0B, 0, VA(2));               // Access flag, level 3.
  CHECK_DABT(rd64(VA(3) + 8), 0x25, 0x07, 0, VA(3) + 8);       // Translation, level 3.
  CHECK_DABT(rd64(TEST_VA + (1ull << 21)), 0x25, 0x06, 0, TEST_VA + (1ull << 21));  // Level 2.
  CHECK_DABT(rd64(0x140000000ull), 0x25, 0x05, 0, 0x140000000ull);  // Level 1.
  CHECK_DABT(rd64(1ull << 40), 0x25, 0x04, 0, 1ull << 40);          // Beyond T0SZ: level 0.
  RT_CHECK(rd64(VA(4) + 8) == 0);                                   // Aligned Device: fine.
  CHECK_DABT(rd64(VA(5)), 0x25, 0x03, 0, VA(5));                    // Address size, level 3.
  RT_CHECK(rd64(VA(0) + 4) == 0x500000000ull);                      // Unaligned Normal: fine.
  // Instruction fetch from an XN page: instruction abort, permission, level 3.
  RT_CHECK(FAULTS(call(VA(6))));
  RT_CHECK(ESR_EC(mmu_last.esr) == 0x21);
  RT_CHECK(ESR_FSC(mmu_last.esr) == 0x0F);
  RT_CHECK(mmu_last.far == VA(6));

  // AT S1E2R/W: PAR_EL1 success (PA, ATTR, SH, bit 11) and fault (FST) formats.
  uint64_t par = at_s1e2r(VA(1) + 0x123);
  RT_CHECK((par & 1) == 0);
  RT_CHECK((par & 0xFFFFFFFFF000ull) == PAGE_B);
  RT_CHECK(par >> 56 == 0xFF);
  RT_CHECK(((par >> 7) & 3) == 3);
  par = at_s1e2w(VA(1));
  RT_CHECK((par & 1) == 1);
  RT_CHECK(((par >> 1) & 0x3F) == 0x0F);
  RT_CHECK(((at_s1e2r(VA(3)) >> 1) & 0x3F) == 0x07);
  RT_CHECK(((at_s1e2r(VA(2)) >> 1) & 0x3F) == 0x0B);
  par = at_s1e2r(VA(4));
  RT_CHECK(par >> 56 == 0x00);  // Device-nGnRnE (SH: see mmu/walk_test.cc, QEMU 7.2 differs).

  // TLB maintenance: a changed descriptor is not seen until TLBI of its VA.
  for (int i = 7; i <= 9; ++i) RT_CHECK(rd64(VA(i)) == 0x1111);
  pt[7] = pt[8] = pt[9] = PAGE_B | NORMAL_PAGE;
  dsb_isb();
  CHECK_STALE(rd64(VA(7)), 0x1111, 0x2222);
  tlbi_vae2(VA(8));  // The wrong VA: VA(7) stays stale.
  CHECK_STALE(rd64(VA(7)), 0x1111, 0x2222);
  tlbi_vae2(VA(7));
  RT_CHECK(rd64(VA(7)) == 0x2222);
  RT_CHECK(rd64(VA(8)) == 0x2222);  // Invalidated above.
  CHECK_STALE(rd64(VA(9)), 0x1111, 0x2222);  // Still stale...
  tlbi_vale2(VA(9));
  RT_CHECK(rd64(VA(9)) == 0x2222);  // ...until VALE2IS.
  pt[7] = PAGE_C | NORMAL_PAGE;
  dsb_isb();
  CHECK_STALE(rd64(VA(7)), 0x2222, 0x3333);
  tlbi_alle2();
  RT_CHECK(rd64(VA(7)) == 0x3333);
  // Removing a mapping: the cached entry translates until invalidated.
  RT_CHECK(rd64(VA(0)) == 0x1111);
  pt[0] = 0;
  dsb_isb();
  mmu_stale_seen += !FAULTS(rd64(VA(0)));
  ++mmu_stale_checks;
  tlbi_vae2(VA(0));
  CHECK_DABT(rd64(VA(0)), 0x25, 0x07, 0, VA(0));
  mmu_pass("mmu_el2");
}

int main(void) {
  RT_CHECK(rt_current_el() == 3);
  __asm__ volatile("msr vbar_el3, %0" ::"r"(mmu_vectors));
  mmu_drop_to(2, el2_main, (uint64_t)(stack + sizeof stack));
}
