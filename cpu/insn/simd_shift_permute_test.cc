// Advanced SIMD shifts by immediate (simd_shift_imm.cc), permutes and table
// lookups (simd_permute.cc). Expected values worked out by hand from the Arm
// ARM.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "cpu/insn/simd_test_rig.h"

namespace el2 {
namespace {

using namespace simd_test;

TEST_CASE("shift right and accumulate: SSHR, USHR, SRSHR, URSRA, SSRA") {
  run_cases({
      // sshr v0.8h, v1.8h, #3: -32768 -> -4096, 16 -> 2, -1 -> -1, 0x7FFF -> 0x0FFF.
      {0x4f1d0420, 0x7FFFFFFF00108000, 0, 0, 0, 0x0FFFFFFF0002F000, 0},
      // ushr v0.16b, v1.16b, #8: everything shifted out.
      {0x6f080420, kOnes, kOnes, 0, 0, 0, 0},
      // ushr d0, d1, #63
      {0x7f410420, 0x8000000000000000, kOnes, 0, 0, 1, 0},
      // srshr v0.4s, v1.4s, #1: (3+1)>>1, (-3+1)>>1, (2^31-1+1)>>1, (-2^31+1)>>1.
      {0x4f3f2420, 0xFFFFFFFD00000003, 0x800000007FFFFFFF, 0, 0, 0xFFFFFFFF00000002,
       0xC000000040000000},
      // ursra v0.2d, v1.2d, #64: (2^64-1 + 2^63) >> 64 = 1; (2^63-1 + 2^63) >> 64 = 0.
      {0x6f403420, kOnes, 0x7FFFFFFFFFFFFFFF, 0, 0, 0x5A5A5A5A5A5A5A5B, 0xA5A5A5A5A5A5A5A5},
      // ssra d0, d1, #2: 10 + (-8 >> 2).
      {0x5f7e1420, 0xFFFFFFFFFFFFFFF8, 0, 0, 0, 8, 0, false, 10, 7},
  });
}

TEST_CASE("shift left and insert: SHL, SLI, SRI") {
  run_cases({
      // shl v0.4s, v1.4s, #3
      {0x4f235420, 0x2000000000000001, 0x80000001FFFFFFFF, 0, 0, 8, 0x00000008FFFFFFF8},
      // shl d0, d1, #7
      {0x5f475420, 0x0100000000000003, kOnes, 0, 0, 0x8000000000000180, 0},
      // sri v0.8h, v1.8h, #4: (0xABCD & 0xF000) | (0x1234 >> 4).
      {0x6f1c4420, 0x1234123412341234, 0x1234123412341234, 0, 0, 0xA123A123A123A123,
       0xA123A123A123A123, false, 0xABCDABCDABCDABCD, 0xABCDABCDABCDABCD},
      // sli v0.16b, v1.16b, #3: (0xFF & 0x07) | (0x81 << 3)<7:0>.
      {0x6f0b5420, 0x8181818181818181, 0x8181818181818181, 0, 0, 0x0F0F0F0F0F0F0F0F,
       0x0F0F0F0F0F0F0F0F, false, kOnes, kOnes},
      // sli d0, d1, #1
      {0x7f415420, 0x8000000000000001, 0, 0, 0, 3, 0, false, 1, kOnes},
      // sri d0, d1, #64: nothing is inserted; the upper half is zeroed.
      {0x7f404420, kOnes, kOnes, 0, 0, 0x5A5A5A5A5A5A5A5A, 0},
  });
}

TEST_CASE("saturating shifts left: SQSHL, UQSHL, SQSHLU (immediate)") {
  run_cases({
      // sqshl v0.8h, v1.8h, #4: 0x0800 << 4 = 32768 saturates; -2048 << 4 = -32768;
      // 1 << 4; -2049 << 4 saturates.
      {0x4f147420, 0xF7FF0001F8000800, 0, 0, 0, 0x8000001080007FFF, 0, true},
      // uqshl b0, b1, #3: 0x20 << 3 = 0x100 saturates.
      {0x7f0b7420, 0x20, kOnes, 0, 0, 0xFF, 0, true},
      // sqshlu v0.4s, v1.4s, #5: -1 -> 0 and 2^27 << 5 = 2^32 -> 0xFFFFFFFF
      // saturate; 2^24 << 5; 3 << 5.
      {0x6f256420, 0x01000000FFFFFFFF, 0x0000000308000000, 0, 0, 0x2000000000000000,
       0x00000060FFFFFFFF, true},
  });
}

TEST_CASE("narrowing shifts: SHRN, RSHRN, SQSHRN, UQRSHRN, SQSHRUN, SQRSHRUN, UQSHRN") {
  run_cases({
      // shrn v0.8b, v1.8h, #3: 0x0808>>3 = 0x101 -> 01, 0xFFFF -> FF, 0x10 -> 02,
      // 0x07F8 -> FF.
      {0x0f0d8420, 0x07F80010FFFF0808, 0, 0, 0, 0x00000000FF02FF01, 0},
      // rshrn2 v0.16b, v1.8h, #3: (4+4)>>3 = 1, (3+4)>>3 = 0, (0xFFFF+4)>>3 =
      // 0x2000 -> 00, (12+4)>>3 = 2; into the upper half.
      {0x4f0d8c20, 0x000CFFFF00030004, 0, 0, 0, 0x5A5A5A5A5A5A5A5A, 0x02000001},
      // shrn v0.4h, v1.4s, #16
      {0x0f108420, 0xFFFF000012345678, 0xABCD000000010000, 0, 0, 0xABCD0001FFFF1234, 0},
      // sqshrn v0.2s, v1.2d, #4: 2^36 >> 4 = 2^32 saturates; -256 >> 4 = -16.
      {0x0f3c9420, 0x0000001000000000, 0xFFFFFFFFFFFFFF00, 0, 0, 0xFFFFFFF07FFFFFFF, 0, true},
      // uqrshrn2 v0.8h, v1.4s, #7 (+64): 0x40 -> 1, 0xFFFFFFFF -> 2^25 saturates,
      // 0x3FFFBF -> 0x7FFF, 0 -> 0.
      {0x6f199c20, 0xFFFFFFFF00000040, 0x00000000003FFFBF, 0, 0, 0x5A5A5A5A5A5A5A5A,
       0x00007FFFFFFF0001, true},
      // sqshrun v0.8b, v1.8h, #2: -4 -> -1 -> 0 and 0x400 -> 0x100 -> 0xFF
      // saturate; 0x3FC -> 0xFF; 8 -> 2.
      {0x2f0e8420, 0x000803FC0400FFFC, 0, 0, 0, 0x0000000002FFFF00, 0, true},
      // sqrshrun s0, d1, #3: (20+4)>>3.
      {0x7f3d8c20, 20, kOnes, 0, 0, 3, 0},
      // uqshrn h0, s1, #5: 0x200000 >> 5 = 0x10000 saturates.
      {0x7f1b9420, 0xABCDEF0100200000, 0, 0, 0, 0xFFFF, 0, true},
  });
}

TEST_CASE("widening shifts: SSHLL, USHLL (SXTL, UXTL)") {
  run_cases({
      // sxtl v0.2d, v1.2s
      {0x0f20a420, 0x800000007FFFFFFF, kOnes, 0, 0, 0x7FFFFFFF, 0xFFFFFFFF80000000},
      // ushll2 v0.8h, v1.16b, #3: bytes 8.. = FF, 01, 80 -> 0x7F8, 0x8, 0x400.
      {0x6f0ba420, kOnes, 0x8001FF, 0, 0, 0x00000400000807F8, 0},
      // uxtl v0.4s, v1.4h
      {0x2f10a420, 0x8000FFFF00010000, kOnes, 0, 0, 0x0000000100000000, 0x000080000000FFFF},
  });
}

TEST_CASE("shift by immediate: reserved encodings are UNDEFINED") {
  check_undefined({
      0x0f7d0420,  // sshr with D elements and Q=0
      0x5f200420,  // sshr (scalar) with S elements
      0x5f000420,  // scalar shift with immh = 0000
      0x5f085420,  // shl (scalar) with B elements
      0x7f007420,  // uqshl (scalar) with immh = 0000
      0x0f408420,  // shrn with immh<3> = 1
      0x0f40a420,  // sshll with immh<3> = 1
      0x5f0d8420,  // U=0 scalar SHRN is unallocated
  });
}

// Vn bytes 00..0F, Vm bytes 10..1F (or words 1..4 and 5..8).
constexpr uint64_t kBytesLo = 0x0706050403020100, kBytesHi = 0x0F0E0D0C0B0A0908;
constexpr uint64_t kBytes2Lo = 0x1716151413121110, kBytes2Hi = 0x1F1E1D1C1B1A1918;

TEST_CASE("UZP1/UZP2, TRN1/TRN2, ZIP1/ZIP2") {
  run_cases({
      // uzp1 v0.4s: the even words of Vm:Vn = [1, 3, 5, 7].
      {0x4e821820, 0x0000000200000001, 0x0000000400000003, 0x0000000600000005, 0x0000000800000007,
       0x0000000300000001, 0x0000000700000005},
      // uzp2 v0.16b: the odd bytes.
      {0x4e025820, kBytesLo, kBytesHi, kBytes2Lo, kBytes2Hi, 0x0F0D0B0907050301,
       0x1F1D1B1917151311},
      // uzp1 v0.8b: the even bytes of Vm<63:0>:Vn<63:0>.
      {0x0e021820, kBytesLo, kBytesHi, kBytes2Lo, kBytes2Hi, 0x1614121006040200, 0},
      // trn1 v0.8h: [n0, m0, n2, m2, n4, m4, n6, m6] with n = 0..7, m = 0x10..0x17.
      {0x4e422820, 0x0003000200010000, 0x0007000600050004, 0x0013001200110010, 0x0017001600150014,
       0x0012000200100000, 0x0016000600140004},
      // trn2 v0.2d: [n1, m1].
      {0x4ec26820, 1, 2, 3, 4, 2, 4},
      // zip1 v0.8b: n0 m0 n1 m1 n2 m2 n3 m3.
      {0x0e023820, kBytesLo, kBytesHi, kBytes2Lo, kBytes2Hi, 0x1303120211011000, 0},
      // zip2 v0.8b: n4 m4 n5 m5 n6 m6 n7 m7.
      {0x0e027820, kBytesLo, kBytesHi, kBytes2Lo, kBytes2Hi, 0x1707160615051404, 0},
      // zip2 v0.4s: [n2, m2, n3, m3] = [3, 7, 4, 8].
      {0x4e827820, 0x0000000200000001, 0x0000000400000003, 0x0000000600000005, 0x0000000800000007,
       0x0000000700000003, 0x0000000800000004},
  });
  check_undefined({0x0ec21820 /* uzp1 v0.1d */, 0x4e020820 /* permute opcode 000 */,
                   0x4e024820 /* permute opcode 100 */});
}

TEST_CASE("TBL/TBX") {
  // tbl v0.16b, {v1.16b}, v2.16b: indices 0F 00 10 FF 05 08 01 0E, then 0x20s
  // (out of range: 0).
  run_cases({{0x4e020020, 0xA7A6A5A4A3A2A1A0, 0xAFAEADACABAAA9A8, 0x0E010805FF10000F,
              0x2020202020202020, 0xAEA1A8A50000A0AF, 0}});

  Rig r;
  // tbx v0.16b, {v1.16b-v4.16b}, v5.16b: table byte i = i (64 bytes); indices
  // 3F 40 20 11 FF 00 80 80 ...: out-of-range indices keep Vd's bytes.
  for (unsigned t = 0; t < 4; ++t) {
    uint64_t lo = 0, hi = 0;
    for (unsigned b = 0; b < 8; ++b) {
      lo |= uint64_t{16 * t + b} << (8 * b);
      hi |= uint64_t{16 * t + 8 + b} << (8 * b);
    }
    r.setv(1 + t, lo, hi);
  }
  r.setv(5, 0x808000FF1120403F, 0x8080808080808080);
  r.setv(0, 0x5A5A5A5A5A5A5A5A, 0xA5A5A5A5A5A5A5A5);
  r.exec(0x4e057020);
  CHECK_FALSE(r.took_exception());
  CHECK(r.v(0).lo == 0x5A5A005A11205A3F);
  CHECK(r.v(0).hi == 0xA5A5A5A5A5A5A5A5);

  // tbl v0.8b, {v30.16b, v31.16b, v0.16b}, v2.8b: the register list wraps and
  // V0 is read as the third table register before it is written.
  r.setv(30, kBytesLo, kBytesHi);
  r.setv(31, kBytes2Lo, kBytes2Hi);
  r.setv(0, 0x2726252423222120, 0x2F2E2D2C2B2A2928);
  r.setv(2, 0x210F1020301F002F, kOnes);
  r.exec(0x0e0243c0);
  CHECK_FALSE(r.took_exception());
  CHECK(r.v(0).lo == 0x210F1020001F002F);
  CHECK(r.v(0).hi == 0);
}

}  // namespace
}  // namespace el2
