// Advanced SIMD structure loads and stores (simd_load_store_structures.cc):
// LD2-LD4/ST2-ST4 (multiple structures), LD1-LD4/ST1-ST4 (single structure),
// LD1R-LD4R. Memory at kData + k holds the byte k (0..63) before each case.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "cpu/insn/load_store_test_rig.h"

namespace el2 {
namespace {

using namespace ldst_test;

// The little-endian 16-bit and 32-bit values at kData + k.
constexpr uint64_t half_at(unsigned k) { return (uint64_t{k + 1} << 8) | k; }
constexpr uint64_t word_at32(unsigned k) { return word_at(k) & 0xFFFF'FFFF; }

TEST_CASE("LD2/LD3/LD4 (multiple structures) de-interleave") {
  Core c;
  c.x(2) = kData;
  for (unsigned r = 0; r < 32; ++r) c.v(r) = VReg{~uint64_t{0}, ~uint64_t{0}};
  c.exec(0x0c408041);  // ld2 {v1.8b, v2.8b}, [x2]: even bytes, odd bytes.
  REQUIRE(c.ok());
  CHECK(c.v(1).lo == 0x0E0C0A0806040200);
  CHECK(c.v(2).lo == 0x0F0D0B0907050301);
  CHECK(c.v(1).hi == 0);  // Q = 0 zeroes the upper halves.
  CHECK(c.v(2).hi == 0);

  c.exec(0x0c404441);  // ld3 {v1.4h, v2.4h, v3.4h}, [x2]: halfwords 0,3,6,9 / 1,4,7,10 / ...
  REQUIRE(c.ok());
  CHECK(c.v(1).lo == (half_at(18) << 48 | half_at(12) << 32 | half_at(6) << 16 | half_at(0)));
  CHECK(c.v(2).lo == (half_at(20) << 48 | half_at(14) << 32 | half_at(8) << 16 | half_at(2)));
  CHECK(c.v(3).lo == (half_at(22) << 48 | half_at(16) << 32 | half_at(10) << 16 | half_at(4)));

  c.exec(0x4cdf0841);  // ld4 {v1.4s-v4.4s}, [x2], #64: words 0,4,8,12 / 1,5,9,13 / ...
  REQUIRE(c.ok());
  CHECK(c.v(1).lo == (word_at32(16) << 32 | word_at32(0)));
  CHECK(c.v(1).hi == (word_at32(48) << 32 | word_at32(32)));
  CHECK(c.v(4).hi == (word_at32(60) << 32 | word_at32(44)));
  CHECK(c.x(2) == kData + 64);

  // ld4 {v31.16b, v0.16b, v1.16b, v2.16b}, [x2], x3: the list wraps to V0.
  c.x(2) = kData;
  c.x(3) = 5;
  c.exec(0x4cc3005f);
  REQUIRE(c.ok());
  CHECK(c.v(31).lo == 0x1C1814100C080400);
  CHECK(c.v(0).lo == 0x1D1915110D090501);
  CHECK(c.v(2).hi == 0x3F3B37332F2B2723);
  CHECK(c.x(2) == kData + 5);
}

TEST_CASE("ST2/ST3/ST4 (multiple structures) interleave") {
  Core c;
  c.x(2) = kData + 0x100;
  c.v(1) = VReg{0xA, 0xB};
  c.v(2) = VReg{0xC, 0xD};
  c.exec(0x4c008c41);  // st2 {v1.2d, v2.2d}, [x2]
  REQUIRE(c.ok());
  CHECK(c.get64(kData + 0x100) == 0xA);
  CHECK(c.get64(kData + 0x108) == 0xC);
  CHECK(c.get64(kData + 0x110) == 0xB);
  CHECK(c.get64(kData + 0x118) == 0xD);

  c.v(1) = VReg{0x0706050403020100, 0};
  c.v(2) = VReg{0x1716151413121110, 0};
  c.v(3) = VReg{0x2726252423222120, 0};
  c.exec(0x0c004041);  // st3 {v1.8b, v2.8b, v3.8b}, [x2]: 00 10 20 01 11 21 ...
  REQUIRE(c.ok());
  CHECK(c.get64(kData + 0x100) == 0x1202211101201000);
  CHECK(c.get64(kData + 0x108) == 0x0524140423130322);
  CHECK(c.get64(kData + 0x110) == 0x2717072616062515);
  CHECK(c.get64(kData + 0x118) == 0xD);  // Untouched.

  for (unsigned r = 1; r <= 4; ++r) c.v(r) = VReg{0x0004000300020001ull * r, 0};
  c.exec(0x0c9f0441);  // st4 {v1.4h-v4.4h}, [x2], #32: element e of v1..v4, then e+1.
  REQUIRE(c.ok());
  CHECK(c.get64(kData + 0x100) == 0x0004000300020001);  // v1[0], v2[0], v3[0], v4[0]
  CHECK(c.get64(kData + 0x118) == 0x0010000C00080004);  // v1[3] .. v4[3]
  CHECK(c.x(2) == kData + 0x120);
}

TEST_CASE("single structure: LD1-LD4, ST1-ST4 to one lane") {
  Core c;
  c.x(2) = kData;
  for (unsigned r = 0; r < 8; ++r) c.v(r) = VReg{0x5A5A5A5A5A5A5A5A, 0xA5A5A5A5A5A5A5A5};
  c.exec(0x4d409041);  // ld1 {v1.s}[3], [x2]: the other lanes are kept.
  REQUIRE(c.ok());
  CHECK(c.v(1).lo == 0x5A5A5A5A5A5A5A5A);
  CHECK(c.v(1).hi == (word_at32(0) << 32 | 0xA5A5A5A5));

  c.exec(0x4d401c41);  // ld1 {v1.b}[15], [x2]
  CHECK(c.v(1).hi == (0x00ull << 56 | (word_at32(0) & 0xFFFFFF) << 32 | 0xA5A5A5A5));

  c.exec(0x0d404041);  // ld1 {v1.h}[0], [x2]: a Q=0 lane load keeps the upper half.
  CHECK(c.v(1).lo == (0x5A5A5A5A5A5A0000 | half_at(0)));
  CHECK(c.v(1).hi == (0x00ull << 56 | (word_at32(0) & 0xFFFFFF) << 32 | 0xA5A5A5A5));

  c.exec(0x4dff4841);  // ld2 {v1.h, v2.h}[5], [x2], #4
  REQUIRE(c.ok());
  CHECK(((c.v(1).hi >> 16) & 0xFFFF) == half_at(0));
  CHECK(((c.v(2).hi >> 16) & 0xFFFF) == half_at(2));
  CHECK(c.x(2) == kData + 4);

  c.x(2) = kData;
  c.x(3) = 0x40;
  c.exec(0x4dc3a441);  // ld3 {v1.d, v2.d, v3.d}[1], [x2], x3
  REQUIRE(c.ok());
  CHECK(c.v(1).hi == word_at(0));
  CHECK(c.v(2).hi == word_at(8));
  CHECK(c.v(3).hi == word_at(16));
  CHECK(c.v(3).lo == 0x5A5A5A5A5A5A5A5A);
  CHECK(c.x(2) == kData + 0x40);

  c.x(2) = kData + 8;
  c.exec(0x0d602041);  // ld4 {v1.b, v2.b, v3.b, v4.b}[0], [x2]
  REQUIRE(c.ok());
  CHECK((c.v(1).lo & 0xFF) == 8);
  CHECK((c.v(4).lo & 0xFF) == 11);

  c.x(2) = kData + 0x100;
  c.v(1) = VReg{1, 0x1111111111111111};
  c.exec(0x4d008441);  // st1 {v1.d}[1], [x2]
  REQUIRE(c.ok());
  CHECK(c.get64(kData + 0x100) == 0x1111111111111111);
  CHECK(c.get64(kData + 0x108) == 0);  // One element only.

  for (unsigned r = 1; r <= 4; ++r) c.v(r) = VReg{0, 0x0000000700000000ull * r | r};
  c.exec(0x4dbfa041);  // st4 {v1.s-v4.s}[2], [x2], #16: lane 2 of each register.
  REQUIRE(c.ok());
  CHECK(c.get64(kData + 0x100) == 0x0000000200000001);
  CHECK(c.get64(kData + 0x108) == 0x0000000400000003);
  CHECK(c.x(2) == kData + 0x110);
}

TEST_CASE("LD1R-LD4R replicate") {
  Core c;
  c.x(2) = kData + 4;
  c.v(1) = VReg{~uint64_t{0}, ~uint64_t{0}};
  c.exec(0x0d40c041);  // ld1r {v1.8b}, [x2]: Q = 0 zeroes the upper half.
  REQUIRE(c.ok());
  CHECK(c.v(1).lo == 0x0404040404040404);
  CHECK(c.v(1).hi == 0);

  c.exec(0x4d40c841);  // ld1r {v1.4s}, [x2]
  CHECK(c.v(1).lo == (word_at32(4) << 32 | word_at32(4)));
  CHECK(c.v(1).hi == c.v(1).lo);

  c.exec(0x4dffcc41);  // ld2r {v1.2d, v2.2d}, [x2], #16: MMU off, so Device memory:
  CHECK(c.trapped());  // 8-byte elements at kData + 4 take an Alignment fault.
  CHECK(c.dfsc() == 0x21);
  c.x(2) = kData + 8;
  c.exec(0x4dffcc41);
  REQUIRE(c.ok());
  CHECK(c.v(1).lo == word_at(8));
  CHECK(c.v(1).hi == word_at(8));
  CHECK(c.v(2).hi == word_at(16));
  CHECK(c.x(2) == kData + 24);

  c.x(2) = kData;
  c.exec(0x0d40e441);  // ld3r {v1.4h, v2.4h, v3.4h}, [x2]
  CHECK(c.v(3).lo == half_at(4) * 0x0001000100010001);
  CHECK(c.v(3).hi == 0);

  c.x(3) = 0;
  c.exec(0x4de3e041);  // ld4r {v1.16b-v4.16b}, [x2], x3
  REQUIRE(c.ok());
  CHECK(c.v(4).hi == 0x0303030303030303);
  CHECK(c.x(2) == kData);
}

TEST_CASE("structure loads and stores: unallocated forms, faults, FP trap") {
  Core c;
  c.x(2) = kData;
  for (uint32_t insn : {
           0x0c408c41u,  // ld2 {v1.1d, v2.1d}: the 1D arrangement is for LD1/ST1 only
           0x0d00c041u,  // "st1r": replicate has no store form
           0x0d40f441u,  // ld3r with S = 1
           0x0d404441u,  // ld1 {v.h} with size<0> = 1
           0x0d408c41u,  // ld1 {v.d} with size = 11 (scale 2, size<1> = 1)
           0x0d409441u,  // ld1 {v.d} with S = 1
           0x0d410041u,  // single structure, no offset, bits 20:16 != 0
       }) {
    CAPTURE(insn);
    c.v(1) = VReg{5, 6};
    c.exec(insn);
    CHECK(c.trapped());
    CHECK(c.ec() == 0);
    CHECK(c.v(1).lo == 5);
  }
  // An access that reaches unmapped memory faults before any register is written.
  c.x(2) = kRam + (1 << 20) - 8;
  c.v(1) = VReg{5, 6};
  c.exec(0x4c408c41);  // ld2 {v1.2d, v2.2d}, [x2]: the second doubleword is unmapped.
  CHECK(c.trapped());
  CHECK(c.ec() == 0x25);
  CHECK(c.v(1).lo == 5);
  CHECK(c.x(2) == kRam + (1 << 20) - 8);
  // FPEN = 0 traps with EC 0x07, after the decode checks.
  c.s().sys.cpacr_el1 = 0;
  c.x(2) = kData;
  c.exec(0x4d40c841);  // ld1r {v1.4s}, [x2]
  CHECK(c.trapped());
  CHECK(c.ec() == 0x07);
  c.exec(0x0d00c041);  // "st1r": UNDEFINED wins.
  CHECK(c.ec() == 0x00);
}

}  // namespace
}  // namespace el2
