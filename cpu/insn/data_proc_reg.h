// Data processing -- register (Arm ARM C4.1.89).
#pragma once

#include <array>

#include "cpu/insn_def.h"

namespace el2::insn {

using LogicalShifted = Enc<"foo01010hhNmmmmmiiiiiinnnnnddddd">;
using AddSubShifted = Enc<"fos01011hh0mmmmmiiiiiinnnnnddddd">;

void logical_shifted(Cpu&, uint32_t);
void add_sub_shifted(Cpu&, uint32_t);

constexpr auto kDataProcRegRows = std::to_array<InsnDef>({
    def<LogicalShifted>("AND/BIC/ORR/ORN/EOR/EON/ANDS/BICS (shifted register)", logical_shifted,
                        Iclass::kDataProcReg, OpClass::kIntAlu),
    def<AddSubShifted>("ADD/ADDS/SUB/SUBS (shifted register)", add_sub_shifted,
                       Iclass::kDataProcReg, OpClass::kIntAlu),
});

}  // namespace el2::insn
