/* check-stub's driver, EL1 side: calls every stub function with randomised
 * callee-saved state and boundary arguments. It judges nothing itself: the
 * checker (stubs/checker.cc) watches each HVC and its return. The plan runs
 * step by step from a counter kept in BSS, so a SOFT_RESTART (which re-boots
 * the driver through drv_restart_target) resumes at the next step. */
#include <stdint.h>

#include "stubs/driver/driver.h"
#include "stubs/hyp_abi.h"
#include "tests/runtime/rt.h"

struct drv_call {
  uint64_t x[31];
  uint64_t sp_el1, sp_el0, nzcv, daif;
};

uint64_t drv_call(const struct drv_call* c);
void drv_el2_enter(void) __attribute__((noreturn));
extern volatile uint64_t drv_mailbox[3];
extern char drv_hyp_vectors[], drv_restart_target[];

enum arg { ARG_RANDOM, ARG_STUB_VECTORS, ARG_HYP_VECTORS, ARG_HYP_MISALIGNED, ARG_RESTART };

struct step {
  uint64_t x0;
  enum arg x1;
};

/* One round. Unknown ids cover 4 .. 2^64-1 (4 is FINALISE's neighbour and
 * 6.19's GET_ICH_VTR_EL2; 0xc6000000 is KVM's __kvm_hyp_init host call). */
static const struct step kPlan[] = {
    {4, ARG_RANDOM},
    {5, ARG_RANDOM},
    {0x7f, ARG_RANDOM},
    {0xfff, ARG_RANDOM},
    {0x1000, ARG_RANDOM},
    {0xc6000000, ARG_RANDOM},
    {0xffffffff, ARG_RANDOM},
    {0x100000000ull, ARG_RANDOM},
    {0x8000000000000000ull, ARG_RANDOM},
    {~0ull, ARG_RANDOM},
    {HVC_RESET_VECTORS, ARG_RANDOM},
    {HVC_SET_VECTORS, ARG_STUB_VECTORS},
    /* Install a hypervisor, call it, have it forward RESET_VECTORS. */
    {HVC_SET_VECTORS, ARG_HYP_VECTORS},
    {0x4b, ARG_RANDOM},
    {HVC_RESET_VECTORS, ARG_RANDOM},
    {DRV_HC_RESTORE, ARG_RANDOM},
    /* Out of contract for the caller: a misaligned table. */
    {HVC_SET_VECTORS, ARG_HYP_MISALIGNED},
    {DRV_HC_RESTORE, ARG_RANDOM},
    {HVC_FINALISE_EL2, ARG_RANDOM},
    {HVC_SOFT_RESTART, ARG_RESTART},
};
#define PLAN_LEN (sizeof kPlan / sizeof kPlan[0])

static uint64_t step_index; /* BSS: zeroed at the first boot only. */
static uint64_t rng;

static uint64_t next_random(void) { /* xorshift64* */
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return rng * 0x2545f4914f6cdd1dull;
}

static uint64_t arg_value(enum arg a) {
  switch (a) {
    case ARG_STUB_VECTORS: return drv_mailbox[MB_STUB_VECTORS / 8];
    case ARG_HYP_VECTORS: return (uint64_t)drv_hyp_vectors;
    case ARG_HYP_MISALIGNED: return (uint64_t)drv_hyp_vectors + 8 * (1 + next_random() % 255);
    case ARG_RESTART: return (uint64_t)drv_restart_target;
    default: return next_random();
  }
}

/* EL1 system registers the stub must not touch, randomised where a random
 * value cannot disturb the driver (MMU off: translation registers unused). */
static void randomise_el1_sysregs(void) {
#define SET(reg) __asm__ volatile("msr " #reg ", %0" ::"r"(next_random()))
  SET(tpidr_el1);
  SET(tpidr_el0);
  SET(tpidrro_el0);
  SET(contextidr_el1);
  SET(mair_el1);
  SET(ttbr0_el1);
  SET(ttbr1_el1);
  SET(elr_el1);
  SET(far_el1);
  SET(afsr0_el1);
  SET(afsr1_el1);
#undef SET
  __asm__ volatile("isb");
}

static void make_call(const struct step* s) {
  struct drv_call c;
  for (int i = 0; i < 31; ++i) c.x[i] = next_random();
  c.x[0] = s->x0;
  c.x[1] = arg_value(s->x1);
  c.sp_el1 = next_random() & ~0xfull;
  c.sp_el0 = next_random();
  c.nzcv = next_random() & 0xf0000000ull;
  c.daif = next_random() & 0x3c0;
  randomise_el1_sysregs();
  rt_puts("  driver: x0=");
  rt_put_hex(c.x[0]);
  rt_puts(" x1=");
  rt_put_hex(c.x[1]);
  const uint64_t r = drv_call(&c);
  rt_puts(" -> ");
  rt_put_hex(r);
  rt_puts("\n");
}

int main(void) {
  if (step_index == 0) rng = drv_mailbox[MB_SEED / 8] | 1;
  const uint64_t rounds = drv_mailbox[MB_ROUNDS / 8] ? drv_mailbox[MB_ROUNDS / 8] : 2;
  while (step_index < rounds * PLAN_LEN) {
    /* Advance first: SOFT_RESTART comes back through _start's re-entry. */
    const struct step* s = &kPlan[step_index++ % PLAN_LEN];
    make_call(s);
    /* FINALISE_EL2 may have taken us to EL2: boot again to get back to EL1. */
    if (rt_current_el() != 1) drv_el2_enter();
  }
  rt_puts("  driver: done\n");
  return 0;
}
