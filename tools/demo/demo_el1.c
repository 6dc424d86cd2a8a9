// The demo's EL1 half: makes each hyp-stub call through `hvc #0` and prints
// what came back.
#include <stdint.h>

#include "stubs/hyp_abi.h"
#include "tests/runtime/rt.h"

extern char __hyp_stub_vectors[];
extern char demo_hyp_vectors[];

static uint64_t hvc(uint64_t x0, uint64_t x1) {
  register uint64_t r0 __asm__("x0") = x0;
  register uint64_t r1 __asm__("x1") = x1;
  __asm__ volatile("hvc #0"
                   : "+r"(r0), "+r"(r1)
                   :
                   : "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
                     "x14", "x15", "x16", "x17", "x18", "memory");
  return r0;
}

static void report(const char* call, uint64_t result) {
  rt_puts("  EL1: ");
  rt_puts(call);
  rt_puts(" -> ");
  rt_put_hex(result);
  rt_puts(result == 0 ? " (ok)\n" : result == HVC_STUB_ERR ? " (HVC_STUB_ERR)\n" : "\n");
}

int main(void) {
  rt_puts("  EL1: running at EL");
  rt_put_dec(rt_current_el());
  rt_puts(", stub vectors at ");
  rt_put_hex((uint64_t)__hyp_stub_vectors);
  rt_puts("\n");
  report("HVC_RESET_VECTORS", hvc(HVC_RESET_VECTORS, 0));
  // Install a "hypervisor" (2 KiB-aligned vectors), call it, then tear it down.
  report("HVC_SET_VECTORS(demo_hyp_vectors)", hvc(HVC_SET_VECTORS, (uint64_t)demo_hyp_vectors));
  report("hypervisor call 0x4b", hvc(0x4b, 0));
  report("HVC_RESET_VECTORS (via the hypervisor)", hvc(HVC_RESET_VECTORS, 0));
  report("HVC_FINALISE_EL2 (no VHE: declined)", hvc(HVC_FINALISE_EL2, 0));
  report("unknown call 0x4", hvc(4, 0));
  return 0;
}
