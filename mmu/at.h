// PAR_EL1 images for AT (Arm ARM D17.2.106 "PAR_EL1, Physical Address
// Register"): the 64-bit (LPAE) format with bit 11 RES1.
#pragma once

#include <cstdint>

#include "mmu/fault.h"

namespace el2::mmu {

// Success: F[0]=0, SH[8:7], NS[9], PA[47:12], ATTR[63:56] (the MAIR byte).
// Device and Normal Non-cacheable memory report Outer Shareable (SH=0b10).
uint64_t par_success(uint64_t pa, uint8_t attr, uint8_t sh, bool ns);

// Fault: F[0]=1, FST[6:1], PTW[8], S[9] (stage 2: never).
uint64_t par_fault(const Fault& f);

}  // namespace el2::mmu
