// Branches, exception generation and system instructions (Arm ARM C4.1.87).
#pragma once

#include <array>

#include "cpu/insn_def.h"

namespace el2::insn {

using BCond = Enc<"01010100iiiiiiiiiiiiiiiiiii0cccc">;
using Svc = Enc<"11010100000iiiiiiiiiiiiiiii00001">;
using Hvc = Enc<"11010100000iiiiiiiiiiiiiiii00010">;
using Smc = Enc<"11010100000iiiiiiiiiiiiiiii00011">;
using Brk = Enc<"11010100001iiiiiiiiiiiiiiii00000">;
using Hlt = Enc<"11010100010iiiiiiiiiiiiiiii00000">;
using Dcps = Enc<"11010100101iiiiiiiiiiiiiiii000ll">;
using Hint = Enc<"11010101000000110010mmmmooo11111">;
using Clrex = Enc<"11010101000000110011mmmm01011111">;
using Dsb = Enc<"11010101000000110011mmmm10011111">;
using Dmb = Enc<"11010101000000110011mmmm10111111">;
using Isb = Enc<"11010101000000110011mmmm11011111">;
using Sb = Enc<"11010101000000110011000011111111">;
using MsrImm = Enc<"1101010100000ooo0100mmmmppp11111">;
using Sys = Enc<"1101010100l01ooonnnnmmmmpppttttt">;
using MsrMrs = Enc<"1101010100l1Pooonnnnmmmmpppttttt">;
using Br = Enc<"1101011000011111000000nnnnn00000">;
using Blr = Enc<"1101011000111111000000nnnnn00000">;
using Ret = Enc<"1101011001011111000000nnnnn00000">;
using Eret = Enc<"11010110100111110000001111100000">;
using Drps = Enc<"11010110101111110000001111100000">;
using B = Enc<"000101iiiiiiiiiiiiiiiiiiiiiiiiii">;
using Bl = Enc<"100101iiiiiiiiiiiiiiiiiiiiiiiiii">;
using CbzCbnz = Enc<"f011010oiiiiiiiiiiiiiiiiiiittttt">;
using TbzTbnz = Enc<"B011011obbbbbiiiiiiiiiiiiiittttt">;

void b_cond(Cpu&, uint32_t);
Handler b_cond_specialized(uint32_t);
void svc(Cpu&, uint32_t);
void hvc(Cpu&, uint32_t);
void smc(Cpu&, uint32_t);
void brk(Cpu&, uint32_t);
void hlt(Cpu&, uint32_t);
void hint(Cpu&, uint32_t);
Handler hint_specialized(uint32_t);
void clrex(Cpu&, uint32_t);
void barrier(Cpu&, uint32_t);
void msr_imm(Cpu&, uint32_t);
void sys(Cpu&, uint32_t);
void msr_mrs(Cpu&, uint32_t);
Handler msr_mrs_specialized(uint32_t);
void br(Cpu&, uint32_t);
void blr(Cpu&, uint32_t);
void ret(Cpu&, uint32_t);
void eret(Cpu&, uint32_t);
void b(Cpu&, uint32_t);
void bl(Cpu&, uint32_t);
void cbz_cbnz(Cpu&, uint32_t);
void tbz_tbnz(Cpu&, uint32_t);

constexpr auto kBranchSystemRows = std::to_array<InsnDef>({
    specialized(def<BCond>("B.cond", b_cond, Iclass::kBranchSystem, OpClass::kBranch),
                b_cond_specialized),
    def<Svc>("SVC", svc, Iclass::kBranchSystem, OpClass::kSystem),
    def<Hvc>("HVC", hvc, Iclass::kBranchSystem, OpClass::kSystem),
    def<Smc>("SMC", smc, Iclass::kBranchSystem, OpClass::kSystem),
    def<Brk>("BRK", brk, Iclass::kBranchSystem, OpClass::kSystem),
    def<Hlt>("HLT (semihosting only)", hlt, Iclass::kBranchSystem, OpClass::kSystem),
    def<Dcps>("DCPS1/DCPS2/DCPS3 (Debug state not modelled)", nullptr, Iclass::kBranchSystem,
              OpClass::kSystem),
    specialized(def<Hint>("NOP/YIELD/WFE/WFI/SEV/SEVL and other hints", hint,
                          Iclass::kBranchSystem, OpClass::kNop),
                hint_specialized),
    def<Clrex>("CLREX", clrex, Iclass::kBranchSystem, OpClass::kBarrier),
    def<Dsb>("DSB", barrier, Iclass::kBranchSystem, OpClass::kBarrier),
    def<Dmb>("DMB", barrier, Iclass::kBranchSystem, OpClass::kBarrier),
    def<Isb>("ISB", barrier, Iclass::kBranchSystem, OpClass::kBarrier),
    def<Sb>("SB (FEAT_SB)", nullptr, Iclass::kBranchSystem, OpClass::kBarrier),
    def<MsrImm>("MSR (immediate)", msr_imm, Iclass::kBranchSystem, OpClass::kSystem),
    def<Sys>("SYS/SYSL (DC, IC, AT, TLBI)", sys, Iclass::kBranchSystem, OpClass::kSystem),
    specialized(
        def<MsrMrs>("MSR/MRS (register)", msr_mrs, Iclass::kBranchSystem, OpClass::kSystem),
        msr_mrs_specialized),
    def<Br>("BR", br, Iclass::kBranchSystem, OpClass::kBranch),
    def<Blr>("BLR", blr, Iclass::kBranchSystem, OpClass::kBranch),
    def<Ret>("RET", ret, Iclass::kBranchSystem, OpClass::kBranch),
    def<Eret>("ERET", eret, Iclass::kBranchSystem, OpClass::kSystem),
    def<Drps>("DRPS (Debug state not modelled)", nullptr, Iclass::kBranchSystem, OpClass::kSystem),
    def<B>("B", b, Iclass::kBranchSystem, OpClass::kBranch),
    def<Bl>("BL", bl, Iclass::kBranchSystem, OpClass::kBranch),
    def<CbzCbnz>("CBZ/CBNZ", cbz_cbnz, Iclass::kBranchSystem, OpClass::kBranch),
    def<TbzTbnz>("TBZ/TBNZ", tbz_tbnz, Iclass::kBranchSystem, OpClass::kBranch),
});

}  // namespace el2::insn
