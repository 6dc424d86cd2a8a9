// Data processing -- register (Arm ARM C4.1.89): logical and add/subtract
// (shifted and extended register), add/subtract with carry, conditional
// compare, conditional select, and data processing with 1, 2 and 3 sources.
//
// Words in this space that match no row below are unallocated (or belong to an
// extension el2emu does not implement) and decode as UNDEFINED; combinations a
// row's pattern cannot exclude are rejected in its handler.
#pragma once

#include <array>

#include "cpu/insn_def.h"

namespace el2::insn {

// Field letters: f=sf, o=op/opc, s=S, h=shift, N=N, i=imm6/imm3/imm5, x=option,
// m=Rm, n=Rn, d=Rd, a=Ra, c=cond (or C for CRC32C), z=sz, p=op2, v=nzcv, u=U.
using LogicalShifted = Enc<"foo01010hhNmmmmmiiiiiinnnnnddddd">;
using AddSubShifted = Enc<"fos01011hh0mmmmmiiiiiinnnnnddddd">;
// opt (bits 23:22) != 00 is unallocated.
using AddSubExtended = Enc<"fos01011001mmmmmxxxiiinnnnnddddd">;
using AddSubCarry = Enc<"fos11010000mmmmm000000nnnnnddddd">;
// CCMN/CCMP: S=1 and o2 = o3 = 0; anything else is unallocated.
using CondCmpReg = Enc<"fo111010010mmmmmcccc00nnnnn0vvvv">;
using CondCmpImm = Enc<"fo111010010iiiiicccc10nnnnn0vvvv">;
// CSEL/CSINC/CSINV/CSNEG: S=0, op2<1>=0.
using CondSelect = Enc<"fo011010100mmmmmcccc0pnnnnnddddd">;
// Data-processing (1 source), S=0, opcode2=00000.
using Rev = Enc<"f1011010110000000000oonnnnnddddd">;
using Clz = Enc<"f10110101100000000010onnnnnddddd">;
// Data-processing (2 source), S=0.
using Div = Enc<"f0011010110mmmmm00001onnnnnddddd">;
using ShiftVar = Enc<"f0011010110mmmmm0010hhnnnnnddddd">;
using Crc32 = Enc<"f0011010110mmmmm010czznnnnnddddd">;
// Data-processing (3 source), op54=00.
using MulAdd = Enc<"f0011011000mmmmmoaaaaannnnnddddd">;
using MulAddLong = Enc<"10011011u01mmmmmoaaaaannnnnddddd">;
using MulHigh = Enc<"10011011u10mmmmm0-----nnnnnddddd">;  // Ra is should-be-one.

// Known encodings el2emu does not implement (their rows decode as UNDEFINED).
using Rmif = Enc<"10111010000------00001-----0----">;        // FEAT_FlagM
using Setf = Enc<"00111010000000000-0010-----01101">;        // FEAT_FlagM
using PacAut1Src = Enc<"11011010110000010---------------">;  // FEAT_PAuth
using Pacga = Enc<"10011010110-----001100----------">;       // FEAT_PAuth

void logical_shifted(Cpu&, uint32_t);
Handler logical_shifted_specialized(uint32_t);
void add_sub_shifted(Cpu&, uint32_t);
Handler add_sub_shifted_specialized(uint32_t);
void add_sub_extended(Cpu&, uint32_t);
void add_sub_carry(Cpu&, uint32_t);
void cond_compare_reg(Cpu&, uint32_t);
void cond_compare_imm(Cpu&, uint32_t);
void cond_select(Cpu&, uint32_t);
void rev(Cpu&, uint32_t);
void clz_cls(Cpu&, uint32_t);
void divide(Cpu&, uint32_t);
void shift_variable(Cpu&, uint32_t);
void crc32(Cpu&, uint32_t);
void mul_add(Cpu&, uint32_t);
void mul_add_long(Cpu&, uint32_t);
void mul_high(Cpu&, uint32_t);

constexpr auto kDataProcRegRows = std::to_array<InsnDef>({
    specialized(def<LogicalShifted>("AND/BIC/ORR/ORN/EOR/EON/ANDS/BICS (shifted register)",
                                    logical_shifted, Iclass::kDataProcReg, OpClass::kIntAlu),
                logical_shifted_specialized),
    specialized(def<AddSubShifted>("ADD/ADDS/SUB/SUBS (shifted register)", add_sub_shifted,
                                   Iclass::kDataProcReg, OpClass::kIntAlu),
                add_sub_shifted_specialized),
    def<AddSubExtended>("ADD/ADDS/SUB/SUBS (extended register)", add_sub_extended,
                        Iclass::kDataProcReg, OpClass::kIntAlu),
    def<AddSubCarry>("ADC/ADCS/SBC/SBCS", add_sub_carry, Iclass::kDataProcReg, OpClass::kIntAlu),
    def<CondCmpReg>("CCMN/CCMP (register)", cond_compare_reg, Iclass::kDataProcReg,
                    OpClass::kIntAlu),
    def<CondCmpImm>("CCMN/CCMP (immediate)", cond_compare_imm, Iclass::kDataProcReg,
                    OpClass::kIntAlu),
    def<CondSelect>("CSEL/CSINC/CSINV/CSNEG", cond_select, Iclass::kDataProcReg, OpClass::kIntAlu),
    def<Rev>("RBIT/REV16/REV32/REV", rev, Iclass::kDataProcReg, OpClass::kIntAlu),
    def<Clz>("CLZ/CLS", clz_cls, Iclass::kDataProcReg, OpClass::kIntAlu),
    def<Div>("UDIV/SDIV", divide, Iclass::kDataProcReg, OpClass::kIntDiv),
    def<ShiftVar>("LSLV/LSRV/ASRV/RORV", shift_variable, Iclass::kDataProcReg, OpClass::kIntAlu),
    def<Crc32>("CRC32B/H/W/X, CRC32CB/H/W/X", crc32, Iclass::kDataProcReg, OpClass::kIntAlu,
               Feature::kCrc32),
    def<MulAdd>("MADD/MSUB", mul_add, Iclass::kDataProcReg, OpClass::kIntMul),
    def<MulAddLong>("SMADDL/SMSUBL/UMADDL/UMSUBL", mul_add_long, Iclass::kDataProcReg,
                    OpClass::kIntMul),
    def<MulHigh>("SMULH/UMULH", mul_high, Iclass::kDataProcReg, OpClass::kIntMul),
    def<Rmif>("RMIF (FEAT_FlagM, not implemented)", nullptr, Iclass::kDataProcReg,
              OpClass::kIntAlu),
    def<Setf>("SETF8/SETF16 (FEAT_FlagM, not implemented)", nullptr, Iclass::kDataProcReg,
              OpClass::kIntAlu),
    def<PacAut1Src>("PAC*/AUT*/XPAC* (FEAT_PAuth, not implemented)", nullptr, Iclass::kDataProcReg,
                    OpClass::kIntAlu),
    def<Pacga>("PACGA (FEAT_PAuth, not implemented)", nullptr, Iclass::kDataProcReg,
               OpClass::kIntAlu),
});

}  // namespace el2::insn
