// Floating-point operations of the Arm ARM's shared pseudocode (FPAdd, FPMul,
// FPMulAdd, FPDiv, FPSqrt, FPMax/FPMin(NM), FPCompare, FPRoundInt, FPToFixed,
// FixedToFP, FPConvert) on raw single (N = 32) and double (N = 64) bit
// patterns, computed with the host's IEEE 754 arithmetic and made to follow
// the Arm rules around it:
//   - NaN operands are handled before the host sees them (FPProcessNaNs: the
//     first signalling NaN, else the first quiet NaN, quietened; FPCR.DN gives
//     the default NaN), and an invalid operation gives Arm's default NaN
//     (positive, quiet), not the host's.
//   - FPCR.RMode is the host rounding mode for the operation.
//   - FPCR.FZ flushes denormal inputs (FPSR.IDC) and results that are tiny
//     before rounding (FPSR.UFC, no IXC), as FPRound does.
//   - FPSR.IOC/DZC/OFC/IXC come from the host's exception flags; UFC is
//     recomputed with Arm's tininess-before-rounding rule (the host detects
//     tininess after rounding: the two differ when a result rounds up to the
//     smallest normal number).
// Not modelled: trapped floating-point exceptions (FPCR.IOE..IDE are RES0 on
// the cores el2emu models, so none are enabled), FPCR.FZ16/AH (FEAT_FP16,
// FEAT_AFP) and the half-precision arithmetic of FEAT_FP16.
#pragma once

#include <cstdint>

namespace el2::fp {

// FPSR cumulative exception bits (Arm ARM C5.2.8).
enum : uint32_t {
  kIoc = 1u << 0,
  kDzc = 1u << 1,
  kOfc = 1u << 2,
  kUfc = 1u << 3,
  kIxc = 1u << 4,
  kIdc = 1u << 7,
};

// FPRounding: the FPCR.RMode encoding, plus TIEAWAY for FRINTA/FCVTA*.
enum class Rounding : uint8_t { kTieEven = 0, kPosInf = 1, kNegInf = 2, kZero = 3, kTieAway = 4 };

// The FPCR an operation runs under and the FPSR bits it raised.
struct Env {
  uint32_t fpcr = 0;
  uint32_t flags = 0;

  bool dn() const { return (fpcr >> 25) & 1; }
  bool fz() const { return (fpcr >> 24) & 1; }
  bool ahp() const { return (fpcr >> 26) & 1; }
  Rounding rounding() const { return static_cast<Rounding>((fpcr >> 22) & 3); }
};

uint64_t add(Env& env, unsigned n, uint64_t a, uint64_t b);
uint64_t sub(Env& env, unsigned n, uint64_t a, uint64_t b);
uint64_t mul(Env& env, unsigned n, uint64_t a, uint64_t b);
uint64_t div(Env& env, unsigned n, uint64_t a, uint64_t b);
// FPMulAdd(addend, op1, op2): addend + op1 * op2 with one rounding.
uint64_t mul_add(Env& env, unsigned n, uint64_t addend, uint64_t a, uint64_t b);
uint64_t sqrt(Env& env, unsigned n, uint64_t a);
uint64_t max(Env& env, unsigned n, uint64_t a, uint64_t b);
uint64_t min(Env& env, unsigned n, uint64_t a, uint64_t b);
uint64_t max_num(Env& env, unsigned n, uint64_t a, uint64_t b);  // FMAXNM
uint64_t min_num(Env& env, unsigned n, uint64_t a, uint64_t b);  // FMINNM

// FPNeg, FPAbs: sign bit only, NaNs included, no exceptions.
constexpr uint64_t neg(unsigned n, uint64_t a) { return a ^ (uint64_t{1} << (n - 1)); }
constexpr uint64_t abs(unsigned n, uint64_t a) { return a & ~(uint64_t{1} << (n - 1)); }

// FPCompare: NZCV (bits 3:0) = 0110 equal, 1000 less, 0010 greater, 0011
// unordered. Signalling NaNs raise IOC; quiet NaNs too when `signal_nans`
// (FCMPE).
unsigned compare(Env& env, unsigned n, uint64_t a, uint64_t b, bool signal_nans);

// FPRoundInt: to an integral value in the format; `exact` (FRINTX) raises IXC
// when the value changes.
uint64_t round_int(Env& env, unsigned n, uint64_t a, Rounding r, bool exact);

// FPToFixed: op * 2^fbits rounded to an integer, saturated to `out_bits`
// (32 or 64) signed or unsigned bits; NaNs give 0. IOC on NaN or saturation,
// else IXC when inexact.
uint64_t to_fixed(Env& env, unsigned n, uint64_t a, unsigned fbits, bool is_unsigned,
                  unsigned out_bits, Rounding r);

// FixedToFP: Int(x<in_bits-1:0>, unsigned) / 2^fbits rounded per FPCR.
uint64_t from_fixed(Env& env, unsigned n, uint64_t x, unsigned in_bits, unsigned fbits,
                    bool is_unsigned);

// FPConvert between half (16, IEEE or FPCR.AHP's alternative format), single
// and double precision.
uint64_t convert(Env& env, unsigned to_n, unsigned from_n, uint64_t a);

}  // namespace el2::fp
