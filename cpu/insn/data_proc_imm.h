// Data processing -- immediate (Arm ARM C4.1.86): PC-relative addressing,
// add/subtract, logical, move wide, bitfield and extract.
#pragma once

#include <array>

#include "cpu/insn_def.h"

namespace el2::insn {

// Field letters: f=sf, o=op/opc, s=S, p=shift, N=N, r=immr, s/S=imms, n=Rn, d=Rd.
using Adr = Enc<"0ll10000hhhhhhhhhhhhhhhhhhhddddd">;
using Adrp = Enc<"1ll10000hhhhhhhhhhhhhhhhhhhddddd">;
using AddSubImm = Enc<"fos100010piiiiiiiiiiiinnnnnddddd">;
using LogicalImm = Enc<"foo100100Nrrrrrrssssssnnnnnddddd">;
using MoveWide = Enc<"foo100101hhiiiiiiiiiiiiiiiiddddd">;
using Bitfield = Enc<"foo100110Nrrrrrrssssssnnnnnddddd">;
using Extr = Enc<"f00100111N0mmmmmssssssnnnnnddddd">;

void adr(Cpu& cpu, uint32_t insn);
void adrp(Cpu& cpu, uint32_t insn);
void add_sub_imm(Cpu& cpu, uint32_t insn);
Handler add_sub_imm_specialized(uint32_t insn);
void logical_imm(Cpu& cpu, uint32_t insn);
Handler logical_imm_specialized(uint32_t insn);
void move_wide(Cpu& cpu, uint32_t insn);
void bitfield(Cpu& cpu, uint32_t insn);
Handler bitfield_specialized(uint32_t insn);
void extr(Cpu& cpu, uint32_t insn);

constexpr auto kDataProcImmRows = std::to_array<InsnDef>({
    def<Adr>("ADR", adr, Iclass::kDataProcImm, OpClass::kIntAlu),
    def<Adrp>("ADRP", adrp, Iclass::kDataProcImm, OpClass::kIntAlu),
    specialized(def<AddSubImm>("ADD/ADDS/SUB/SUBS (immediate)", add_sub_imm, Iclass::kDataProcImm,
                               OpClass::kIntAlu),
                add_sub_imm_specialized),
    specialized(def<LogicalImm>("AND/ORR/EOR/ANDS (immediate)", logical_imm, Iclass::kDataProcImm,
                                OpClass::kIntAlu),
                logical_imm_specialized),
    def<MoveWide>("MOVN/MOVZ/MOVK", move_wide, Iclass::kDataProcImm, OpClass::kIntAlu),
    specialized(def<Bitfield>("SBFM/BFM/UBFM", bitfield, Iclass::kDataProcImm, OpClass::kIntAlu),
                bitfield_specialized),
    def<Extr>("EXTR", extr, Iclass::kDataProcImm, OpClass::kIntAlu),
});

}  // namespace el2::insn
