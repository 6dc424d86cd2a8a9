// The SIMD&FP enable checks every SIMD&FP instruction (and FPCR/FPSR access)
// makes first: CPACR_EL1.FPEN, CPTR_EL2.TFP, CPTR_EL3.TFP (Arm ARM
// CheckFPAdvSIMDEnabled64, D1.11 "Traps and enables").
#pragma once

namespace el2 {

class Cpu;

// Returns true if SIMD&FP may be used now. Otherwise takes the trap (EC 0x07)
// to the EL that disabled it and returns false: the instruction must stop.
bool fp_access_enabled(Cpu& cpu);

}  // namespace el2
