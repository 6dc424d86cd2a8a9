// SIMD&FP access traps (Arm ARM D1.11, CheckFPAdvSIMDEnabled64 and the FPCR/
// FPSR access pseudocode): CPACR_EL1.FPEN (0bx0 traps EL0 and EL1, 0b01 only
// EL0) to EL1, CPTR_EL2.TFP (EL0-EL2) to EL2, CPTR_EL3.TFP (all ELs) to EL3, in
// that priority. EC 0x07 with CV = 1, COND = 0xE; ELR = the instruction.
#include "tests/exceptions/xv.h"

extern char p_mrs_fpcr[], p_mrs_fpcr_at[], p_msr_fpsr[], p_msr_fpsr_at[];

typedef void (*snippet)(void);

#define EXPECT_FP(spsr, fn, at, el, off)              \
  do {                                                \
    xv_run(spsr, (snippet)fn, 0);                     \
    XV_COUNT(1);                                      \
    XV_REC(0, el, off, XV_ESR_FP, XV_ADDR(at), spsr); \
  } while (0)
#define EXPECT_NONE(spsr, fn)     \
  do {                            \
    xv_run(spsr, (snippet)fn, 0); \
    XV_COUNT(0);                  \
  } while (0)

int main(void) {
  xv_init();
  const uint64_t el0 = XV_SPSR(XV_EL0T, 0x8, XV_DAIF);
  const uint64_t el1 = XV_SPSR(XV_EL1H, 0x4, XV_DAIF);
  const uint64_t el2 = XV_SPSR(XV_EL2H, 0x2, XV_DAIF);

  // Enabled everywhere by the baseline.
  xv_reset();
  EXPECT_NONE(el0, p_mrs_fpcr);
  // CPACR_EL1.FPEN = 0b00: EL1 and EL0 trap to EL1.
  xv_reset();
  xv_set_cpacr(0);
  EXPECT_FP(el1, p_mrs_fpcr, p_mrs_fpcr_at, 1, XV_CUR);
  xv_reset();
  xv_set_cpacr(0);
  EXPECT_FP(el0, p_msr_fpsr, p_msr_fpsr_at, 1, XV_LOWER);
  // FPEN = 0b01: EL1 may, EL0 traps.
  xv_reset();
  xv_set_cpacr(1u << 20);
  EXPECT_NONE(el1, p_mrs_fpcr);
  xv_reset();
  xv_set_cpacr(1u << 20);
  EXPECT_FP(el0, p_mrs_fpcr, p_mrs_fpcr_at, 1, XV_LOWER);
  // CPACR_EL1 does not apply at EL2.
  xv_reset();
  xv_set_cpacr(0);
  EXPECT_NONE(el2, p_mrs_fpcr);
  // CPTR_EL2.TFP: EL0, EL1 and EL2 trap to EL2; CPACR_EL1 wins at EL1.
  xv_reset();
  xv_set_cptr_el2(XV_CPTR_EL2_RES1 | XV_CPTR_TFP);
  EXPECT_FP(el1, p_mrs_fpcr, p_mrs_fpcr_at, 2, XV_LOWER);
  xv_reset();
  xv_set_cptr_el2(XV_CPTR_EL2_RES1 | XV_CPTR_TFP);
  EXPECT_FP(el0, p_msr_fpsr, p_msr_fpsr_at, 2, XV_LOWER);
  xv_reset();
  xv_set_cptr_el2(XV_CPTR_EL2_RES1 | XV_CPTR_TFP);
  EXPECT_FP(el2, p_mrs_fpcr, p_mrs_fpcr_at, 2, XV_CUR);
  xv_reset();
  xv_set_cptr_el2(XV_CPTR_EL2_RES1 | XV_CPTR_TFP);
  xv_set_cpacr(0);
  EXPECT_FP(el1, p_mrs_fpcr, p_mrs_fpcr_at, 1, XV_CUR);
  // CPTR_EL3.TFP: every EL traps to EL3; lower enables win.
  xv_reset();
  xv_set_cptr_el3(XV_CPTR_TFP);
  EXPECT_FP(el1, p_mrs_fpcr, p_mrs_fpcr_at, 3, XV_LOWER);
  xv_reset();
  xv_set_cptr_el3(XV_CPTR_TFP);
  EXPECT_FP(el2, p_msr_fpsr, p_msr_fpsr_at, 3, XV_LOWER);
  xv_reset();
  xv_set_cptr_el3(XV_CPTR_TFP);
  xv_set_cptr_el2(XV_CPTR_EL2_RES1 | XV_CPTR_TFP);
  EXPECT_FP(el1, p_mrs_fpcr, p_mrs_fpcr_at, 2, XV_LOWER);
  xv_reset();
  xv_set_cptr_el3(XV_CPTR_TFP);
  ((snippet)p_mrs_fpcr)();
  XV_COUNT(1);
  XV_EQ(xv_records[0].el, 3);
  XV_EQ(xv_records[0].offset, XV_CUR);
  XV_EQ(xv_records[0].esr, XV_ESR_FP);
  XV_EQ(xv_records[0].elr, XV_ADDR(p_mrs_fpcr_at));
  xv_set_cptr_el3(0);
  xv_pass("fp_traps");
}
