/* Memory layout shared by the guest EL3 firmware (psci/firmware/) and the
 * payloads it boots (tests/psci/suite/): the firmware is linked at FW_BASE and
 * drops every core it boots to EL2 at PAYLOAD_ENTRY, the payload's _start
 * (aarch64_image puts .text.boot first, so the entry is the link base). */
#pragma once

#define FW_BASE 0x40000000
#define PAYLOAD_ENTRY 0x40100000
#define FW_MAX_CORES 8
/* Cores the platform has (TF-A's PLATFORM_CORE_COUNT): core 0 waits for all of
 * them to reach the holding pen before it boots the payload. */
#ifndef FW_CORE_COUNT
#define FW_CORE_COUNT 4
#endif
#define FW_STACK_SIZE 4096
