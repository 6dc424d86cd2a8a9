// The C half of the exception-test harness (xv.h): records, baseline
// configuration and checks.
#include "tests/exceptions/xv.h"

#include "tests/runtime/rt.h"

extern char xv_vectors[];
void xv_set_stacks(void);

volatile struct xv_record xv_records[XV_MAX_RECORDS];
volatile uint64_t xv_count;
volatile uint64_t xv_resume_pc;

#define XV_MSR(reg, v) __asm__ volatile("msr " #reg ", %0\n isb" : : "r"((uint64_t)(v)) : "memory")

void xv_set_scr(uint64_t v) { XV_MSR(SCR_EL3, v); }
void xv_set_hcr(uint64_t v) { XV_MSR(HCR_EL2, v); }
void xv_set_sctlr_el1(uint64_t v) { XV_MSR(SCTLR_EL1, v); }
void xv_set_cpacr(uint64_t v) { XV_MSR(CPACR_EL1, v); }
void xv_set_cptr_el2(uint64_t v) { XV_MSR(CPTR_EL2, v); }
void xv_set_cptr_el3(uint64_t v) { XV_MSR(CPTR_EL3, v); }

void xv_reset(void) {
  for (int i = 0; i < XV_MAX_RECORDS; ++i) {
    xv_records[i].el = xv_records[i].offset = 0;
    xv_records[i].esr = xv_records[i].elr = xv_records[i].spsr = xv_records[i].far = 0;
  }
  xv_count = 0;
  xv_resume_pc = 0;
  xv_set_stacks();
  xv_set_scr(XV_SCR_BASE);
  xv_set_hcr(XV_HCR_BASE);
  xv_set_sctlr_el1(XV_SCTLR_EL1_BASE);
  XV_MSR(SCTLR_EL2, 0x30C50830);  // RES1 bits: MMU, alignment checks and caches off.
  XV_MSR(SCTLR_EL3, 0x30C50830);
  xv_set_cpacr(3u << 20);
  xv_set_cptr_el2(XV_CPTR_EL2_RES1);
  xv_set_cptr_el3(0);
}

void xv_init(void) {
  if (rt_current_el() != 3) {
    rt_puts("exception tests must start at EL3\n");
    rt_exit(2);
  }
  XV_MSR(VBAR_EL3, xv_vectors);
  XV_MSR(VBAR_EL2, xv_vectors);
  XV_MSR(VBAR_EL1, xv_vectors);
  xv_reset();
}

// Decimal without division (the runtime's rt_put_dec needs UDIV).
static void put_line(int line) {
  char buf[12];
  int n = 0;
  static const int kPowers[] = {100000, 10000, 1000, 100, 10, 1};
  for (int i = 0; i < 6; ++i) {
    const int p = kPowers[i];
    int d = 0;
    while (line >= p) {
      line -= p;
      ++d;
    }
    if (d || n || p == 1) buf[n++] = (char)('0' + d);
  }
  buf[n] = 0;
  rt_puts(buf);
}

void xv_fail(const char* what, uint64_t got, uint64_t want, const char* file, int line) {
  rt_puts("CHECK failed: ");
  rt_puts(what);
  rt_puts(": got ");
  rt_put_hex(got);
  rt_puts(" want ");
  rt_put_hex(want);
  rt_puts(" at ");
  rt_puts(file);
  rt_puts(":");
  put_line(line);
  rt_puts("\n");
  rt_exit(1);
}

void xv_pass(const char* name) {
  rt_puts("PASS ");
  rt_puts(name);
  rt_puts("\n");
  rt_exit(0);
}
