// Unit tests for the load/store class: LSE atomics and SIMD&FP registers.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "cpu/insn/load_store_test_rig.h"

namespace el2 {
namespace {

using namespace ldst_test;

struct AtomicCase {
  uint32_t insn;
  const char* text;
  uint64_t mem_before, rs, mem_after, rt_after;
  unsigned bytes;
};

TEST_CASE("LSE atomic operations") {
  const AtomicCase cases[] = {
      // ldadd x1, x4, [x2]
      {0xF8210044, "ldadd", 0xFFFF'FFFF'FFFF'FFFFull, 2, 1, 0xFFFF'FFFF'FFFF'FFFFull, 8},
      // ldaddal w1, w4, [x2]: 32-bit wrap, old zero-extended into X4.
      {0xB8E10044, "ldaddal", 0xFFFF'FFF0, 0x1'0000'0020ull, 0x10, 0xFFFF'FFF0, 4},
      // ldaddb w1, w4, [x2]
      {0x38210044, "ldaddb", 0xF0, 0x20, 0x10, 0xF0, 1},
      // ldclr x1, x4, [x2]: mem AND NOT Xs.
      {0xF8211044, "ldclr", 0xFF00, 0x0F0F, 0xF000, 0xFF00, 8},
      // ldeorh w1, w4, [x2]
      {0x78212044, "ldeorh", 0xFFFF, 0x0FF0, 0xF00F, 0xFFFF, 2},
      // ldset x1, x4, [x2]
      {0xF8213044, "ldset", 0x0101, 0x1010, 0x1111, 0x0101, 8},
      // ldsmax w1, w4, [x2]: signed, -1 < 5.
      {0xB8214044, "ldsmax", 0xFFFF'FFFF, 5, 5, 0xFFFF'FFFF, 4},
      // ldsmin x1, x4, [x2]
      {0xF8215044, "ldsmin", 3, 0x8000'0000'0000'0000ull, 0x8000'0000'0000'0000ull, 3, 8},
      // ldumax w1, w4, [x2]: unsigned, 0xFFFFFFFF > 5.
      {0xB8216044, "ldumax", 0xFFFF'FFFF, 5, 0xFFFF'FFFF, 0xFFFF'FFFF, 4},
      // lduminb w1, w4, [x2]
      {0x38217044, "lduminb", 0x80, 0x7F, 0x7F, 0x80, 1},
      // ldumaxb w1, w4, [x2]: only the low byte of Ws counts (0x7F < 0x80).
      {0x38216044, "ldumaxb", 0x80, 0x17F, 0x80, 0x80, 1},
      // lduminh w1, w4, [x2]
      {0x78217044, "lduminh", 0x0002, 0x1'0001, 0x0001, 0x0002, 2},
      // ldsmaxb w1, w4, [x2]: 0x80 = -128 < 0x7F.
      {0x38214044, "ldsmaxb", 0x80, 0x7F, 0x7F, 0x80, 1},
      // swp x1, x4, [x2]
      {0xF8218044, "swp", 0x1234, 0x5678, 0x5678, 0x1234, 8},
      // swpal w1, w4, [x2]
      {0xB8E18044, "swpal", 0x1234, 0xFFFF'FFFF'0000'5678ull, 0x5678, 0x1234, 4},
      // swph w1, w4, [x2]
      {0x78218044, "swph", 0xABCD, 0x1'5678, 0x5678, 0xABCD, 2},
  };
  for (const AtomicCase& t : cases) {
    CAPTURE(t.text);
    Core c;
    const uint64_t addr = kData + 0x100;
    c.put64(addr, 0x5A5A'5A5A'5A5A'5A5Aull);
    c.mem.write_phys(addr, &t.mem_before, t.bytes);
    c.x(1) = t.rs;
    c.x(2) = addr;
    c.x(4) = 0xDEAD;
    c.exec(t.insn);
    REQUIRE(c.ok());
    uint64_t after = 0;
    c.mem.read_phys(addr, &after, t.bytes);
    CHECK(after == t.mem_after);
    CHECK(c.x(4) == t.rt_after);
    // Bytes beyond the access are untouched.
    if (t.bytes < 8) CHECK(c.mem.read_phys(addr + t.bytes, &after, 1));
    if (t.bytes < 8) CHECK((after & 0xFF) == 0x5A);
  }
}

TEST_CASE("STADD alias (Rt = 31) and atomics alignment") {
  Core c;
  c.x(2) = kData + 0x100;
  c.put64(kData + 0x100, 10);
  c.x(1) = 5;
  c.exec(0xF821005F);  // stadd x1, [x2]
  CHECK(c.get64(kData + 0x100) == 15);
  c.x(2) = kData + 0x104;
  c.x(4) = 9;
  c.exec(0xF8210044);  // ldadd x1, x4, [x2]: misaligned.
  CHECK(c.trapped());
  CHECK(c.ec() == 0x25);
  CHECK(c.dfsc() == 0x21);
  CHECK(c.far() == kData + 0x104);
  CHECK(c.x(4) == 9);
  c.x(2) = kData + 0x102;
  c.exec(0x78218044);  // swph w1, w4, [x2]: aligned to 2.
  CHECK(c.ok());
  c.x(2) = kData + 0x101;
  c.exec(0x78218044);
  CHECK(c.trapped());
}

TEST_CASE("CAS success and failure") {
  Core c;
  const uint64_t addr = kData + 0x100;
  c.x(2) = addr;
  c.put64(addr, 100);
  c.x(1) = 100;
  c.x(4) = 200;
  c.exec(0xC8A17C44);  // cas x1, x4, [x2]
  CHECK(c.get64(addr) == 200);
  CHECK(c.x(1) == 100);
  c.x(1) = 100;  // Compare fails: memory unchanged, Xs = old.
  c.x(4) = 300;
  c.exec(0xC8A17C44);
  CHECK(c.get64(addr) == 200);
  CHECK(c.x(1) == 200);
  // casal w1, w4, [x2]: compares 32 bits only.
  c.put64(addr, 0x1111'1111'0000'0007ull);
  c.x(1) = 0xFFFF'FFFF'0000'0007ull;
  c.x(4) = 0x9;
  c.exec(0x88E1FC44);
  CHECK(c.get64(addr) == 0x1111'1111'0000'0009ull);
  CHECK(c.x(1) == 7);
  // casb w1, w4, [x2]
  c.x(1) = 0x09;
  c.x(4) = 0x1FF;
  c.exec(0x08A17C44);
  CHECK(c.get64(addr) == 0x1111'1111'0000'00FFull);
  CHECK(c.x(1) == 0x09);
  // casb w17, wzr, [x16]: stores zero on a match; Ws is compared as a byte.
  c.put64(addr, 0x1111'1111'2222'33C3ull);
  c.x(16) = addr;
  c.x(17) = 0xFFFF'FFFF'FFFF'FFC3ull;
  c.exec(0x08B17E1F);
  CHECK(c.ok());
  CHECK(c.get64(addr) == 0x1111'1111'2222'3300ull);
  CHECK(c.x(17) == 0xC3);
  // Misaligned CAS: alignment fault.
  c.x(2) = addr + 4;
  c.exec(0xC8A17C44);
  CHECK(c.trapped());
  CHECK(c.dfsc() == 0x21);
}

TEST_CASE("CASP") {
  Core c;
  const uint64_t addr = kData + 0x100;
  c.x(2) = addr;
  c.put64(addr, 1);
  c.put64(addr + 8, 2);
  c.x(0) = 1;
  c.x(1) = 2;
  c.x(4) = 3;
  c.x(5) = 4;
  c.exec(0x48207C44);  // casp x0, x1, x4, x5, [x2]
  CHECK(c.get64(addr) == 3);
  CHECK(c.get64(addr + 8) == 4);
  CHECK(c.x(0) == 1);
  CHECK(c.x(1) == 2);
  c.exec(0x48207C44);  // Fails: x0:x1 = old.
  CHECK(c.x(0) == 3);
  CHECK(c.x(1) == 4);
  CHECK(c.get64(addr) == 3);
  // caspal w0, w1, w4, w5, [x2]
  c.x(0) = 3;
  c.x(1) = 0;
  c.x(4) = 0xAAAA;
  c.x(5) = 0xBBBB;
  c.exec(0x0860FC44);
  CHECK(c.get64(addr) == 0x0000'BBBB'0000'AAAAull);
  CHECK(c.x(0) == 3);
  CHECK(c.x(1) == 0);
  // Alignment to the total size: 16 bytes for X pairs.
  c.x(2) = addr + 8;
  c.exec(0x48207C44);
  CHECK(c.trapped());
  CHECK(c.dfsc() == 0x21);
  // Odd Rs or Rt: UNDEFINED.
  c.x(2) = addr;
  c.exec(0x48217C44);  // Rs = 1
  CHECK(c.trapped());
  CHECK(c.ec() == 0);
  c.exec(0x48207C45);  // Rt = 5
  CHECK(c.trapped());
  CHECK(c.ec() == 0);
}

TEST_CASE("LSE is UNDEFINED without FEAT_LSE (cortex-a57)") {
  Core c("cortex-a57");
  c.x(2) = kData;
  for (uint32_t insn : {0xF8210044u, 0xF8218044u, 0xC8A17C44u, 0x48207C44u, 0xF821005Fu}) {
    c.exec(insn);
    CHECK(c.trapped());
    CHECK(c.ec() == 0);
  }
  c.exec(0xC85F7C41);  // ldxr still works.
  CHECK(c.ok());
}

TEST_CASE("unimplemented encodings are UNDEFINED") {
  Core c;
  c.x(2) = kData;
  for (uint32_t insn :
       {0xF8BFC041u /* ldapr x1, [x2] */, 0x0C408C41u /* ld2 with the 1D arrangement */,
        0x0D00C041u /* replicate opcode with L = 0 */,
        0x4C401041u /* multiple, opcode 0001: unallocated */,
        0xC8A17841u /* CAS with Rt2 != 31 */}) {
    CAPTURE(insn);
    c.exec(insn);
    CHECK(c.trapped());
    CHECK(c.ec() == 0);
  }
}

// ---- SIMD&FP ----------------------------------------------------------------------

TEST_CASE("SIMD&FP single-register loads zero the rest of the register") {
  Core c;
  c.x(2) = kData;
  auto fill = [&] { c.v(1) = VReg{~uint64_t{0}, ~uint64_t{0}}; };
  fill();
  c.exec(0x3D400441);  // ldr b1, [x2, #1]
  CHECK(c.v(1).lo == 1);
  CHECK(c.v(1).hi == 0);
  fill();
  c.exec(0x7D400441);  // ldr h1, [x2, #2]
  CHECK(c.v(1).lo == 0x0302);
  fill();
  c.exec(0xBD400441);  // ldr s1, [x2, #4]
  CHECK(c.v(1).lo == 0x07060504);
  CHECK(c.v(1).hi == 0);
  fill();
  c.exec(0xFD400441);  // ldr d1, [x2, #8]
  CHECK(c.v(1).lo == word_at(8));
  CHECK(c.v(1).hi == 0);
  c.exec(0x3DC00441);  // ldr q1, [x2, #16]
  CHECK(c.v(1).lo == word_at(16));
  CHECK(c.v(1).hi == word_at(24));
  c.x(2) = kData + 1;
  c.exec(0x3CDFF041);  // ldur q1, [x2, #-1]
  CHECK(c.v(1).lo == word_at(0));
  CHECK(c.v(1).hi == word_at(8));
}

TEST_CASE("SIMD&FP stores, writeback and register offset") {
  Core c;
  c.v(1) = VReg{0x1122'3344'5566'7788ull, 0x99AA'BBCC'DDEE'FF00ull};
  c.x(2) = kData + 0x100;
  c.exec(0x3D800841);  // str q1, [x2, #32]
  CHECK(c.get64(kData + 0x120) == 0x1122'3344'5566'7788ull);
  CHECK(c.get64(kData + 0x128) == 0x99AA'BBCC'DDEE'FF00ull);
  c.put64(kData + 0x100, 0);
  c.exec(0xBD000041);  // str s1, [x2]
  CHECK(c.get64(kData + 0x100) == 0x5566'7788ull);
  c.exec(0x3D000C41);  // str b1, [x2, #3]
  CHECK(c.get64(kData + 0x100) == 0x8866'7788ull);
  c.exec(0xFC1F8041);  // stur d1, [x2, #-8]
  CHECK(c.get64(kData + 0xF8) == 0x1122'3344'5566'7788ull);
  c.x(2) = kData;
  c.exec(0x3CC10441);  // ldr q1, [x2], #16
  CHECK(c.v(1).lo == word_at(0));
  CHECK(c.x(2) == kData + 16);
  c.x(2) = kData + 0x208;
  c.exec(0xFC1F8C41);  // str d1, [x2, #-8]!
  CHECK(c.get64(kData + 0x200) == word_at(0));
  CHECK(c.x(2) == kData + 0x200);
  c.x(2) = kData;
  c.x(3) = 2;
  c.exec(0x3CE37841);  // ldr q1, [x2, x3, lsl #4]
  CHECK(c.v(1).lo == word_at(32));
  CHECK(c.v(1).hi == word_at(40));
  c.x(2) = kData + 8;
  c.x(3) = 0xFFFF'FFFF;  // SXTW #1: -2.
  c.exec(0x7C63D841);    // ldr h1, [x2, w3, sxtw #1]
  CHECK(c.v(1).lo == 0x0706);
  CHECK(c.v(1).hi == 0);
}

TEST_CASE("SIMD&FP literal and unallocated forms") {
  Core c;
  c.put64(kCode + 8, word_at(0));
  c.put64(kCode + 16, 0x1111'2222'3333'4444ull);
  c.put64(kCode + 24, 0x5555'6666'7777'8888ull);
  c.exec(0x1C000041);  // ldr s1, #8
  CHECK(c.v(1).lo == 0x03020100);
  c.exec(0x5C000041);  // ldr d1, #8
  CHECK(c.v(1).lo == word_at(0));
  CHECK(c.v(1).hi == 0);
  c.exec(0x9C000081);  // ldr q1, #16
  CHECK(c.v(1).lo == 0x1111'2222'3333'4444ull);
  CHECK(c.v(1).hi == 0x5555'6666'7777'8888ull);
  c.x(2) = kData;
  for (uint32_t insn : {0xDC000041u /* literal opc 11 */, 0x7DC00441u /* size 01, opc 1x */,
                        0x3C400841u /* ldtr-like SIMD (mode 10) */, 0xEC400861u /* ldp opc 11 */}) {
    CAPTURE(insn);
    c.exec(insn);
    CHECK(c.trapped());
    CHECK(c.ec() == 0);
  }
}

TEST_CASE("SIMD&FP pairs") {
  Core c;
  c.x(3) = kData;
  c.exec(0x2D400861);  // ldp s1, s2, [x3]
  CHECK(c.v(1).lo == 0x03020100);
  CHECK(c.v(2).lo == 0x07060504);
  CHECK(c.v(2).hi == 0);
  c.exec(0x6D410861);  // ldp d1, d2, [x3, #16]
  CHECK(c.v(1).lo == word_at(16));
  CHECK(c.v(2).lo == word_at(24));
  c.exec(0xACC10861);  // ldp q1, q2, [x3], #32
  CHECK(c.v(1).lo == word_at(0));
  CHECK(c.v(1).hi == word_at(8));
  CHECK(c.v(2).lo == word_at(16));
  CHECK(c.v(2).hi == word_at(24));
  CHECK(c.x(3) == kData + 32);
  c.x(3) = kData + 0x120;
  c.exec(0xADBF0861);  // stp q1, q2, [x3, #-32]!
  CHECK(c.x(3) == kData + 0x100);
  CHECK(c.get64(kData + 0x100) == word_at(0));
  CHECK(c.get64(kData + 0x118) == word_at(24));
  c.exec(0x6C000861);  // stnp d1, d2, [x3]
  CHECK(c.get64(kData + 0x100) == word_at(0));
  CHECK(c.get64(kData + 0x108) == word_at(16));
  c.x(3) = kData;
  c.exec(0xAC400861);  // ldnp q1, q2, [x3]
  CHECK(c.v(2).hi == word_at(24));
}

TEST_CASE("LD1/ST1 multiple structures") {
  Core c;
  c.x(2) = kData;
  c.v(1) = VReg{1, 1};
  c.exec(0x0C407041);  // ld1 {v1.8b}, [x2]
  CHECK(c.v(1).lo == word_at(0));
  CHECK(c.v(1).hi == 0);
  c.exec(0x4C407041);  // ld1 {v1.16b}, [x2]
  CHECK(c.v(1).hi == word_at(8));
  c.exec(0x4C40A841);  // ld1 {v1.4s, v2.4s}, [x2]
  CHECK(c.v(2).lo == word_at(16));
  CHECK(c.v(2).hi == word_at(24));
  c.exec(0x4C406C5F);  // ld1 {v31.2d, v0.2d, v1.2d}, [x2]: registers wrap.
  CHECK(c.v(31).lo == word_at(0));
  CHECK(c.v(0).lo == word_at(16));
  CHECK(c.v(1).hi == word_at(40));
  c.exec(0x0C402C41);  // ld1 {v1.1d-v4.1d}, [x2]
  CHECK(c.v(4).lo == word_at(24));
  CHECK(c.v(4).hi == 0);
  for (unsigned r = 1; r <= 4; ++r) c.v(r) = VReg{r * 0x101, r * 0x10001};
  c.x(2) = kData + 0x100;
  c.exec(0x4C002041);  // st1 {v1.16b-v4.16b}, [x2]
  for (unsigned r = 1; r <= 4; ++r) {
    CHECK(c.get64(kData + 0x100 + (r - 1) * 16) == r * 0x101);
    CHECK(c.get64(kData + 0x108 + (r - 1) * 16) == r * 0x10001);
  }
  c.exec(0x4C007441);  // st1 {v1.8h}, [x2]
  CHECK(c.get64(kData + 0x108) == 0x10001);
  // Post-index: immediate (Rm = 31) and register.
  c.x(2) = kData;
  c.exec(0x4CDFA041);  // ld1 {v1.16b, v2.16b}, [x2], #32
  CHECK(c.x(2) == kData + 32);
  CHECK(c.v(2).hi == word_at(24));
  c.x(3) = 3;
  c.exec(0x0CC37041);  // ld1 {v1.8b}, [x2], x3
  CHECK(c.v(1).lo == word_at(32));
  CHECK(c.x(2) == kData + 35);
  c.x(2) = kData + 0x200;
  c.exec(0x4C9F6841);  // st1 {v1.4s, v2.4s, v3.4s}, [x2], #48
  CHECK(c.x(2) == kData + 0x230);
  CHECK(c.get64(kData + 0x200) == word_at(32));
  CHECK(c.get64(kData + 0x228) == 3 * 0x10001);
}

TEST_CASE("SIMD&FP accesses trap when FP is disabled") {
  Core c;
  c.s().sys.cpacr_el1 = 0;
  c.x(2) = kData;
  c.v(1) = VReg{5, 6};
  for (uint32_t insn : {0x3DC00441u, 0x3CC10441u, 0x3CE37841u, 0x9C000081u, 0xAC400861u,
                        0x4C407041u, 0x4CDFA041u, 0x3D800841u}) {
    CAPTURE(insn);
    c.exec(insn);
    CHECK(c.trapped());
    CHECK(c.ec() == 0x07);
    CHECK(c.x(2) == kData);
    CHECK(c.v(1).lo == 5);
  }
}

}  // namespace
}  // namespace el2
