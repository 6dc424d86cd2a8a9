// SIMD and floating point (Arm ARM C4.1.90-C4.1.91). Rows with no handler are
// known encodings that el2emu does not implement yet: they raise UNDEFINED and
// are listed as such in docs/ISA_COVERAGE.md.
#pragma once

#include <array>

#include "cpu/insn_def.h"

namespace el2::insn {

using SimdFpAll = Enc<"----111-------------------------">;

constexpr auto kSimdFpRows = std::to_array<InsnDef>({
    def<SimdFpAll>("SIMD&FP data processing (not yet implemented)", nullptr, Iclass::kSimdFp,
                   OpClass::kFpSimd, Feature::kFp, -1),
});

}  // namespace el2::insn
