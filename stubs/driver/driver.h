/* check-stub's driver: layout shared by the host (tools/cli/check_stub_cmd.cc),
 * boot.S and driver.c. */
#pragma once

/* drv_mailbox, filled by the host before the run. */
#define MB_STUB_VECTORS 0 /* Address of the stub's vector table. */
#define MB_SEED 8         /* Seed of the register randomiser. */
#define MB_ROUNDS 16      /* How many times the call plan runs (0: 2). */

#define DRV_RESTART_SMC 0x5afe   /* The restart target's trapping SMC. */
#define DRV_HC_RESTORE 0xd0e1f00d /* Private call to drv_hyp_vectors. */
#define DRV_HYP_ANSWER 0x600d    /* drv_hyp_vectors' answer to other calls. */
#define DRV_LINK_BASE 0x48000000
