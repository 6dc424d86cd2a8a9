// Stage 1 of the EL1&0 regime: TTBR0 and TTBR1, ASID-tagged (nG) entries,
// EL0 permissions through AT S1E0R/W, privileged execute-never for
// EL0-writable pages, PAN where implemented, and the EL1 TLBI forms
// (VAE1, VAAE1, ASIDE1, VMALLE1) each proved against a stale entry.
#include "tests/mmu/mmu_rt.h"

static table_t root_a, l2_a, l3_a, root_b, l2_b, l3_b, root_hi, l2_hi, l3_hi;
static uint8_t stack[8192] __attribute__((aligned(16)));

#define PAGE_A 0x48000000ull
#define PAGE_B 0x48001000ull
#define PAGE_C 0x48002000ull
#define VA(n) (TEST_VA + ((uint64_t)(n) << 12))
#define HI_VA 0xFFFFFF8000000000ull  // TTBR1, T1SZ 25: level-1 index 0.
#define ASID(n) ((uint64_t)(n) << 48)

#define AT(op, va)                                                                        \
  ({                                                                                      \
    uint64_t par_;                                                                        \
    __asm__ volatile("at " op ", %1\n isb\n mrs %0, par_el1" : "=r"(par_) : "r"(va) : "memory"); \
    par_;                                                                                 \
  })
#define TLBI(op, arg) __asm__ volatile("dsb ishst\n tlbi " op ", %0\n dsb ish\n isb" ::"r"(arg) : "memory")
#define PAR_FST(p) ((unsigned)(((p) >> 1) & 0x3F))
typedef void (*fn_t)(void);
static void call(uint64_t va) { ((fn_t)va)(); }

static void set_ttbr0(uint64_t v) { __asm__ volatile("msr ttbr0_el1, %0\n isb" ::"r"(v) : "memory"); }

static void el1_main(void) {
  __asm__ volatile("msr vbar_el1, %0\n isb" ::"r"(mmu_vectors));
  RT_CHECK(rt_current_el() == 1);
  // Two lower-range address spaces (ASID 1 and 2) and one upper range.
  uint64_t* a = mmu_build(root_a, l2_a, l3_a, 0);
  uint64_t* b = mmu_build(root_b, l2_b, l3_b, 0);
  uint64_t* hi = mmu_build(root_hi, l2_hi, l3_hi, 0);
  root_hi[0] = (uint64_t)l2_hi | D_TABLE;
  a[0] = PAGE_A | NORMAL_PAGE | D_NG;
  b[0] = PAGE_B | NORMAL_PAGE | D_NG;
  a[1] = PAGE_A | NORMAL_PAGE | D_AP_EL0 | D_UXN;  // EL0 RW: never privileged-executable.
  a[2] = PAGE_B | NORMAL_PAGE | D_AP_RO | D_AP_EL0;  // EL0 RO.
  a[3] = PAGE_A | NORMAL_PAGE;                       // Global.
  a[4] = PAGE_C | NORMAL_PAGE | D_AP_RO;             // Privileged RO, no EL0.
  hi[0] = PAGE_C | NORMAL_PAGE;
  wr64(PAGE_A, 0x1111);
  wr64(PAGE_B, 0x2222);
  wr64(PAGE_C, 0x3333);

  // TCR_EL1: T0SZ = T1SZ = 25, 4K granules (TG1 = 0b10), WB, inner shareable,
  // IPS 40 bits, AS = 1 (16-bit ASIDs: cortex-a57 has them), A1 = 0.
  const uint64_t tcr = 25 | (1 << 8) | (1 << 10) | (3 << 12) | (25ull << 16) | (1ull << 24) |
                       (1ull << 26) | (3ull << 28) | (2ull << 30) | (2ull << 32) | (1ull << 36);
  __asm__ volatile(
      "msr mair_el1, %0\n msr tcr_el1, %1\n msr ttbr0_el1, %2\n msr ttbr1_el1, %3\n isb\n"
      "tlbi vmalle1\n dsb ish\n isb\n"
      "mrs x9, sctlr_el1\n orr x9, x9, #1\n orr x9, x9, #(1 << 2)\n orr x9, x9, #(1 << 12)\n"
      "bic x9, x9, #(1 << 1)\n bic x9, x9, #(1 << 19)\n msr sctlr_el1, x9\n isb" ::"r"(MAIR_VALUE),
      "r"(tcr), "r"((uint64_t)root_a | ASID(1)), "r"((uint64_t)root_hi)
      : "x9", "memory");

  RT_CHECK(rd64(VA(0)) == 0x1111);
  RT_CHECK(rd64(HI_VA + 8) == 0);
  RT_CHECK(rd64(HI_VA) == 0x3333);
  // A VA in neither range (bit 55 set, not all ones above 39): level 0.
  CHECK_DABT(rd64(0x0080000000000000ull), 0x25, 0x04, 0, 0x0080000000000000ull);

  // ASIDs: switching TTBR0 and ASID needs no TLBI; nG entries stay tagged.
  set_ttbr0((uint64_t)root_b | ASID(2));
  RT_CHECK(rd64(VA(0)) == 0x2222);
  set_ttbr0((uint64_t)root_a | ASID(1));
  a[0] = PAGE_C | NORMAL_PAGE | D_NG;
  dsb_isb();
  CHECK_STALE(rd64(VA(0)), 0x1111, 0x3333);  // ASID 1's entry survived.
  TLBI("aside1", ASID(2));                   // Another ASID: no effect.
  CHECK_STALE(rd64(VA(0)), 0x1111, 0x3333);
  TLBI("vae1", ASID(2) | (VA(0) >> 12));     // Right VA, wrong ASID: no effect.
  CHECK_STALE(rd64(VA(0)), 0x1111, 0x3333);
  TLBI("aside1is", ASID(1));
  RT_CHECK(rd64(VA(0)) == 0x3333);
  a[0] = PAGE_A | NORMAL_PAGE | D_NG;
  dsb_isb();
  TLBI("vae1is", ASID(1) | (VA(0) >> 12));
  RT_CHECK(rd64(VA(0)) == 0x1111);
  // Global entries match every ASID; ASIDE1 leaves them, VAAE1 removes them.
  RT_CHECK(rd64(VA(3)) == 0x1111);
  a[3] = PAGE_B | NORMAL_PAGE;
  dsb_isb();
  set_ttbr0((uint64_t)root_a | ASID(7));
  CHECK_STALE(rd64(VA(3)), 0x1111, 0x2222);
  TLBI("aside1", ASID(7));
  CHECK_STALE(rd64(VA(3)), 0x1111, 0x2222);
  TLBI("vaale1", VA(3) >> 12);
  RT_CHECK(rd64(VA(3)) == 0x2222);
  a[3] = PAGE_C | NORMAL_PAGE;
  dsb_isb();
  CHECK_STALE(rd64(VA(3)), 0x2222, 0x3333);
  TLBI("vale1", ASID(9) | (VA(3) >> 12));  // Global: any ASID's VALE1 removes it.
  RT_CHECK(rd64(VA(3)) == 0x3333);
  a[3] = PAGE_A | NORMAL_PAGE;
  dsb_isb();
  __asm__ volatile("dsb ishst\n tlbi vmalle1is\n dsb ish\n isb" ::: "memory");
  RT_CHECK(rd64(VA(3)) == 0x1111);
  set_ttbr0((uint64_t)root_a | ASID(1));

  // EL0 permissions through AT S1E0R/W; privileged through S1E1R/W.
  RT_CHECK(PAR_FST(AT("s1e0r", VA(0))) == 0x0F);  // AP=00: no EL0 access.
  RT_CHECK((AT("s1e1w", VA(0)) & 1) == 0);
  RT_CHECK((AT("s1e0w", VA(1)) & 1) == 0);        // AP=01: EL0 RW.
  RT_CHECK((AT("s1e0r", VA(2)) & 0xFFFFFFFFF001ull) == PAGE_B);
  RT_CHECK(PAR_FST(AT("s1e0w", VA(2))) == 0x0F);  // AP=11: read-only.
  RT_CHECK(PAR_FST(AT("s1e1w", VA(4))) == 0x0F);  // AP=10.
  RT_CHECK(PAR_FST(AT("s1e1r", VA(5))) == 0x07);
  CHECK_DABT(wr64(VA(4), 1), 0x25, 0x0F, 1, VA(4));
  // EL0-writable memory is privileged execute-never.
  RT_CHECK(FAULTS(call(VA(1))));
  RT_CHECK(ESR_EC(mmu_last.esr) == 0x21);
  RT_CHECK(ESR_FSC(mmu_last.esr) == 0x0F);

  // PAN (FEAT_PAN: ID_AA64MMFR1_EL1.PAN != 0).
  uint64_t mmfr1;
  __asm__ volatile("mrs %0, id_aa64mmfr1_el1" : "=r"(mmfr1));
  if ((mmfr1 >> 20) & 0xF) {
    __asm__ volatile(".inst 0xd500419f\n isb" ::: "memory");  // MSR PAN, #1.
    CHECK_DABT(rd64(VA(2)), 0x25, 0x0F, 0, VA(2));
    RT_CHECK(rd64(VA(0)) == 0x1111);                // Not EL0-accessible: fine.
    RT_CHECK((AT("s1e1r", VA(2)) & 1) == 0);        // S1E1R ignores PAN...
    uint64_t par;  // AT S1E1RP (SYS #0, C7, C9, #0): honours PAN.
    __asm__ volatile("sys #0, c7, c9, #0, %1\n isb\n mrs %0, par_el1" : "=r"(par) : "r"(VA(2)));
    RT_CHECK(PAR_FST(par) == 0x0F);
    __asm__ volatile(".inst 0xd500409f" ::: "memory");  // MSR PAN, #0.
    RT_CHECK(rd64(VA(2)) == 0x2222);
    rt_puts("PAN checked\n");
  }
  mmu_pass("mmu_el1");
}

int main(void) {
  RT_CHECK(rt_current_el() == 3);
  __asm__ volatile("msr vbar_el3, %0" ::"r"(mmu_vectors));
  mmu_drop_to(1, el1_main, (uint64_t)(stack + sizeof stack));
}
