// The hyp-stub ABI constants (Linux arch/arm64/include/asm/virt.h; see
// ../shared/spec/STUB_AND_PSCI_FACTS.md). Usable from C, C++ and assembly.
#pragma once

#define HVC_SET_VECTORS 0
#define HVC_SOFT_RESTART 1
#define HVC_RESET_VECTORS 2
#define HVC_FINALISE_EL2 3
#define HVC_STUB_ERR 0xbadca11
