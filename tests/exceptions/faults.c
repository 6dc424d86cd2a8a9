// Faults on instruction fetch and data access with the MMU off:
// - PC alignment (EC 0x22): a branch to a misaligned address; ELR and FAR are
//   the misaligned PC (Arm ARM D1.8.2 "PC alignment checking").
// - External abort (EC 0x24 from a lower EL, 0x25 from the same EL), DFSC
//   0x10, for an address where nothing is mapped; FAR is the address; WnR.
// - Alignment fault (DFSC 0x21) for a misaligned exclusive or acquire access
//   (Arm ARM B2.5.2: they must be aligned whatever SCTLR_ELx.A says).
// ISS bits not checked: EA [9] is IMPLEMENTATION DEFINED; ISV [24] and the
// instruction syndrome [23:14] need not be valid for these aborts.
#include "tests/exceptions/xv.h"

extern char f_br[], f_br_at[], f_br_back[], f_ldr[], f_ldr_at[], f_str[], f_str_at[], f_ldxr[],
    f_ldxr_at[], f_ldaxr[], f_ldaxr_at[];

typedef void (*snippet)(void);

// 4 GiB: above the 1 GiB of RAM at 0x40000000, below any device of QEMU's
// virt board and el2emu's machine, inside a 40-bit physical address space.
#define UNMAPPED 0x100000000ull
#define DA_MASK (~((1ull << 24) | (0x3FFull << 14) | (1ull << 9)))
#define XV_ESR_DABT(ec, wnr, dfsc) XV_ESR(ec, ((wnr) << 6) | (dfsc))

static uint64_t buffer[4];

static void pc_alignment(uint64_t spsr, uint64_t el, uint64_t off, uint64_t misalign) {
  const uint64_t target = XV_ADDR(f_br_back) + misalign;
  xv_reset();
  xv_resume_pc = XV_ADDR(f_br_back);
  xv_run(spsr, (snippet)f_br, target);
  XV_COUNT(1);
  XV_REC(0, el, off, XV_ESR_PC_ALIGN, target, spsr);
  XV_FAR(0, target);
}

// A data abort at `at` for `addr` taken to `el` with ESR `esr` (masked).
static void data_abort(uint64_t spsr, snippet fn, const char* at, uint64_t addr, uint64_t el,
                       uint64_t off, uint64_t esr) {
  xv_reset();
  xv_run(spsr, fn, addr);
  XV_COUNT(1);
  XV_EQ(xv_records[0].el, el);
  XV_EQ(xv_records[0].offset, off);
  XV_EQ(xv_records[0].esr & DA_MASK, esr);
  XV_EQ(xv_records[0].elr, XV_ADDR(at));
  XV_EQ(xv_records[0].spsr, spsr);
  XV_FAR(0, addr);
}

int main(void) {
  xv_init();
  const uint64_t el0 = XV_SPSR(XV_EL0T, 0x1, XV_DAIF);
  const uint64_t el1 = XV_SPSR(XV_EL1H, 0x2, XV_DAIF);
  const uint64_t el2 = XV_SPSR(XV_EL2H, 0x4, XV_DAIF);

  pc_alignment(el0, 1, XV_LOWER, 1);
  pc_alignment(el1, 1, XV_CUR, 2);
  pc_alignment(el2, 2, XV_CUR, 3);

  data_abort(el1, (snippet)f_ldr, f_ldr_at, UNMAPPED, 1, XV_CUR, XV_ESR_DABT(0x25, 0, 0x10));
  data_abort(el0, (snippet)f_str, f_str_at, UNMAPPED + 8, 1, XV_LOWER, XV_ESR_DABT(0x24, 1, 0x10));
  data_abort(el2, (snippet)f_str, f_str_at, UNMAPPED + 0x40, 2, XV_CUR, XV_ESR_DABT(0x25, 1, 0x10));

  const uint64_t misaligned = XV_ADDR(&buffer[1]) + 4;
  data_abort(el1, (snippet)f_ldxr, f_ldxr_at, misaligned, 1, XV_CUR, XV_ESR_DABT(0x25, 0, 0x21));
  data_abort(el0, (snippet)f_ldxr, f_ldxr_at, misaligned, 1, XV_LOWER, XV_ESR_DABT(0x24, 0, 0x21));
  data_abort(el2, (snippet)f_ldaxr, f_ldaxr_at, misaligned + 2, 2, XV_CUR,
             XV_ESR_DABT(0x25, 0, 0x21));

  // At EL3, called directly: same-EL abort, vector 0x200.
  xv_reset();
  ((void (*)(uint64_t))f_ldr)(UNMAPPED);
  XV_COUNT(1);
  XV_EQ(xv_records[0].el, 3);
  XV_EQ(xv_records[0].offset, XV_CUR);
  XV_EQ(xv_records[0].esr & DA_MASK, XV_ESR_DABT(0x25, 0, 0x10));
  XV_EQ(xv_records[0].elr, XV_ADDR(f_ldr_at));
  XV_FAR(0, UNMAPPED);
  xv_pass("faults");
}
