// Assembler helpers for test images.
#pragma once

// Semihosting trap (A64).
#define SEMIHOST hlt #0xf000

// Semihosting operation numbers.
#define SYS_WRITE0 0x04
#define SYS_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026
