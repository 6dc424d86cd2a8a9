/* el2emu fuzz's guest driver: constants shared by the host (tools/fuzz/) and
 * fuzz_driver.S. Usable from C, C++ and assembly. */
#pragma once

/* Link address of the driver. It gets a RAM region of its own there, below
 * the stub's RAM (which starts at the stub's lowest segment), so stubs linked
 * at 0x40000000 never collide with it. */
#define FZ_DRIVER_BASE 0x3ff00000
#define FZ_DRIVER_SIZE 0x10000

#define FZ_HC_RESTORE 0xd0e1f00d /* Private call: the stand-in hypervisor reinstalls the stub. */
#define FZ_HYP_ANSWER 0x600d     /* The stand-in hypervisor's answer to other calls. */
#define FZ_RESTART_BRK 0x5afe    /* SOFT_RESTART's target traps with `brk #FZ_RESTART_BRK`. */
