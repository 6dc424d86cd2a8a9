// Unit tests for the load/store class: single registers, pairs, exclusives and ordered accesses.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "cpu/insn/load_store_test_rig.h"

namespace el2 {
namespace {

using namespace ldst_test;

TEST_CASE("unsigned offset loads: sizes and sign extension") {
  Core c;
  c.x(2) = kData;
  c.exec(0xF9400441);  // ldr x1, [x2, #8]
  CHECK(c.x(1) == word_at(8));
  c.exec(0xB9400441);  // ldr w1, [x2, #4]
  CHECK(c.x(1) == 0x07060504);
  c.exec(0x39400C41);  // ldrb w1, [x2, #3]
  CHECK(c.x(1) == 3);
  c.exec(0x79400441);  // ldrh w1, [x2, #2]
  CHECK(c.x(1) == 0x0302);
  c.put64(kData + 0x20, 0x8000'0000'8081'80F0ull);
  c.x(2) = kData + 0x20;
  c.exec(0x39C00041);  // ldrsb w1, [x2]
  CHECK(c.x(1) == 0xFFFF'FFF0ull);
  c.exec(0x39800041);  // ldrsb x1, [x2]
  CHECK(c.x(1) == 0xFFFF'FFFF'FFFF'FFF0ull);
  c.exec(0x79C00041);  // ldrsh w1, [x2]
  CHECK(c.x(1) == 0xFFFF'80F0ull);
  c.exec(0x79800041);  // ldrsh x1, [x2]
  CHECK(c.x(1) == 0xFFFF'FFFF'FFFF'80F0ull);
  c.exec(0xB9800041);  // ldrsw x1, [x2]
  CHECK(c.x(1) == 0xFFFF'FFFF'8081'80F0ull);
}

TEST_CASE("unsigned offset stores") {
  Core c;
  c.x(2) = kData + 0x40;
  c.x(1) = 0x1122'3344'5566'7788ull;
  c.exec(0xF9000841);  // str x1, [x2, #16]
  CHECK(c.get64(kData + 0x50) == 0x1122'3344'5566'7788ull);
  c.put64(kData + 0x40, 0);
  c.exec(0x39000441);  // strb w1, [x2, #1]
  c.exec(0x79000441);  // strh w1, [x2, #2]
  c.exec(0xB9000441);  // str w1, [x2, #4]
  CHECK(c.get64(kData + 0x40) == 0x5566'7788'7788'8800ull);
}

TEST_CASE("unscaled, pre/post-index and writeback") {
  Core c;
  c.x(2) = kData + 16;
  c.exec(0xF85F8041);  // ldur x1, [x2, #-8]
  CHECK(c.x(1) == word_at(8));
  CHECK(c.x(2) == kData + 16);
  c.x(1) = 0xAABBCCDD;
  c.x(2) = kData + 0x113;
  c.exec(0xB81FD041);  // stur w1, [x2, #-3]
  CHECK(c.get32(kData + 0x110) == 0xAABBCCDD);

  c.x(2) = kData;
  c.exec(0xF8410441);  // ldr x1, [x2], #16: post-index loads from the base.
  CHECK(c.x(1) == word_at(0));
  CHECK(c.x(2) == kData + 16);
  c.x(2) = kData + 32;
  c.exec(0xF85F0C41);  // ldr x1, [x2, #-16]!
  CHECK(c.x(1) == word_at(16));
  CHECK(c.x(2) == kData + 16);
  c.x(1) = 0x55;
  c.x(2) = kData + 0x100;
  c.exec(0xF81F8441);  // str x1, [x2], #-8
  CHECK(c.get64(kData + 0x100) == 0x55);
  CHECK(c.x(2) == kData + 0xF8);
  c.s().sp() = kData + 0x200;
  c.exec(0xF81F0FE1);  // str x1, [sp, #-16]!
  CHECK(c.get64(kData + 0x1F0) == 0x55);
  CHECK(c.s().sp() == kData + 0x1F0);
}

TEST_CASE("writeback with Rn == Rt (CONSTRAINED UNPREDICTABLE choices)") {
  Core c;
  c.x(1) = kData;
  c.exec(0xF8408421);  // ldr x1, [x1], #8: the writeback wins.
  CHECK(c.ok());
  CHECK(c.x(1) == kData + 8);
  c.x(1) = kData + 0x100;
  c.exec(0xF8008C21);  // str x1, [x1, #8]!: stores the original Rt.
  CHECK(c.get64(kData + 0x108) == kData + 0x100);
  CHECK(c.x(1) == kData + 0x108);
}

TEST_CASE("unprivileged LDTR/STTR") {
  Core c;
  c.x(2) = kData;
  c.exec(0xF8408841);  // ldtr x1, [x2, #8]
  CHECK(c.x(1) == word_at(8));
  CHECK(c.x(2) == kData);  // No writeback.
  c.x(1) = 0xEE;
  c.exec(0x38001841);  // sttrb w1, [x2, #1]
  CHECK(c.get32(kData) == 0x0302EE00);
  c.put32(kData + 0x20, 0x8001);
  c.x(2) = kData + 0x20;
  c.exec(0x78800841);  // ldtrsh x1, [x2]
  CHECK(c.x(1) == 0xFFFF'FFFF'FFFF'8001ull);
  // PRFM has no unprivileged form: size 11, opc 10, mode 10.
  c.exec(0xF8808841);
  CHECK(c.trapped());
  CHECK(c.ec() == 0);
}

TEST_CASE("register offset: LSL, UXTW, SXTW, SXTX") {
  Core c;
  c.x(2) = kData;
  c.x(3) = 8;
  c.exec(0xF8636841);  // ldr x1, [x2, x3]
  CHECK(c.x(1) == word_at(8));
  c.x(3) = 2;
  c.exec(0xF8637841);  // ldr x1, [x2, x3, lsl #3]
  CHECK(c.x(1) == word_at(16));
  c.x(3) = 0xFFFF'FFFF'0000'0003ull;  // UXTW ignores the top half.
  c.exec(0xB8635841);                 // ldr w1, [x2, w3, uxtw #2]
  CHECK(c.x(1) == 0x0F0E0D0C);
  c.x(2) = kData + 0x10;
  c.x(3) = 0xFFFF'FFFC;  // SXTW: -4.
  c.exec(0xB863C841);    // ldr w1, [x2, w3, sxtw]
  CHECK(c.x(1) == 0x0F0E0D0C);
  c.x(3) = ~uint64_t{0};  // SXTX #1: -2.
  c.exec(0x7863F841);     // ldrh w1, [x2, x3, sxtx #1]
  CHECK(c.x(1) == 0x0F0E);
  c.put32(kData + 0x30, 0x8000'0000);
  c.x(2) = kData + 0x20;
  c.x(3) = 4;
  c.exec(0xB8A3D841);  // ldrsw x1, [x2, w3, sxtw #2]
  CHECK(c.x(1) == 0xFFFF'FFFF'8000'0000ull);
  c.x(1) = 0x99;
  c.x(3) = 0x21;
  c.exec(0x38236841);  // strb w1, [x2, x3]
  CHECK((c.get32(kData + 0x41) & 0xFF) == 0x99);
  // option<1> == 0 (here option 000, UXTB) is unallocated.
  c.exec(0xF8630841);
  CHECK(c.trapped());
  CHECK(c.ec() == 0);
}

TEST_CASE("literal loads and prefetch hints") {
  Core c;
  c.put64(kCode + 8, 0x8877'6655'8433'2211ull);
  c.exec(0x58000041);  // ldr x1, #8
  CHECK(c.x(1) == 0x8877'6655'8433'2211ull);
  c.exec(0x98000041);  // ldrsw x1, #8
  CHECK(c.x(1) == 0xFFFF'FFFF'8433'2211ull);
  c.put32(kCode - 4, 0xCAFEF00D);
  c.exec(0x18FFFFE1);  // ldr w1, #-4
  CHECK(c.x(1) == 0xCAFEF00D);
  // Prefetches are NOPs, even to unmapped addresses.
  c.x(1) = 7;
  c.x(2) = 0x1000;
  c.x(3) = 0;
  for (uint32_t insn : {0xF9800440u, 0xF8A36840u, 0xF8801040u, 0xD8000040u}) {
    c.exec(insn);
    CHECK(c.ok());
  }
  CHECK(c.x(1) == 7);
}

TEST_CASE("unallocated single-register encodings") {
  Core c;
  c.x(2) = kData;
  // size 11 opc 11 and size 10 opc 11 (unsigned offset): unallocated.
  for (uint32_t insn : {0xF9C00041u, 0xB9C00041u, 0xF8C00441u /* imm9 post, size 11 opc 11 */,
                        0xF8810441u /* PRFM post-index */}) {
    c.exec(insn);
    CHECK(c.trapped());
    CHECK(c.ec() == 0);
  }
}

// ---- Faults -----------------------------------------------------------------

TEST_CASE("external abort on unmapped addresses, registers unchanged") {
  Core c;
  c.x(1) = 123;
  c.x(2) = 0x1000;
  c.exec(0xF8410441);  // ldr x1, [x2], #16
  CHECK(c.trapped());
  CHECK(c.ec() == 0x25);
  CHECK(c.dfsc() == 0x10);
  CHECK(c.far() == 0x1000);
  CHECK(!c.wnr());
  CHECK(c.x(1) == 123);
  CHECK(c.x(2) == 0x1000);  // No writeback.
  c.exec(0xF9000841);       // str x1, [x2, #16]
  CHECK(c.trapped());
  CHECK(c.dfsc() == 0x10);
  CHECK(c.wnr());
  CHECK(c.far() == 0x1010);
  c.x(3) = 0x2000;
  c.exec(0xA8C10861);  // ldp x1, x2, [x3], #16
  CHECK(c.trapped());
  CHECK(c.x(3) == 0x2000);
  CHECK(c.x(1) == 123);
}

// ---- Pairs --------------------------------------------------------------------

TEST_CASE("LDP/STP/LDPSW/LDNP/STNP") {
  Core c;
  c.x(3) = kData;
  c.exec(0xA9400861);  // ldp x1, x2, [x3]
  CHECK(c.x(1) == word_at(0));
  CHECK(c.x(2) == word_at(8));
  c.exec(0x29410861);  // ldp w1, w2, [x3, #8]
  CHECK(c.x(1) == 0x0B0A0908);
  CHECK(c.x(2) == 0x0F0E0D0C);
  c.exec(0xA8C10861);  // ldp x1, x2, [x3], #16
  CHECK(c.x(1) == word_at(0));
  CHECK(c.x(3) == kData + 16);
  c.x(3) = kData + 32;
  c.exec(0xA9FF0861);  // ldp x1, x2, [x3, #-16]!
  CHECK(c.x(1) == word_at(16));
  CHECK(c.x(2) == word_at(24));
  CHECK(c.x(3) == kData + 16);
  c.exec(0xA8410861);  // ldnp x1, x2, [x3, #16]
  CHECK(c.x(1) == word_at(32));
  CHECK(c.x(3) == kData + 16);

  c.x(1) = 0x1111'2222'3333'4444ull;
  c.x(2) = 0x5555'6666'7777'8888ull;
  c.x(3) = kData + 0x100;
  c.exec(0xA9010861);  // stp x1, x2, [x3, #16]
  CHECK(c.get64(kData + 0x110) == 0x1111'2222'3333'4444ull);
  CHECK(c.get64(kData + 0x118) == 0x5555'6666'7777'8888ull);
  c.exec(0x28810861);  // stp w1, w2, [x3], #8
  CHECK(c.get64(kData + 0x100) == 0x7777'8888'3333'4444ull);
  CHECK(c.x(3) == kData + 0x108);
  c.exec(0x28000861);  // stnp w1, w2, [x3]
  CHECK(c.get64(kData + 0x108) == 0x7777'8888'3333'4444ull);

  c.put64(kData + 0x200, 0x7FFF'FFFF'8000'0001ull);
  c.x(3) = kData + 0x200;
  c.exec(0x69400861);  // ldpsw x1, x2, [x3]
  CHECK(c.x(1) == 0xFFFF'FFFF'8000'0001ull);
  CHECK(c.x(2) == 0x7FFF'FFFFull);

  // Unallocated: opc 11; LDPSW no-allocate (opc 01 L 1 mode 00); opc 01 L 0 (STGP).
  for (uint32_t insn : {0xE9400861u, 0x68400861u, 0x69000861u}) {
    c.exec(insn);
    CHECK(c.trapped());
    CHECK(c.ec() == 0);
  }
}

TEST_CASE("LDP Rt == Rt2 and writeback overlap (CONSTRAINED UNPREDICTABLE choices)") {
  Core c;
  c.x(2) = kData;
  c.exec(0xA9400441);  // ldp x1, x1, [x2]: the first element.
  CHECK(c.x(1) == word_at(0));
  c.x(1) = kData;
  c.exec(0xA8C10821);  // ldp x1, x2, [x1], #16: the writeback wins.
  CHECK(c.x(1) == kData + 16);
  CHECK(c.x(2) == word_at(8));
}

// ---- Exclusives and ordered ---------------------------------------------------

TEST_CASE("LDXR/STXR success, failure and monitor clearing") {
  Core c;
  c.x(2) = kData + 0x100;
  c.put64(kData + 0x100, 42);
  c.exec(0xC85F7C41);  // ldxr x1, [x2]
  CHECK(c.x(1) == 42);
  CHECK(c.s().monitor.armed);
  CHECK(c.s().monitor.addr == kData + 0x100);
  CHECK(c.s().monitor.size == 8);
  c.x(1) = 43;
  c.exec(0xC8037C41);  // stxr w3, x1, [x2]
  CHECK(c.x(3) == 0);
  CHECK(c.get64(kData + 0x100) == 43);
  CHECK(!c.s().monitor.armed);
  // Again, without a load-exclusive: fails, memory untouched.
  c.x(1) = 44;
  c.exec(0xC8037C41);
  CHECK(c.x(3) == 1);
  CHECK(c.get64(kData + 0x100) == 43);
  // Armed for another address: fails and disarms.
  c.x(2) = kData + 0x108;
  c.exec(0xC85F7C41);  // ldxr x1, [x2]
  c.x(2) = kData + 0x100;
  c.exec(0xC8037C41);
  CHECK(c.x(3) == 1);
  CHECK(!c.s().monitor.armed);
  CHECK(c.get64(kData + 0x100) == 43);
  // CLREX in between: fails.
  c.exec(0xC85F7C41);
  c.exec(0xD503305F);  // clrex
  c.exec(0xC8037C41);
  CHECK(c.x(3) == 1);
}

TEST_CASE("exclusive byte/half/word and acquire/release forms") {
  Core c;
  c.x(2) = kData + 5;
  c.exec(0x085F7C41);  // ldxrb w1, [x2]
  CHECK(c.x(1) == 5);
  c.x(1) = 0xABC;
  c.exec(0x08037C41);  // stxrb w3, w1, [x2]
  CHECK(c.x(3) == 0);
  CHECK(c.get32(kData + 4) == 0x0706BC04);
  c.x(2) = kData + 6;
  c.exec(0x485F7C41);  // ldxrh w1, [x2]
  CHECK(c.x(1) == 0x0706);
  c.x(2) = kData + 8;
  c.exec(0x885F7C41);  // ldxr w1, [x2]
  CHECK(c.x(1) == 0x0B0A0908);
  CHECK(c.s().monitor.size == 4);
  c.x(1) = 0xFFFF'FFFF'1234'5678ull;
  c.exec(0x8803FC41);  // stlxr w3, w1, [x2]
  CHECK(c.x(3) == 0);
  CHECK(c.get64(kData + 8) == 0x0F0E0D0C'12345678ull);
  c.exec(0xC85FFC41);  // ldaxr x1, [x2]
  CHECK(c.x(1) == 0x0F0E0D0C'12345678ull);
  CHECK(c.s().monitor.armed);
}

TEST_CASE("store-exclusive with Rs == Rt stores the original value") {
  Core c;
  c.x(2) = kData + 0x100;
  c.exec(0xC85F7C40);  // ldxr x0, [x2]
  c.x(1) = 0x1122'3344'5566'7788ull;
  c.exec(0xC8017C41);  // stxr w1, x1, [x2]
  CHECK(c.ok());
  CHECK(c.x(1) == 0);
  CHECK(c.get64(kData + 0x100) == 0x1122'3344'5566'7788ull);
}

TEST_CASE("exclusive pairs") {
  Core c;
  c.x(2) = kData + 0x10;
  c.exec(0xC87F1041);  // ldxp x1, x4, [x2]
  CHECK(c.x(1) == word_at(16));
  CHECK(c.x(4) == word_at(24));
  CHECK(c.s().monitor.size == 16);
  c.x(1) = 1;
  c.x(4) = 2;
  c.exec(0xC8231041);  // stxp w3, x1, x4, [x2]
  CHECK(c.x(3) == 0);
  CHECK(c.get64(kData + 0x10) == 1);
  CHECK(c.get64(kData + 0x18) == 2);
  c.x(2) = kData + 0x20;
  c.exec(0x887F1041);  // ldxp w1, w4, [x2]
  CHECK(c.x(1) == 0x23222120);
  CHECK(c.x(4) == 0x27262524);
  c.x(1) = 0xAAAA'0000'0000'0001ull;
  c.x(4) = 0xBBBB'0000'0000'0002ull;
  c.exec(0x88239041);  // stlxp w3, w1, w4, [x2]
  CHECK(c.x(3) == 0);
  CHECK(c.get64(kData + 0x20) == 0x0000'0002'0000'0001ull);
  // 64-bit pairs must be 16-byte aligned, 32-bit pairs 8-byte aligned.
  c.x(2) = kData + 0x28;
  c.exec(0xC87F9041);  // ldaxp x1, x4, [x2]
  CHECK(c.trapped());
  CHECK(c.ec() == 0x25);
  CHECK(c.dfsc() == 0x21);
  CHECK(c.far() == kData + 0x28);
  c.x(2) = kData + 0x24;
  c.exec(0x887F1041);  // ldxp w1, w4, [x2]
  CHECK(c.trapped());
  CHECK(c.dfsc() == 0x21);
}

TEST_CASE("alignment faults on exclusive, acquire and release accesses") {
  Core c;
  c.x(1) = 5;
  c.x(2) = kData + 4;
  c.exec(0xC85F7C41);  // ldxr x1, [x2]
  CHECK(c.trapped());
  CHECK(c.ec() == 0x25);
  CHECK(c.dfsc() == 0x21);
  CHECK(!c.wnr());
  CHECK(c.far() == kData + 4);
  CHECK(c.x(1) == 5);
  CHECK(!c.s().monitor.armed);
  c.x(2) = kData + 2;
  c.exec(0x885F7C41);  // ldxr w1, [x2]
  CHECK(c.trapped());
  c.x(2) = kData + 1;
  c.exec(0x485F7C41);  // ldxrh w1, [x2]
  CHECK(c.trapped());
  c.exec(0x085F7C41);  // ldxrb w1, [x2]: bytes are always aligned.
  CHECK(c.ok());
  // A misaligned store-exclusive faults even with the monitor open.
  c.x(2) = kData + 4;
  c.x(3) = 77;
  c.exec(0xC8037C41);  // stxr w3, x1, [x2]
  CHECK(c.trapped());
  CHECK(c.dfsc() == 0x21);
  CHECK(c.wnr());
  CHECK(c.x(3) == 77);
  c.exec(0xC8DFFC41);  // ldar x1, [x2]
  CHECK(c.trapped());
  CHECK(c.dfsc() == 0x21);
  c.x(2) = kData + 2;
  c.exec(0x889FFC41);  // stlr w1, [x2]
  CHECK(c.trapped());
  CHECK(c.wnr());
  c.x(2) = kData + 1;
  c.exec(0x489FFC41);  // stlrh w1, [x2]
  CHECK(c.trapped());
  // With the MMU off data accesses are Device-nGnRnE, where ordinary
  // unaligned accesses fault too (Arm ARM B2.5.2); aligned ones do not.
  c.x(2) = kData + 4;
  c.exec(0xF9400041);  // ldr x1, [x2]
  CHECK(c.trapped());
  CHECK(c.dfsc() == 0x21);
  c.exec(0xB9400041);  // ldr w1, [x2]
  CHECK(c.ok());
  CHECK(c.x(1) == 0x07060504);
}

TEST_CASE("SP alignment check for SP-based accesses (SCTLR_EL1.SA)") {
  Core c;
  c.s().sys.sctlr[1] |= 1u << 3;  // SA
  c.s().sp() = kData + 8;
  c.x(1) = 5;
  c.exec(0xF94003E1);  // ldr x1, [sp]
  CHECK(c.trapped());
  CHECK(c.ec() == 0x26);
  CHECK(c.x(1) == 5);
  c.exec(0xF81F0FE1);  // str x1, [sp, #-16]!
  CHECK(c.trapped());
  CHECK(c.ec() == 0x26);
  CHECK(c.s().sp() == kData + 8);
  c.s().sp() = kData + 16;
  c.exec(0xF94007E1);  // ldr x1, [sp, #8]: only SP itself must be aligned.
  CHECK(c.ok());
  CHECK(c.x(1) == word_at(24));
}

TEST_CASE("LDAR/STLR") {
  Core c;
  c.x(2) = kData + 8;
  c.exec(0xC8DFFC41);  // ldar x1, [x2]
  CHECK(c.x(1) == word_at(8));
  c.exec(0x08DFFC41);  // ldarb w1, [x2]
  CHECK(c.x(1) == 8);
  c.x(1) = 0xFFFF'FFFF'DEAD'BEEFull;
  c.exec(0x889FFC41);  // stlr w1, [x2]
  CHECK(c.get64(kData + 8) == 0x0F0E0D0C'DEADBEEFull);
  c.exec(0x489FFC41);  // stlrh w1, [x2]
  CHECK(c.get32(kData + 8) == 0xDEADBEEF);
  CHECK(!c.s().monitor.armed);
  // LDLAR/STLLR (FEAT_LOR): not implemented, UNDEFINED.
  c.exec(0xC8DF7C41);  // ldlar x1, [x2]
  CHECK(c.trapped());
  CHECK(c.ec() == 0);
}

// ---- LSE -----------------------------------------------------------------------

}  // namespace
}  // namespace el2
