// Loads and stores (Arm ARM C4.1.88), general-purpose registers.
#pragma once

#include <array>

#include "cpu/insn_def.h"

namespace el2::insn {

using LdStUImm = Enc<"ss111001ooiiiiiiiiiiiinnnnnttttt">;
using LdStImm9 = Enc<"ss111000oo0iiiiiiiiiwwnnnnnttttt">;
using LdrLiteral = Enc<"oo011000iiiiiiiiiiiiiiiiiiittttt">;
using LdStPair = Enc<"oo10100ppLiiiiiiimmmmmnnnnnttttt">;

void ldst_uimm(Cpu&, uint32_t);
void ldst_imm9(Cpu&, uint32_t);
void ldst_pair(Cpu&, uint32_t);
void ldr_literal(Cpu&, uint32_t);

constexpr auto kLoadStoreRows = std::to_array<InsnDef>({
    def<LdStUImm>("LDR/STR (unsigned offset)", ldst_uimm, Iclass::kLoadStore, OpClass::kLoad),
    def<LdStImm9>("LDR/STR (unscaled, pre/post-index, unprivileged)", ldst_imm9,
                  Iclass::kLoadStore, OpClass::kLoad),
    def<LdrLiteral>("LDR/LDRSW/PRFM (literal)", ldr_literal, Iclass::kLoadStore, OpClass::kLoad),
    def<LdStPair>("LDP/STP/LDPSW/LDNP/STNP", ldst_pair, Iclass::kLoadStore, OpClass::kLoad),
});

}  // namespace el2::insn
