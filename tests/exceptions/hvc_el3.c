// HVC executed at EL3 (Arm ARM C6.2.x HVC and AArch64.CallHypervisor: "if
// PSTATE.EL == EL3 then AArch64.TakeException(EL3, ...)"): taken to EL3 with
// ELR = the next instruction when SCR_EL3.HCE is 1, UNDEFINED (to EL3) when 0.
// QEMU 7.2 takes the first to EL2 instead (QEMU_DIVERGENCES.md).
#include "tests/exceptions/xv.h"

extern char s_hvc_el3[], s_hvc_el3_at[];

typedef void (*snippet)(void);

int main(void) {
  xv_init();
  xv_set_scr(XV_SCR_BASE & ~XV_SCR_HCE);
  ((snippet)s_hvc_el3)();
  XV_COUNT(1);
  XV_REC(0, 3, XV_CUR, XV_ESR_UNDEF, XV_ADDR(s_hvc_el3_at), XV_SPSR(XV_EL3H, 0x6, XV_DAIF));

  xv_reset();
  ((snippet)s_hvc_el3)();
  XV_COUNT(1);
  XV_REC(0, 3, XV_CUR, XV_ESR_HVC(0x3333), XV_ADDR(s_hvc_el3_at) + 4,
         XV_SPSR(XV_EL3H, 0x6, XV_DAIF));
  xv_pass("hvc_el3");
}
