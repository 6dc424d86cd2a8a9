// Advanced SIMD two-register miscellaneous, integer (simd_two_reg_misc.cc).
// Expected values worked out by hand from the Arm ARM.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "cpu/insn/simd_test_rig.h"

namespace el2 {
namespace {

using namespace simd_test;

TEST_CASE("REV16, REV32, REV64") {
  run_cases({
      // rev16 v0.16b: bytes swapped inside each halfword.
      {0x4e201820, 0x0807060504030201, 0x100F0E0D0C0B0A09, 0, 0, 0x0708050603040102,
       0x0F100D0E0B0C090A},
      // rev32 v0.8h: halfwords swapped inside each word.
      {0x6e600820, 0x4444333322221111, 0, 0, 0, 0x3333444411112222, 0},
      // rev64 v0.4s
      {0x4ea00820, 0x2222222211111111, 0x4444444433333333, 0, 0, 0x1111111122222222,
       0x3333333344444444},
      // rev64 v0.8b, rev32 v0.8b
      {0x0e200820, 0x0807060504030201, kOnes, 0, 0, 0x0102030405060708, 0},
      {0x2e200820, 0x0807060504030201, kOnes, 0, 0, 0x0506070801020304, 0},
  });
}

TEST_CASE("CLS, CLZ") {
  run_cases({
      // cls v0.4s: 0 -> 31, -1 -> 31, 0x00010000 -> 14, 0x80000000 -> 0.
      {0x4ea04820, 0xFFFFFFFF00000000, 0x8000000000010000, 0, 0, 0x0000001F0000001F, 0xE},
      // clz v0.16b: 00 -> 8, 01 -> 7, 80 -> 0, 0F -> 4, FF -> 0.
      {0x6e204820, 0x0F800100, kOnes, 0, 0, 0x0808080804000708, 0},
  });
}

TEST_CASE("saturating: SUQADD, USQADD, SQABS, SQNEG") {
  run_cases({
      // suqadd v0.16b: signed Vd + unsigned Vn: 127+1 saturates; -128+255 = 127;
      // -1+128 = 127; -128+0.
      {0x4e203820, 0x0080FF01, 0, 0, 0, 0x807F7F7F, 0, true, 0x80FF807F, 0},
      // usqadd d0, d1: unsigned 5 + signed -1 = 4; then 1 + -2 saturates to 0.
      {0x7ee03820, kOnes, 0, 0, 0, 4, 0, false, 5, 7},
      {0x7ee03820, 0xFFFFFFFFFFFFFFFE, 0, 0, 0, 0, 0, true, 1, 7},
      // sqabs v0.4s: |-2^31| saturates, |-1|, |5|, |-2^31+1|.
      {0x4ea07820, 0xFFFFFFFF80000000, 0x8000000100000005, 0, 0, 0x000000017FFFFFFF,
       0x7FFFFFFF00000005, true},
      // sqneg b0, b1: -(-128) saturates.
      {0x7e207820, 0x1280, kOnes, 0, 0, 0x7F, 0, true},
  });
}

TEST_CASE("narrowing: XTN, SQXTN, UQXTN, SQXTUN; SHLL") {
  run_cases({
      // xtn v0.2s, v1.2d
      {0x0ea12820, 0x1122334455667788, 0x99AABBCCDDEEFF00, 0, 0, 0xDDEEFF0055667788, 0},
      // xtn2 v0.16b, v1.8h: the upper half; the lower half of Vd is kept.
      {0x4e212820, 0x0004000300020001, 0xFF08010700060005, 0, 0, 0x5A5A5A5A5A5A5A5A,
       0x0807060504030201},
      // sqxtn v0.8b, v1.8h: 128 -> 127 (saturated), -129 -> -128, 127, -128, -1.
      {0x0e214820, 0xFF80007FFF7F0080, 0xFFFF, 0, 0, 0x000000FF807F807F, 0, true},
      // uqxtn2 v0.4s, v1.2d: 2^32 saturates; 0x12345678.
      {0x6ea14820, 0x100000000, 0x12345678, 0, 0, 0x5A5A5A5A5A5A5A5A, 0x12345678FFFFFFFF, true},
      // sqxtun v0.4h, v1.4s: -1 -> 0, 0x10000 -> 0xFFFF (both saturate), 0xFFFF,
      // 0x1234.
      {0x2e612820, 0x00010000FFFFFFFF, 0x000012340000FFFF, 0, 0, 0x1234FFFFFFFF0000, 0, true},
      // sqxtn b0, h1: 256 saturates. uqxtn s0, d1: 0xFFFFFFFF fits. sqxtun h0,
      // s1: 0x8000 fits unsigned.
      {0x5e214820, 0x0100, kOnes, 0, 0, 0x7F, 0, true},
      {0x7ea14820, 0xFFFFFFFF, kOnes, 0, 0, 0xFFFFFFFF, 0},
      {0x7e612820, 0x00008000, kOnes, 0, 0, 0x8000, 0},
      // shll v0.8h, v1.8b, #8; shll2 v0.2d, v1.4s, #32.
      {0x2e213820, 0xFF01, kOnes, 0, 0, 0x00000000FF000100, 0},
      {0x6ea13820, kOnes, 0x8000000000000001, 0, 0, 0x0000000100000000, 0x8000000000000000},
  });
}

TEST_CASE("two-register misc: reserved sizes are UNDEFINED") {
  check_undefined({
      0x6ea00820,  // rev32 with S elements (size + op >= 3)
      0x4e601820,  // rev16 with H elements
      0x6e201820,  // U=1, o0=1 (opcode 00001) is unallocated
      0x4ee04820,  // cls with size 11
      0x4ee12820,  // xtn with size 11
      0x6ee13820,  // shll with size 11
      0x0ee07820,  // sqabs v0.1d
      0x5e212820,  // U=0, opcode 10010 (scalar XTN) is unallocated
  });
}

}  // namespace
}  // namespace el2
