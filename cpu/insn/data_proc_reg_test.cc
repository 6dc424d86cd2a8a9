// Unit tests for the Data processing -- register class. Encodings come from
// `llvm-mc --triple=aarch64 -mattr=+crc --show-encoding`; expected values are
// worked by hand from the Arm ARM pseudocode (CRC values from the published
// CRC-32 and CRC-32C check values), not from el2emu's output.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstdint>
#include <initializer_list>
#include <memory>

#include "cpu/cpu.h"
#include "cpu/cpu_model.h"
#include "platform/memory_map.h"

namespace el2 {
namespace {

constexpr uint64_t kRam = 0x4000'0000;
constexpr uint64_t kCode = kRam + 0x1000;
constexpr uint64_t kVbar = kRam + 0x8000;

struct Rig {
  MemoryMap mem;
  CpuModel model;
  std::unique_ptr<Cpu> cpu;

  explicit Rig(bool crc32 = true) : model(*find_cpu_model("max")) {
    model.crc32 = crc32;
    mem.add_ram("ram", kRam, 1 << 20);
    cpu = std::make_unique<Cpu>(model, mem);
    s().pstate.el = 1;
    s().sys.vbar[1] = kVbar;
  }
  CpuState& s() { return cpu->state(); }
  uint64_t& x(unsigned n) { return s().x[n]; }

  // Runs one instruction at kCode; true if it retired normally (PC advanced by 4).
  bool run(uint32_t insn) {
    REQUIRE(mem.write_phys(kCode, &insn, 4));
    s().pc = kCode;
    cpu->step();
    return s().pc == kCode + 4;
  }
  // Runs one instruction and checks it took an UNDEFINED exception (EC 0).
  bool undefined(uint32_t insn) {
    const uint8_t el = s().pstate.el;
    s().sys.esr[1] = ~uint64_t{0};
    s().pc = kCode;
    REQUIRE(mem.write_phys(kCode, &insn, 4));
    cpu->step();
    const bool taken = s().pc == kVbar + 0x200 && (s().sys.esr[1] >> 26) == 0;
    s().pstate.el = el;  // Stay at EL1 for the next check.
    return taken;
  }
  void flags(bool n, bool z, bool c, bool v) {
    s().pstate.n = n;
    s().pstate.z = z;
    s().pstate.c = c;
    s().pstate.v = v;
  }
  unsigned nzcv() const {
    const Pstate& p = cpu->state().pstate;
    return (p.n << 3) | (p.z << 2) | (p.c << 1) | unsigned{p.v};
  }
};

TEST_CASE("logical and add/sub (shifted register)") {
  Rig r;
  r.x(1) = 0xFF0;
  r.x(2) = 0xFF;
  REQUIRE(r.run(0x8a021020));  // and x0, x1, x2, lsl #4
  CHECK(r.x(0) == 0xFF0);

  r.x(1) = 0xFFFF'FFFF;
  r.x(2) = 0x8;
  REQUIRE(r.run(0x6ae20c20));  // bics w0, w1, w2, ror #3: ~(8 ror 3) = ~1
  CHECK(r.x(0) == 0xFFFF'FFFE);
  CHECK(r.nzcv() == 0b1000);

  r.x(1) = 0x1234;
  r.x(2) = 0x8000'0000'0000'0000;
  REQUIRE(r.run(0xcaa2fc20));  // eon x0, x1, x2, asr #63: x1 ^ ~(-1)
  CHECK(r.x(0) == 0x1234);

  r.x(1) = 0x7FFF'FFFF;
  r.x(2) = 0x8000'0000;
  REQUIRE(r.run(0x2b427c20));  // adds w0, w1, w2, lsr #31
  CHECK(r.x(0) == 0x8000'0000);
  CHECK(r.nzcv() == 0b1001);

  r.x(1) = 0;
  r.x(2) = static_cast<uint64_t>(-4);
  REQUIRE(r.run(0xcb820420));  // sub x0, x1, x2, asr #1
  CHECK(r.x(0) == 2);

  r.s().sp() = 0x5000;
  r.x(1) = 1;
  r.x(2) = 2;
  REQUIRE(r.run(0x8b02003f));  // add xzr, x1, x2: register 31 is XZR here, not SP.
  CHECK(r.s().sp() == 0x5000);

  CHECK(r.undefined(0xcbc20420));  // shift = 11
  CHECK(r.undefined(0x2b028020));  // 32-bit, imm6 = 32
  CHECK(r.undefined(0x0a028020));  // logical 32-bit, imm6 = 32
}

TEST_CASE("add/sub (extended register)") {
  Rig r;
  r.x(1) = 0x1000;
  r.x(2) = 0xFFFF'FF83;
  REQUIRE(r.run(0x8b220820));  // add x0, x1, w2, uxtb #2: 0x1000 + (0x83 << 2)
  CHECK(r.x(0) == 0x120C);

  r.s().sp() = 0x4000'8000;
  r.x(2) = 0x1234'5678'FFFF'FFF0;
  REQUIRE(r.run(0x8b22c3e0));  // add x0, sp, w2, sxtw: Rn = 31 is SP.
  CHECK(r.x(0) == 0x4000'7FF0);

  r.x(1) = 0x100;
  r.x(2) = 0x10;
  REQUIRE(r.run(0x8b22703f));  // add sp, x1, x2, uxtx #4
  CHECK(r.s().sp() == 0x200);

  r.x(1) = 0xFFFF'FFFF'FFFF'FFF0;
  r.x(2) = 0x1234'0020;
  REQUIRE(r.run(0x0b22203f));  // add wsp, w1, w2, uxth: 32-bit result, zero-extended.
  CHECK(r.s().sp() == 0x10);

  r.s().sp() = 0x8000'0000'0000'0000;
  r.x(2) = 0x4000'0000'0000'0000;
  r.x(0) = 99;
  REQUIRE(r.run(0xab2267e0));  // adds x0, sp, x2, uxtx #1
  CHECK(r.x(0) == 0);
  CHECK(r.nzcv() == 0b0111);

  r.s().sp() = 0x100;
  r.x(2) = 0xFFFF'FFFF'0000'0100;
  REQUIRE(r.run(0xeb2243ff));  // cmp sp, w2, uxtw: Rd = 31 is XZR for SUBS.
  CHECK(r.nzcv() == 0b0110);
  CHECK(r.s().sp() == 0x100);

  r.x(4) = 10;
  r.x(5) = 0xFF;
  REQUIRE(r.run(0x4b258483));  // sub w3, w4, w5, sxtb #1: 10 - (-2)
  CHECK(r.x(3) == 12);

  r.x(4) = 0;
  r.x(5) = 0x8000;
  REQUIRE(r.run(0xcb25a083));  // sub x3, x4, w5, sxth: 0 - (-32768)
  CHECK(r.x(3) == 0x8000);

  CHECK(r.undefined(0x8b221420));  // imm3 = 5
  CHECK(r.undefined(0x8b620820));  // opt = 01
}

TEST_CASE("add/sub with carry") {
  Rig r;
  r.x(1) = 5;
  r.x(2) = 7;
  r.flags(false, false, true, false);
  REQUIRE(r.run(0x9a020020));  // adc x0, x1, x2
  CHECK(r.x(0) == 13);
  r.flags(false, false, false, false);
  REQUIRE(r.run(0x9a020020));
  CHECK(r.x(0) == 12);

  r.x(1) = 0xFFFF'FFFF;
  r.x(2) = 0;
  r.flags(true, false, true, true);
  REQUIRE(r.run(0x3a020020));  // adcs w0, w1, w2
  CHECK(r.x(0) == 0);
  CHECK(r.nzcv() == 0b0110);

  r.x(1) = 10;
  r.x(2) = 3;
  r.flags(false, false, false, false);
  REQUIRE(r.run(0xda020020));  // sbc x0, x1, x2: 10 - 3 - NOT(C)
  CHECK(r.x(0) == 6);
  r.flags(false, false, true, false);
  REQUIRE(r.run(0xda020020));
  CHECK(r.x(0) == 7);

  r.x(1) = 0x8000'0000;
  r.x(2) = 0;
  r.flags(false, false, false, false);
  REQUIRE(r.run(0x7a020020));  // sbcs w0, w1, w2: INT32_MIN - 1 overflows.
  CHECK(r.x(0) == 0x7FFF'FFFF);
  CHECK(r.nzcv() == 0b0011);
}

TEST_CASE("conditional compare") {
  Rig r;
  r.x(1) = 5;
  r.x(2) = 5;
  r.flags(false, true, false, false);
  REQUIRE(r.run(0xfa420020));  // ccmp x1, x2, #0, eq (holds): flags of 5 - 5.
  CHECK(r.nzcv() == 0b0110);
  r.flags(false, false, true, true);
  REQUIRE(r.run(0xfa420020));  // eq fails: flags = #0.
  CHECK(r.nzcv() == 0b0000);

  r.x(1) = 3;
  r.flags(false, false, false, false);
  REQUIRE(r.run(0x7a45182f));  // ccmp w1, #5, #15, ne (holds): 3 - 5.
  CHECK(r.nzcv() == 0b1000);
  r.flags(false, true, false, false);
  REQUIRE(r.run(0x7a45182f));
  CHECK(r.nzcv() == 0b1111);

  r.x(1) = static_cast<uint64_t>(-3);
  r.flags(false, true, false, false);
  REQUIRE(r.run(0xba430822));  // ccmn x1, #3, #2, eq (holds): -3 + 3.
  CHECK(r.nzcv() == 0b0110);

  r.x(1) = 0x7FFF'FFFF;
  r.x(2) = 1;
  r.flags(false, true, false, false);
  REQUIRE(r.run(0x3a420024));  // ccmn w1, w2, #4, eq (holds): 32-bit overflow.
  CHECK(r.nzcv() == 0b1001);
  r.flags(false, false, false, false);
  REQUIRE(r.run(0x3a420024));
  CHECK(r.nzcv() == 0b0100);

  CHECK(r.undefined(0xfa420030));  // o3 = 1
  CHECK(r.undefined(0xfa420420));  // o2 = 1
  CHECK(r.undefined(0xda420020));  // S = 0
}

TEST_CASE("conditional select") {
  Rig r;
  r.x(1) = 111;
  r.x(2) = 222;
  r.flags(false, true, false, false);
  REQUIRE(r.run(0x9a820020));  // csel x0, x1, x2, eq
  CHECK(r.x(0) == 111);
  r.flags(false, false, false, false);
  REQUIRE(r.run(0x9a820020));
  CHECK(r.x(0) == 222);

  r.x(2) = 0x1'FFFF'FFFF;
  r.flags(false, true, false, false);
  REQUIRE(r.run(0x1a821420));  // csinc w0, w1, w2, ne (fails): w2 + 1 wraps.
  CHECK(r.x(0) == 0);

  r.x(2) = 0x00FF;
  r.flags(true, false, false, false);
  REQUIRE(r.run(0xda82a020));  // csinv x0, x1, x2, ge (fails)
  CHECK(r.x(0) == 0xFFFF'FFFF'FFFF'FF00);

  r.x(1) = 0x1'0000'0007;
  r.x(2) = 5;
  r.flags(false, false, false, false);
  REQUIRE(r.run(0x5a82b420));  // csneg w0, w1, w2, lt (fails): -5.
  CHECK(r.x(0) == 0xFFFF'FFFB);
  r.flags(true, false, false, false);
  REQUIRE(r.run(0x5a82b420));  // lt holds: w1.
  CHECK(r.x(0) == 7);

  r.flags(false, false, false, false);
  REQUIRE(r.run(0x1a9f17e0));  // cset w0, eq = csinc w0, wzr, wzr, ne
  CHECK(r.x(0) == 0);
  r.flags(false, true, false, false);
  REQUIRE(r.run(0x1a9f17e0));
  CHECK(r.x(0) == 1);

  CHECK(r.undefined(0x9a820820));  // op2 = 1x
  CHECK(r.undefined(0xba820020));  // S = 1
}

TEST_CASE("data-processing (1 source)") {
  Rig r;
  r.x(1) = 0xF000'0000'0000'0001;
  REQUIRE(r.run(0x5ac00020));  // rbit w0, w1
  CHECK(r.x(0) == 0x8000'0000);
  r.x(1) = 0xF0A;
  REQUIRE(r.run(0xdac00020));  // rbit x0, x1
  CHECK(r.x(0) == 0x50F0'0000'0000'0000);

  r.x(1) = 0x1122'3344'5566'7788;
  REQUIRE(r.run(0x5ac00420));  // rev16 w0, w1
  CHECK(r.x(0) == 0x6655'8877);
  REQUIRE(r.run(0xdac00420));  // rev16 x0, x1
  CHECK(r.x(0) == 0x2211'4433'6655'8877);
  REQUIRE(r.run(0x5ac00820));  // rev w0, w1
  CHECK(r.x(0) == 0x8877'6655);
  REQUIRE(r.run(0xdac00820));  // rev32 x0, x1
  CHECK(r.x(0) == 0x4433'2211'8877'6655);
  REQUIRE(r.run(0xdac00c20));  // rev x0, x1
  CHECK(r.x(0) == 0x8877'6655'4433'2211);

  struct Case {
    uint32_t insn;
    uint64_t in, out;
  };
  for (const Case& c : std::initializer_list<Case>{
           {0x5ac01020, 0, 32},                      // clz w0, w1
           {0x5ac01020, 0x0001'0000, 15},            //
           {0x5ac01020, 0xFFFF'FFFF'0000'0001, 31},  // upper half ignored
           {0xdac01020, 0, 64},                      // clz x0, x1
           {0xdac01020, 1, 63},                      //
           {0xdac01020, 0x8000'0000'0000'0000, 0},   //
           {0x5ac01420, 0, 31},                      // cls w0, w1
           {0x5ac01420, 0xFFFF'FFFF, 31},            //
           {0x5ac01420, 0xFFFF'0000, 15},            //
           {0x5ac01420, 0x4000'0000, 0},             //
           {0x5ac01420, 0x8000'0000, 0},             //
           {0xdac01420, 0x0000'FFFF'FFFF'FFFF, 15},  // cls x0, x1
           {0xdac01420, 0, 63},                      //
           {0xdac01420, 0xFFFF'FFFF'FFFF'FFFF, 63},  //
           {0xdac01420, 0xFFFF'FFFF'FFFF'FFFE, 62},  //
       }) {
    CAPTURE(c.insn);
    CAPTURE(c.in);
    r.x(1) = c.in;
    REQUIRE(r.run(c.insn));
    CHECK(r.x(0) == c.out);
  }

  CHECK(r.undefined(0x5ac00c20));  // REV with opc = 11 and sf = 0
  CHECK(r.undefined(0x7ac00020));  // S = 1
  CHECK(r.undefined(0x5ac01820));  // opcode 000110 (CTZ, FEAT_CSSC)
  CHECK(r.undefined(0xdac10041));  // pacia x1, x2 (FEAT_PAuth)
  CHECK(r.undefined(0xdac143e1));  // xpaci x1
}

TEST_CASE("data-processing (2 source): divide and shift") {
  Rig r;
  struct Case {
    uint32_t insn;
    uint64_t a, b, out;
  };
  constexpr uint64_t kMin64 = 0x8000'0000'0000'0000;
  for (const Case& c : std::initializer_list<Case>{
           {0x1ac20820, 100, 7, 14},                              // udiv w0, w1, w2
           {0x1ac20820, 100, 0, 0},                               // by zero
           {0x1ac20820, 0xABCD'FFFF'FFFF, 2, 0x7FFF'FFFF},        // 32-bit operands
           {0x9ac20820, ~uint64_t{0}, 3, 0x5555'5555'5555'5555},  // udiv x0, x1, x2
           {0x9ac20820, 5, 0, 0},                                 //
           {0x1ac20c20, 0xFFFF'FFF9, 2, 0xFFFF'FFFD},             // sdiv w: -7 / 2 = -3
           {0x1ac20c20, 7, 0xFFFF'FFFE, 0xFFFF'FFFD},             // 7 / -2 = -3
           {0x1ac20c20, 0x8000'0000, 0xFFFF'FFFF, 0x8000'0000},   // INT32_MIN / -1
           {0x1ac20c20, 0x8000'0000, 0, 0},                       //
           {0x9ac20c20, kMin64, ~uint64_t{0}, kMin64},            // INT64_MIN / -1
           {0x9ac20c20, static_cast<uint64_t>(-100), 7, static_cast<uint64_t>(-14)},
           {0x9ac20c20, 1, 0, 0},                       //
           {0x1ac22020, 1, 33, 2},                      // lsl w: 33 mod 32
           {0x1ac22020, 0xFFFF'FFFF, 4, 0xFFFF'FFF0},   //
           {0x9ac22020, 1, 68, 16},                     // lsl x: 68 mod 64
           {0x1ac22420, 0x8000'0000, ~uint64_t{0}, 1},  // lsr w: 31
           {0x9ac22420, kMin64, 63, 1},                 // lsr x
           {0x1ac22820, 0x8000'0000, 4, 0xF800'0000},   // asr w
           {0x1ac22820, 0x7000'0000, 4, 0x0700'0000},   //
           {0x9ac22820, kMin64, 63, ~uint64_t{0}},      // asr x
           {0x1ac22c20, 1, 1, 0x8000'0000},             // ror w
           {0x1ac22c20, 0x1234'5678, 32, 0x1234'5678},  //
           {0x9ac22c20, 1, 4, 0x1000'0000'0000'0000},   // ror x
           {0x9ac22c20, 0x1234, 0, 0x1234},             //
       }) {
    CAPTURE(c.insn);
    CAPTURE(c.a);
    CAPTURE(c.b);
    r.x(1) = c.a;
    r.x(2) = c.b;
    REQUIRE(r.run(c.insn));
    CHECK(r.x(0) == c.out);
  }
  CHECK(r.undefined(0x3ac20820));  // S = 1
  CHECK(r.undefined(0x9ac00020));  // opcode 000000
  CHECK(r.undefined(0x9ac21020));  // opcode 000100 (IRG, FEAT_MTE)
  CHECK(r.undefined(0x9ac26020));  // opcode 011000 (SMAX, FEAT_CSSC)
  CHECK(r.undefined(0x9ac33041));  // pacga x1, x2, x3 (FEAT_PAuth)
}

// Runs a CRC instruction sequence over "123456789" starting from ~0; the
// published check values are the final result inverted.
uint32_t crc_of_check_string(Rig& r, bool castagnoli, bool wide) {
  const uint32_t c = castagnoli ? 0x1000 : 0;
  r.x(0) = 0xFFFF'FFFF;
  auto step = [&](uint32_t insn, uint64_t data) {
    r.x(1) = data;
    REQUIRE(r.run(insn | c));
  };
  if (wide) {
    step(0x1ac14400, 0xFFFF'0000'0000'3231);  // crc32h "12" (upper bits ignored)
    step(0x1ac14800, 0x3635'3433);            // crc32w "3456"
    step(0x1ac14400, 0x3837);                 // crc32h "78"
    step(0x1ac14000, 0xAB39);                 // crc32b "9"
  } else {
    for (char ch : {'1', '2', '3', '4', '5', '6', '7', '8', '9'})
      step(0x1ac14000, static_cast<uint8_t>(ch));  // crc32b w0, w0, w1
  }
  return static_cast<uint32_t>(r.x(0));
}

TEST_CASE("CRC32 and CRC32C") {
  Rig r;
  CHECK(~crc_of_check_string(r, false, false) == 0xCBF4'3926u);
  CHECK(~crc_of_check_string(r, true, false) == 0xE306'9283u);
  CHECK(~crc_of_check_string(r, false, true) == 0xCBF4'3926u);
  CHECK(~crc_of_check_string(r, true, true) == 0xE306'9283u);

  // crc32x over "12345678", then crc32b "9".
  for (const uint32_t c : {0u, 0x1000u}) {
    r.x(0) = 0xFFFF'FFFF'FFFF'FFFF;  // Only Wn is the accumulator.
    r.x(1) = 0x3837'3635'3433'3231;
    REQUIRE(r.run(0x9ac14c00 | c));
    r.x(1) = 0x39;
    REQUIRE(r.run(0x1ac14000 | c));
    CHECK(r.x(0) == (c ? ~0xE306'9283u : ~0xCBF4'3926u));
  }

  CHECK(r.undefined(0x1ac14c00));  // crc32x with sf = 0
  CHECK(r.undefined(0x9ac14000));  // crc32b with sf = 1

  Rig no_crc(/*crc32=*/false);
  CHECK(no_crc.undefined(0x1ac14000));
  CHECK(no_crc.undefined(0x9ac15c00));
}

TEST_CASE("data-processing (3 source)") {
  Rig r;
  struct Case {
    uint32_t insn;
    uint64_t n, m, a, out;
  };
  constexpr uint64_t kAll = ~uint64_t{0};
  for (const Case& c : std::initializer_list<Case>{
           {0x1b020c20, 3, 4, 5, 17},                                         // madd w0, w1, w2, w3
           {0x1b020c20, 0x1'0001'0000, 0x1'0000, 1, 1},                       // wraps at 32 bits
           {0x9b020c20, 0x1'0000'0000, 0x1'0000'0000, 7, 7},                  // madd x
           {0x9b020c20, 6, 7, 0x100, 0x12A},                                  //
           {0x1b028c20, 1, 1, 0, 0xFFFF'FFFF},                                // msub w
           {0x9b028c20, 7, 8, 100, 44},                                       // msub x
           {0x9b220c20, 0xAAAA'FFFF'FFFE, 3, 10, 4},                          // smaddl: 10 + -2*3
           {0x9b228c20, 0xFFFF'FFFE, 3, 10, 16},                              // smsubl: 10 - -6
           {0x9ba20c20, 0xFFFF'FFFF, 0xFFFF'FFFF, 1, 0xFFFF'FFFE'0000'0002},  // umaddl
           {0x9ba28c20, 0xFFFF'FFFF, 0xFFFF'FFFF, 0, 0x1'FFFF'FFFF},          // umsubl
           {0x9b427c20, kAll, 1, 0, kAll},                                    // smulh: -1 * 1
           {0x9b427c20, 0x8000'0000'0000'0000, 2, 0, kAll},                   // -2^64 >> 64
           {0x9b427c20, 0x4000'0000'0000'0000, 4, 0, 1},                      // 2^64 >> 64
           {0x9bc27c20, kAll, kAll, 0, 0xFFFF'FFFF'FFFF'FFFE},                // umulh
           {0x9bc27c20, 0x4000'0000'0000'0000, 4, 0, 1},                      //
       }) {
    CAPTURE(c.insn);
    r.x(1) = c.n;
    r.x(2) = c.m;
    r.x(3) = c.a;
    REQUIRE(r.run(c.insn));
    CHECK(r.x(0) == c.out);
  }
  CHECK(r.undefined(0x1b220c20));  // smaddl with sf = 0
  CHECK(r.undefined(0x9b42fc20));  // smulh with o0 = 1
  CHECK(r.undefined(0xbb020c20));  // op54 = 01
  CHECK(r.undefined(0x9b620c20));  // op31 = 011
  CHECK(r.undefined(0x9b820c20));  // op31 = 100
  CHECK(r.undefined(0x9be20c20));  // op31 = 111
}

TEST_CASE("FEAT_FlagM encodings are UNDEFINED") {
  Rig r;
  CHECK(r.undefined(0xba018425));  // rmif x1, #3, #5
  CHECK(r.undefined(0x3a00082d));  // setf8 w1
  CHECK(r.undefined(0x3a00482d));  // setf16 w1
}

}  // namespace
}  // namespace el2
