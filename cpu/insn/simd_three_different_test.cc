// Advanced SIMD three different (simd_three_different.cc): widening and
// narrowing arithmetic. Expected values worked out by hand from the Arm ARM.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "cpu/insn/simd_test_rig.h"

namespace el2 {
namespace {

using namespace simd_test;

TEST_CASE("widening add/subtract: [SU]ADDL, [SU]SUBL, [SU]ADDW, [SU]SUBW") {
  run_cases({
      // uaddl v0.8h, v1.8b, v2.8b: 0xFF+0xFF, 0x80+0x80; the high halves of Vn
      // and Vm are not read.
      {0x2e220020, 0x80FF, kOnes, 0x80FF, kOnes, 0x00000000010001FE, 0},
      // saddl2 v0.4s, v1.8h, v2.8h: the high halves: -1-1, -32768-32768, 2+3,
      // 1+32767.
      {0x4e620020, kOnes, 0x000100028000FFFF, kOnes, 0x7FFF00038000FFFF, 0xFFFF0000FFFFFFFE,
       0x0000800000000005},
      // usubl v0.2d, v1.2s, v2.2s: 1-2, 0-0xFFFFFFFF.
      {0x2ea22020, 1, 0, 0xFFFFFFFF00000002, 0, kOnes, 0xFFFFFFFF00000001},
      // uaddw v0.2d, v1.2d, v2.2s: ~0+1 wraps, 5+0xFFFFFFFF.
      {0x2ea21020, kOnes, 5, 0xFFFFFFFF00000001, 0, 0, 0x100000004},
      // ssubw2 v0.8h, v1.8h, v2.16b: 5-(-1), 0-(-128) from bytes 8 and 9 of Vm.
      {0x4e223020, 5, 0, kOnes, 0x80FF, 0x0000000000800006, 0},
  });
}

TEST_CASE("narrowing high halves: ADDHN, RADDHN, SUBHN, RSUBHN") {
  run_cases({
      // addhn v0.8b, v1.8h, v2.8h: 0x12FF+1 = 0x1300; 0xFFFF+1 and 0x8000+0x8000
      // wrap to 0; 0x0100+0x00FF = 0x01FF; 0+0xFF00. The upper half is zeroed.
      {0x0e224020, 0x01008000FFFF12FF, 0, 0x00FF800000010001, 0xFF00000000000000,
       0xFF00000001000013, 0},
      // raddhn2 v0.8h, v1.4s, v2.4s (+0x8000 before taking the high half):
      // 0x7FFF -> 0, 0x8000 -> 1, 0xFFFF8000 -> wraps to 0, 0x12350000 -> 0x1235.
      // Written to the upper half; the lower half is kept.
      {0x6e624020, 0x0000800000007FFF, 0x12340000FFFF8000, 0, 0x0001000000000000,
       0x5A5A5A5A5A5A5A5A, 0x1235000000010000},
      // subhn v0.2s, v1.2d, v2.2d: 2^32-1 -> 0; 0-1 -> 0xFFFFFFFF.
      {0x0ea26020, 0x100000000, 0, 1, 1, 0xFFFFFFFF00000000, 0},
  });
}

TEST_CASE("absolute difference long: SABAL, UABAL, SABDL, UABDL") {
  run_cases({
      // uabal v0.8h, v1.8b, v2.8b: 0xFFFF + |0xFF-0| wraps to 0xFE; 1 + |1-3|.
      {0x2e225020, 0x01FF, 0, 0x0300, 0, 0x00000000000300FE, 0, false, 0x000000000001FFFF, 0},
      // sabdl2 v0.4s, v1.8h, v2.8h: |-32768-32767|, |32767+32768|.
      {0x4e627020, 0, 0x000000007FFF8000, 0, 0x0000000080007FFF, 0x0000FFFF0000FFFF, 0},
  });
}

TEST_CASE("multiply long: [SU]MULL, [SU]MLAL, [SU]MLSL, SQDMULL, SQDMLAL, SQDMLSL, PMULL") {
  run_cases({
      // umull v0.8h, v1.8b, v2.8b: 0xFF*0xFF = 0xFE01, 0x10*0x10 = 0x100.
      {0x2e22c020, 0x10FF, 0, 0x10FF, 0, 0x000000000100FE01, 0},
      // smull2 v0.2d, v1.4s, v2.4s: -1*2, (-2^31)*(-2^31) = 2^62.
      {0x4ea2c020, 0, 0x80000000FFFFFFFF, 0, 0x8000000000000002, 0xFFFFFFFFFFFFFFFE,
       0x4000000000000000},
      // umlal v0.4s, v1.4h, v2.4h: 1 + 0xFFFF*0xFFFF, 0 + 2*3; lanes 2, 3 kept.
      {0x2e628020, 0x000000000002FFFF, 0, 0x000000000003FFFF, 0, 0x00000006FFFE0002,
       0x0000000500000000, false, 1, 0x0000000500000000},
      // smlsl v0.8h, v1.8b, v2.8b: 0x10 - (-128*127) = 0x3F90; 0 - (-1*-1).
      {0x0e22a020, 0xFF80, 0, 0xFF7F, 0, 0x00000000FFFF3F90, 0, false, 0x10, 0},
      // sqdmull v0.4s, v1.4h, v2.4h: 2*(-32768)^2 saturates; 2*3*-1 = -6.
      {0x0e62d020, 0x00038000, 0, 0xFFFF8000, 0, 0xFFFFFFFA7FFFFFFF, 0, true},
      // sqdmlal2 v0.2d, v1.4s, v2.4s: INT64_MAX + 2*1*1 saturates; 5 + 2*3*4 = 29.
      {0x4ea29020, 0, 0x0000000300000001, 0, 0x0000000400000001, 0x7FFFFFFFFFFFFFFF, 0x1D, true,
       0x7FFFFFFFFFFFFFFF, 5},
      // sqdmlsl v0.4s, v1.4h, v2.4h: 10 - 2*2*3 = -2.
      {0x0e62b020, 2, 0, 3, 0, 0x00000000FFFFFFFE, 0, false, 10, 0},
      // pmull v0.8h, v1.8b, v2.8b: carry-less 0xFF*0xFF = 0x5555, 0x80*0x80 = 0x4000,
      // 3*3 = 5.
      {0x0e22e020, 0x0380FF, 0, 0x0380FF, 0, 0x0000000540005555, 0},
      // pmull2 v0.8h, v1.16b, v2.16b: 0x81*0x03 = 0x183.
      {0x4e22e020, kOnes, 0x81, kOnes, 0x03, 0x0183, 0},
  });
}

TEST_CASE("three different: reserved sizes are UNDEFINED") {
  check_undefined({
      0x0ee20020,  // saddl with size 11
      0x0ee24020,  // addhn with size 11
      0x2ee2c020,  // umull with size 11
      0x0e22d020,  // sqdmull with size 00
      0x0ee2d020,  // sqdmull with size 11
      0x2e62d020,  // U=1, opcode 1101 is unallocated
      0x0ee2e020,  // pmull 1q: FEAT_PMULL is not in the models
      0x0e62e020,  // pmull with size 01
  });
}

}  // namespace
}  // namespace el2
