// Each exception class el2emu generates for an instruction, from each EL that
// can execute it: ESR (EC, IL, ISS), ELR (preferred return: the instruction
// itself for UDF/BRK, the next one for SVC/HVC/SMC), SPSR (the interrupted
// PSTATE: M, NZCV, DAIF) and the vector offset (Arm ARM D1.3.2, Table D1-7:
// 0x200 current EL with SP_ELx, 0x400 lower EL using AArch64). HVC at EL3 is
// in hvc_el3.c (QEMU takes it to EL2: QEMU_DIVERGENCES.md).
#include "tests/exceptions/xv.h"

extern char s_udf_el3[], s_udf_el3_at[], s_svc_el3[], s_svc_el3_at[], s_smc_el3[], s_smc_el3_at[],
    s_brk_el3[], s_brk_el3_at[];
extern char s_udf[], s_udf_at[], s_svc[], s_svc_at[], s_hvc[], s_hvc_at[], s_smc[], s_smc_at[],
    s_brk[], s_brk_at[];

typedef void (*snippet)(void);

static void at_el3(void) {
  // EL3 -> EL3: offset 0x200; SPSR.M = EL3h with DAIF masked since reset.
  xv_reset();
  ((snippet)s_udf_el3)();
  XV_COUNT(1);
  XV_REC(0, 3, XV_CUR, XV_ESR_UNDEF, XV_ADDR(s_udf_el3_at), XV_SPSR(XV_EL3H, 0x9, XV_DAIF));

  xv_reset();
  ((snippet)s_svc_el3)();
  XV_COUNT(1);
  XV_REC(0, 3, XV_CUR, XV_ESR_SVC(0x1111), XV_ADDR(s_svc_el3_at) + 4,
         XV_SPSR(XV_EL3H, 0x5, XV_DAIF));

  xv_reset();
  ((snippet)s_smc_el3)();
  XV_COUNT(1);
  XV_REC(0, 3, XV_CUR, XV_ESR_SMC(0x4444), XV_ADDR(s_smc_el3_at) + 4,
         XV_SPSR(XV_EL3H, 0x3, XV_DAIF));

  xv_reset();
  ((snippet)s_brk_el3)();
  XV_COUNT(1);
  XV_REC(0, 3, XV_CUR, XV_ESR_BRK(0x5555), XV_ADDR(s_brk_el3_at), XV_SPSR(XV_EL3H, 0xC, XV_DAIF));
}

static void undefined_instruction(void) {
  const uint64_t el0 = XV_SPSR(XV_EL0T, 0x8, XV_DAIF);
  const uint64_t el1 = XV_SPSR(XV_EL1H, 0x4, 0x2C0);
  const uint64_t el2 = XV_SPSR(XV_EL2H, 0x2, 0x1C0);
  xv_reset();
  xv_run(el0, (snippet)s_udf, 0);
  XV_COUNT(1);
  XV_REC(0, 1, XV_LOWER, XV_ESR_UNDEF, XV_ADDR(s_udf_at), el0);

  xv_reset();
  xv_run(el1, (snippet)s_udf, 0);
  XV_COUNT(1);
  XV_REC(0, 1, XV_CUR, XV_ESR_UNDEF, XV_ADDR(s_udf_at), el1);

  xv_reset();
  xv_run(el2, (snippet)s_udf, 0);
  XV_COUNT(1);
  XV_REC(0, 2, XV_CUR, XV_ESR_UNDEF, XV_ADDR(s_udf_at), el2);
}

static void svc(void) {
  const uint64_t el0 = XV_SPSR(XV_EL0T, 0xA, XV_DAIF);
  const uint64_t el1 = XV_SPSR(XV_EL1H, 0x1, XV_DAIF);
  const uint64_t el2 = XV_SPSR(XV_EL2H, 0xF, XV_DAIF);
  xv_reset();
  xv_run(el0, (snippet)s_svc, 0);
  XV_COUNT(1);
  XV_REC(0, 1, XV_LOWER, XV_ESR_SVC(0x12), XV_ADDR(s_svc_at) + 4, el0);

  xv_reset();
  xv_run(el1, (snippet)s_svc, 0);
  XV_COUNT(1);
  XV_REC(0, 1, XV_CUR, XV_ESR_SVC(0x12), XV_ADDR(s_svc_at) + 4, el1);

  xv_reset();
  xv_run(el2, (snippet)s_svc, 0);
  XV_COUNT(1);
  XV_REC(0, 2, XV_CUR, XV_ESR_SVC(0x12), XV_ADDR(s_svc_at) + 4, el2);
}

static void hvc(void) {
  const uint64_t el1 = XV_SPSR(XV_EL1H, 0x9, 0x3C0);
  const uint64_t el2 = XV_SPSR(XV_EL2H, 0x6, 0x380);
  xv_reset();
  xv_run(el1, (snippet)s_hvc, 0);
  XV_COUNT(1);
  XV_REC(0, 2, XV_LOWER, XV_ESR_HVC(0x2345), XV_ADDR(s_hvc_at) + 4, el1);

  xv_reset();
  xv_run(el2, (snippet)s_hvc, 0);
  XV_COUNT(1);
  XV_REC(0, 2, XV_CUR, XV_ESR_HVC(0x2345), XV_ADDR(s_hvc_at) + 4, el2);
}

static void smc(void) {
  // SMC from EL1 and EL2 is taken to EL3; the recording ends the run.
  const uint64_t el1 = XV_SPSR(XV_EL1H, 0x3, XV_DAIF);
  const uint64_t el2 = XV_SPSR(XV_EL2H, 0xC, XV_DAIF);
  xv_reset();
  xv_run(el1, (snippet)s_smc, 0);
  XV_COUNT(1);
  XV_REC(0, 3, XV_LOWER, XV_ESR_SMC(0x5678), XV_ADDR(s_smc_at) + 4, el1);

  xv_reset();
  xv_run(el2, (snippet)s_smc, 0);
  XV_COUNT(1);
  XV_REC(0, 3, XV_LOWER, XV_ESR_SMC(0x5678), XV_ADDR(s_smc_at) + 4, el2);
}

static void brk(void) {
  // BRK: preferred return is the BRK itself; taken to the debug target EL
  // (EL1 without MDCR_EL2.TDE / HCR_EL2.TGE), or the current EL if higher.
  const uint64_t el0 = XV_SPSR(XV_EL0T, 0x1, XV_DAIF);
  const uint64_t el1 = XV_SPSR(XV_EL1H, 0x2, XV_DAIF);
  const uint64_t el2 = XV_SPSR(XV_EL2H, 0x4, XV_DAIF);
  xv_reset();
  xv_run(el0, (snippet)s_brk, 0);
  XV_COUNT(1);
  XV_REC(0, 1, XV_LOWER, XV_ESR_BRK(0x77), XV_ADDR(s_brk_at), el0);

  xv_reset();
  xv_run(el1, (snippet)s_brk, 0);
  XV_COUNT(1);
  XV_REC(0, 1, XV_CUR, XV_ESR_BRK(0x77), XV_ADDR(s_brk_at), el1);

  xv_reset();
  xv_run(el2, (snippet)s_brk, 0);
  XV_COUNT(1);
  XV_REC(0, 2, XV_CUR, XV_ESR_BRK(0x77), XV_ADDR(s_brk_at), el2);
}

int main(void) {
  xv_init();
  at_el3();
  undefined_instruction();
  svc();
  hvc();
  smc();
  brk();
  xv_pass("sync_classes");
}
