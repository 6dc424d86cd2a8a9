// Floating-point operations on the host's IEEE arithmetic, made to follow the
// Arm ARM's shared pseudocode (see fp_ops.h for what is and is not modelled).
//
// The host operation runs between fesetround() and fetestexcept() with its
// operands and result in volatile objects, so the compiler can neither fold
// it nor move it out of the rounding mode it was given (GCC does not honour
// `#pragma STDC FENV_ACCESS`).
#include "cpu/insn/fp_ops.h"

#include <bit>
#include <cfenv>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <optional>

#include "cpu/bits.h"

namespace el2::fp {

namespace {

enum class Type { kZero, kDenormal, kNormal, kInfinity, kQNaN, kSNaN };

template <class T>
struct Fmt;
template <>
struct Fmt<float> {
  using U = uint32_t;
  static constexpr unsigned kN = 32, kF = 23;
};
template <>
struct Fmt<double> {
  using U = uint64_t;
  static constexpr unsigned kN = 64, kF = 52;
};

// Format facts for T (float or double).
template <class T>
struct F {
  using U = typename Fmt<T>::U;
  static constexpr unsigned N = Fmt<T>::kN, kFrac = Fmt<T>::kF;
  static constexpr U kSign = U{1} << (N - 1);
  static constexpr U kFracMask = (U{1} << kFrac) - 1;
  static constexpr U kExpMask = ~kSign & ~kFracMask;
  static constexpr U kQuiet = U{1} << (kFrac - 1);
  static constexpr U kDefaultNaN = kExpMask | kQuiet;  // FPDefaultNaN: positive, quiet.

  static Type type(U x) {
    const U e = x & kExpMask, f = x & kFracMask;
    if (e == 0) return f == 0 ? Type::kZero : Type::kDenormal;
    if (e != kExpMask) return Type::kNormal;
    if (f == 0) return Type::kInfinity;
    return (f & kQuiet) ? Type::kQNaN : Type::kSNaN;
  }
  static T host(U x) { return std::bit_cast<T>(x); }
  static U bits(T x) { return std::bit_cast<U>(x); }
  static bool is_nan(Type t) { return t == Type::kQNaN || t == Type::kSNaN; }
};

template <class T>
struct Operand {
  typename F<T>::U bits;
  Type type;
  T value() const { return F<T>::host(bits); }
  bool sign() const { return bits >> (F<T>::N - 1); }
};

// FPUnpack: FPCR.FZ flushes a denormal to a zero of the same sign (IDC).
template <class T>
Operand<T> unpack(Env& env, uint64_t x) {
  using Fm = F<T>;
  const auto u = static_cast<typename Fm::U>(x);
  const Type t = Fm::type(u);
  if (t == Type::kDenormal && env.fz()) {
    env.flags |= kIdc;
    return {static_cast<typename Fm::U>(u & Fm::kSign), Type::kZero};
  }
  return {u, t};
}

// FPProcessNaN: a signalling NaN is quietened (IOC); FPCR.DN gives the
// default NaN.
template <class T>
uint64_t process_nan(Env& env, const Operand<T>& op) {
  auto r = op.bits;
  if (op.type == Type::kSNaN) {
    r |= F<T>::kQuiet;
    env.flags |= kIoc;
  }
  return env.dn() ? F<T>::kDefaultNaN : r;
}

// FPProcessNaNs / FPProcessNaNs3: the first signalling NaN in operand order,
// else the first quiet NaN.
template <class T>
std::optional<uint64_t> process_nans(Env& env, std::initializer_list<Operand<T>> ops) {
  for (const Operand<T>& op : ops)
    if (op.type == Type::kSNaN) return process_nan(env, op);
  for (const Operand<T>& op : ops)
    if (op.type == Type::kQNaN) return process_nan(env, op);
  return std::nullopt;
}

int host_mode(Rounding r) {
  switch (r) {
    case Rounding::kPosInf:
      return FE_UPWARD;
    case Rounding::kNegInf:
      return FE_DOWNWARD;
    case Rounding::kZero:
      return FE_TOWARDZERO;
    default:
      return FE_TONEAREST;
  }
}

// Runs f() in the host rounding mode for r; returns its result and the host
// exception flags it raised.
template <class T, class Fn>
T on_host(Rounding r, int& host_flags, Fn f) {
  const int saved = std::fegetround();
  std::fesetround(host_mode(r));
  std::feclearexcept(FE_ALL_EXCEPT);
  volatile T result = f();
  host_flags = std::fetestexcept(FE_ALL_EXCEPT);
  std::fesetround(saved);
  return result;
}

// The rest of FPRound for a host result `r` of an operation whose inputs were
// not NaNs: invalid operations give the default NaN; a result that was tiny
// before rounding (Arm's rule; `rz` recomputes the operation rounding toward
// zero to decide the one ambiguous case, a result rounded up to the smallest
// normal) raises UFC when inexact, or is flushed to zero under FPCR.FZ.
template <class T, class Fn>
uint64_t finish(Env& env, T r, int host_flags, Fn rz) {
  using Fm = F<T>;
  if (std::isnan(r)) {
    env.flags |= kIoc;
    return Fm::kDefaultNaN;
  }
  if (host_flags & FE_DIVBYZERO) env.flags |= kDzc;
  if (host_flags & FE_OVERFLOW) env.flags |= kOfc;
  const bool inexact = host_flags & FE_INEXACT;
  const T min_normal = std::numeric_limits<T>::min();
  const T mag = std::fabs(r);
  bool tiny = (mag < min_normal && mag != 0) || (mag == 0 && inexact);
  if (mag == min_normal && inexact) tiny = std::fabs(rz()) < min_normal;
  if (tiny && env.fz()) {
    env.flags |= kUfc;
    return Fm::bits(r) & Fm::kSign;
  }
  if (tiny && inexact) env.flags |= kUfc;
  if (inexact) env.flags |= kIxc;
  return Fm::bits(r);
}

// A two-operand arithmetic operation: NaNs, then the host operation op(x, y).
template <class T, class Op>
uint64_t arith2(Env& env, uint64_t a, uint64_t b, Op op) {
  const Operand<T> x = unpack<T>(env, a), y = unpack<T>(env, b);
  if (auto nan = process_nans<T>(env, {x, y})) return *nan;
  auto run = [&](Rounding r, int& flags) {
    return on_host<T>(r, flags, [&] {
      volatile T vx = x.value(), vy = y.value();
      return op(vx, vy);
    });
  };
  int flags = 0;
  const T r = run(env.rounding(), flags);
  return finish<T>(env, r, flags, [&] {
    int ignored;
    return run(Rounding::kZero, ignored);
  });
}

template <class T>
uint64_t mul_add_t(Env& env, uint64_t addend, uint64_t a, uint64_t b) {
  const Operand<T> z = unpack<T>(env, addend), x = unpack<T>(env, a), y = unpack<T>(env, b);
  const bool inf_times_zero = (x.type == Type::kInfinity && y.type == Type::kZero) ||
                              (x.type == Type::kZero && y.type == Type::kInfinity);
  if (auto nan = process_nans<T>(env, {z, x, y})) {
    // Arm ARM FPMulAdd: a quiet NaN addend does not hide 0 * infinity.
    if (z.type == Type::kQNaN && inf_times_zero) {
      env.flags |= kIoc;
      return F<T>::kDefaultNaN;
    }
    return *nan;
  }
  auto run = [&](Rounding r, int& flags) {
    return on_host<T>(r, flags, [&] {
      volatile T vx = x.value(), vy = y.value(), vz = z.value();
      return std::fma(vx, vy, vz);
    });
  };
  int flags = 0;
  const T r = run(env.rounding(), flags);
  return finish<T>(env, r, flags, [&] {
    int ignored;
    return run(Rounding::kZero, ignored);
  });
}

template <class T>
uint64_t sqrt_t(Env& env, uint64_t a) {
  const Operand<T> x = unpack<T>(env, a);
  if (auto nan = process_nans<T>(env, {x})) return *nan;
  int flags = 0;
  const T r = on_host<T>(env.rounding(), flags, [&] {
    volatile T vx = x.value();
    return std::sqrt(vx);
  });
  // A square root is never tiny (sqrt of the smallest denormal is normal).
  return finish<T>(env, r, flags, [&] { return r; });
}

// FPMax/FPMin: NaNs first; zeros of different signs give +0 (max) or -0
// (min); otherwise the larger (smaller) operand, op2 when equal.
template <class T>
uint64_t max_min_t(Env& env, uint64_t a, uint64_t b, bool is_max) {
  const Operand<T> x = unpack<T>(env, a), y = unpack<T>(env, b);
  if (auto nan = process_nans<T>(env, {x, y})) return *nan;
  if (x.type == Type::kZero && y.type == Type::kZero) {
    const bool sign = is_max ? (x.sign() && y.sign()) : (x.sign() || y.sign());
    return sign ? F<T>::kSign : 0;
  }
  const bool first = is_max ? x.value() > y.value() : x.value() < y.value();
  return first ? x.bits : y.bits;
}

// FPMaxNum/FPMinNum: one quiet NaN is replaced by the infinity that loses.
template <class T>
uint64_t max_min_num_t(Env& env, uint64_t a, uint64_t b, bool is_max) {
  const Type ta = F<T>::type(static_cast<typename F<T>::U>(a));
  const Type tb = F<T>::type(static_cast<typename F<T>::U>(b));
  const uint64_t loser = is_max ? (F<T>::kExpMask | F<T>::kSign) : F<T>::kExpMask;
  if (ta == Type::kQNaN && tb != Type::kQNaN) a = loser;
  if (ta != Type::kQNaN && tb == Type::kQNaN) b = loser;
  return max_min_t<T>(env, a, b, is_max);
}

template <class T>
unsigned compare_t(Env& env, uint64_t a, uint64_t b, bool signal_nans) {
  const Operand<T> x = unpack<T>(env, a), y = unpack<T>(env, b);
  if (F<T>::is_nan(x.type) || F<T>::is_nan(y.type)) {
    if (x.type == Type::kSNaN || y.type == Type::kSNaN || signal_nans) env.flags |= kIoc;
    return 0b0011;
  }
  if (x.value() == y.value()) return 0b0110;
  return x.value() < y.value() ? 0b1000 : 0b0010;
}

// RoundDown(v) plus the round-up decision of FPRoundInt/FPToFixed for `r`
// (v is finite; exact arithmetic on doubles: v - floor(v) is exact).
double round_integral(double v, Rounding r, bool& inexact) {
  const double down = std::floor(v), error = v - down;
  bool up = false;
  switch (r) {
    case Rounding::kTieEven:
      up = error > 0.5 || (error == 0.5 && std::fmod(down, 2.0) != 0);
      break;
    case Rounding::kPosInf:
      up = error != 0;
      break;
    case Rounding::kNegInf:
      up = false;
      break;
    case Rounding::kZero:
      up = error != 0 && down < 0;
      break;
    case Rounding::kTieAway:
      up = error > 0.5 || (error == 0.5 && down >= 0);
      break;
  }
  inexact = error != 0;
  return up ? down + 1 : down;
}

template <class T>
uint64_t round_int_t(Env& env, uint64_t a, Rounding r, bool exact) {
  const Operand<T> x = unpack<T>(env, a);
  if (F<T>::is_nan(x.type)) return process_nan(env, x);
  if (x.type == Type::kInfinity || x.type == Type::kZero) return x.bits;
  bool inexact = false;
  const double v = round_integral(static_cast<double>(x.value()), r, inexact);
  if (inexact && exact) env.flags |= kIxc;
  // An integral value of T's magnitude is exact in T; a zero keeps the sign.
  if (v == 0) return x.bits & F<T>::kSign;
  return F<T>::bits(static_cast<T>(v));
}

template <class T>
uint64_t to_fixed_t(Env& env, uint64_t a, unsigned fbits, bool is_unsigned, unsigned out_bits,
                    Rounding r) {
  const Operand<T> x = unpack<T>(env, a);
  if (F<T>::is_nan(x.type)) {
    env.flags |= kIoc;
    return 0;
  }
  // value * 2^fbits is exact in double (or infinite, which saturates).
  const double scaled = std::ldexp(static_cast<double>(x.value()), static_cast<int>(fbits));
  const double limit = std::ldexp(1.0, static_cast<int>(out_bits));
  __int128 i;
  bool inexact = false;
  if (std::fabs(scaled) >= limit) {
    i = scaled < 0 ? -(__int128{1} << out_bits) : (__int128{1} << out_bits);  // Saturates.
  } else {
    i = static_cast<__int128>(round_integral(scaled, r, inexact));
  }
  const __int128 max =
      is_unsigned ? (__int128{1} << out_bits) - 1 : (__int128{1} << (out_bits - 1)) - 1;
  const __int128 min = is_unsigned ? 0 : -(__int128{1} << (out_bits - 1));
  if (i > max || i < min) {
    env.flags |= kIoc;
    return static_cast<uint64_t>(i > max ? max : min) & ones(out_bits);
  }
  if (inexact) env.flags |= kIxc;
  return static_cast<uint64_t>(i) & ones(out_bits);
}

template <class T>
uint64_t from_fixed_t(Env& env, uint64_t x, unsigned in_bits, unsigned fbits, bool is_unsigned) {
  x &= ones(in_bits);
  const int64_t s = sign_extend(x, in_bits);
  int flags = 0;
  T r = on_host<T>(env.rounding(), flags, [&]() -> T {
    if (is_unsigned) {
      volatile uint64_t vu = x;
      return static_cast<T>(vu);
    }
    volatile int64_t vs = s;
    return static_cast<T>(vs);
  });
  if (flags & FE_INEXACT) env.flags |= kIxc;
  r = std::ldexp(r, -static_cast<int>(fbits));  // Exact: results stay normal.
  return F<T>::bits(r);
}

// ---- FPConvert -----------------------------------------------------------------

// FPConvertNaN: sign and the top fraction bits, quietened.
uint64_t convert_nan(unsigned to_n, unsigned from_n, uint64_t a) {
  auto frac_bits = [](unsigned n) { return n == 16 ? 10u : n == 32 ? 23u : 52u; };
  const unsigned ff = frac_bits(from_n), tf = frac_bits(to_n);
  const uint64_t sign = bit(a, from_n - 1), frac = a & ones(ff);
  const uint64_t out_frac = ff > tf ? frac >> (ff - tf) : frac << (tf - ff);
  const uint64_t exp_mask = ones(to_n - 1 - tf) << tf;
  return (sign << (to_n - 1)) | exp_mask | (uint64_t{1} << (tf - 1)) | out_frac;
}

// A half-precision operand as a double (exact). FPCR.AHP: exponent 31 is an
// ordinary exponent and there are no infinities or NaNs. Half inputs are never
// flushed (FPUnpackCV ignores FZ16).
double half_value(uint64_t h, bool ahp, Type& type) {
  const unsigned e = bits(h, 14, 10);
  const uint64_t f = h & 0x3FF;
  const double sign = bit(h, 15) ? -1.0 : 1.0;
  if (e == 31 && !ahp) {
    type = f == 0 ? Type::kInfinity : (f & 0x200) ? Type::kQNaN : Type::kSNaN;
    return sign * INFINITY;
  }
  if (e == 0) {
    type = f == 0 ? Type::kZero : Type::kDenormal;
    return sign * std::ldexp(static_cast<double>(f), -24);
  }
  type = Type::kNormal;
  return sign * std::ldexp(static_cast<double>(f | 0x400), static_cast<int>(e) - 25);
}

// FPRoundBase for a half-precision result (FZ16 is ignored by FPRoundCV), on
// the exact double value v != 0.
uint64_t round_to_half(Env& env, double v, bool ahp) {
  const Rounding r = env.rounding();
  const bool sign = std::signbit(v);
  double mantissa = std::fabs(v);
  int exponent = 0;
  mantissa = std::frexp(mantissa, &exponent);  // [0.5, 1)
  mantissa *= 2;
  exponent -= 1;  // mantissa in [1, 2): v = mantissa * 2^exponent.
  constexpr int kMinExp = -14;
  int biased_exp;
  if (exponent < kMinExp) {
    biased_exp = 0;
    mantissa = std::ldexp(mantissa, exponent - kMinExp);
  } else {
    biased_exp = exponent - kMinExp + 1;
  }
  // < 2^10 when denormal, else in [2^10, 2^11) with the implicit bit.
  double int_mant = std::floor(std::ldexp(mantissa, 10));
  const double error = std::ldexp(mantissa, 10) - int_mant;
  if (biased_exp == 0 && error != 0) env.flags |= kUfc;
  bool up = false, overflow_to_inf = false;
  switch (r) {
    case Rounding::kTieEven:
      up = error > 0.5 || (error == 0.5 && std::fmod(int_mant, 2.0) != 0);
      overflow_to_inf = true;
      break;
    case Rounding::kTieAway:  // Not an FPCR mode; FPConvert never asks for it.
      up = error >= 0.5;
      overflow_to_inf = true;
      break;
    case Rounding::kPosInf:
      up = error != 0 && !sign;
      overflow_to_inf = !sign;
      break;
    case Rounding::kNegInf:
      up = error != 0 && sign;
      overflow_to_inf = sign;
      break;
    case Rounding::kZero:
      break;
  }
  if (up) {
    int_mant += 1;
    if (int_mant == 1024) biased_exp = 1;  // Rounded up from denormal to normal.
    if (int_mant == 2048) {
      biased_exp += 1;
      int_mant = 1024;
    }
  }
  const uint64_t s = uint64_t{sign} << 15;
  const uint64_t mant = static_cast<uint64_t>(int_mant) & 0x3FF;
  if (!ahp) {
    if (biased_exp >= 31) {
      env.flags |= kOfc | kIxc;
      return s | (overflow_to_inf ? 0x7C00 : 0x7BFF);
    }
  } else if (biased_exp >= 32) {
    env.flags |= kIoc;  // No Inexact.
    return s | 0x7FFF;
  }
  if (error != 0) env.flags |= kIxc;
  return s | (static_cast<uint64_t>(biased_exp) << 10) | mant;
}

template <class T>
uint64_t from_half(Env& env, uint64_t a) {
  Type t;
  const double v = half_value(a, env.ahp(), t);
  if (t == Type::kQNaN || t == Type::kSNaN) {
    if (t == Type::kSNaN) env.flags |= kIoc;
    return env.dn() ? F<T>::kDefaultNaN : convert_nan(F<T>::N, 16, a);
  }
  return F<T>::bits(static_cast<T>(v));  // Exact, and never tiny.
}

template <class T>
uint64_t to_half(Env& env, uint64_t a) {
  const Operand<T> x = unpack<T>(env, a);
  const bool ahp = env.ahp();
  const uint64_t s = uint64_t{x.sign()} << 15;
  if (F<T>::is_nan(x.type)) {
    if (x.type == Type::kSNaN || ahp) env.flags |= kIoc;
    if (ahp) return s;
    return env.dn() ? 0x7E00 : convert_nan(16, F<T>::N, a);
  }
  if (x.type == Type::kInfinity) {
    if (!ahp) return s | 0x7C00;
    env.flags |= kIoc;
    return s | 0x7FFF;
  }
  if (x.type == Type::kZero) return s;
  return round_to_half(env, static_cast<double>(x.value()), ahp);
}

uint64_t single_to_double(Env& env, uint64_t a) {
  const Operand<float> x = unpack<float>(env, a);
  if (F<float>::is_nan(x.type)) {
    if (x.type == Type::kSNaN) env.flags |= kIoc;
    return env.dn() ? F<double>::kDefaultNaN : convert_nan(64, 32, a);
  }
  return F<double>::bits(static_cast<double>(x.value()));  // Exact.
}

uint64_t double_to_single(Env& env, uint64_t a) {
  const Operand<double> x = unpack<double>(env, a);
  if (F<double>::is_nan(x.type)) {
    if (x.type == Type::kSNaN) env.flags |= kIoc;
    return env.dn() ? F<float>::kDefaultNaN : convert_nan(32, 64, a);
  }
  auto run = [&](Rounding r, int& flags) {
    return on_host<float>(r, flags, [&] {
      volatile double vx = x.value();
      return static_cast<float>(vx);
    });
  };
  int flags = 0;
  const float r = run(env.rounding(), flags);
  return finish<float>(env, r, flags, [&] {
    int ignored;
    return run(Rounding::kZero, ignored);
  });
}

}  // namespace

uint64_t add(Env& env, unsigned n, uint64_t a, uint64_t b) {
  auto op = [](auto x, auto y) { return x + y; };
  return n == 32 ? arith2<float>(env, a, b, op) : arith2<double>(env, a, b, op);
}

uint64_t sub(Env& env, unsigned n, uint64_t a, uint64_t b) {
  auto op = [](auto x, auto y) { return x - y; };
  return n == 32 ? arith2<float>(env, a, b, op) : arith2<double>(env, a, b, op);
}

uint64_t mul(Env& env, unsigned n, uint64_t a, uint64_t b) {
  auto op = [](auto x, auto y) { return x * y; };
  return n == 32 ? arith2<float>(env, a, b, op) : arith2<double>(env, a, b, op);
}

uint64_t div(Env& env, unsigned n, uint64_t a, uint64_t b) {
  auto op = [](auto x, auto y) { return x / y; };
  return n == 32 ? arith2<float>(env, a, b, op) : arith2<double>(env, a, b, op);
}

uint64_t mul_add(Env& env, unsigned n, uint64_t addend, uint64_t a, uint64_t b) {
  return n == 32 ? mul_add_t<float>(env, addend, a, b) : mul_add_t<double>(env, addend, a, b);
}

uint64_t sqrt(Env& env, unsigned n, uint64_t a) {
  return n == 32 ? sqrt_t<float>(env, a) : sqrt_t<double>(env, a);
}

uint64_t max(Env& env, unsigned n, uint64_t a, uint64_t b) {
  return n == 32 ? max_min_t<float>(env, a, b, true) : max_min_t<double>(env, a, b, true);
}

uint64_t min(Env& env, unsigned n, uint64_t a, uint64_t b) {
  return n == 32 ? max_min_t<float>(env, a, b, false) : max_min_t<double>(env, a, b, false);
}

uint64_t max_num(Env& env, unsigned n, uint64_t a, uint64_t b) {
  return n == 32 ? max_min_num_t<float>(env, a, b, true) : max_min_num_t<double>(env, a, b, true);
}

uint64_t min_num(Env& env, unsigned n, uint64_t a, uint64_t b) {
  return n == 32 ? max_min_num_t<float>(env, a, b, false) : max_min_num_t<double>(env, a, b, false);
}

unsigned compare(Env& env, unsigned n, uint64_t a, uint64_t b, bool signal_nans) {
  return n == 32 ? compare_t<float>(env, a, b, signal_nans)
                 : compare_t<double>(env, a, b, signal_nans);
}

uint64_t round_int(Env& env, unsigned n, uint64_t a, Rounding r, bool exact) {
  return n == 32 ? round_int_t<float>(env, a, r, exact) : round_int_t<double>(env, a, r, exact);
}

uint64_t to_fixed(Env& env, unsigned n, uint64_t a, unsigned fbits, bool is_unsigned,
                  unsigned out_bits, Rounding r) {
  return n == 32 ? to_fixed_t<float>(env, a, fbits, is_unsigned, out_bits, r)
                 : to_fixed_t<double>(env, a, fbits, is_unsigned, out_bits, r);
}

uint64_t from_fixed(Env& env, unsigned n, uint64_t x, unsigned in_bits, unsigned fbits,
                    bool is_unsigned) {
  return n == 32 ? from_fixed_t<float>(env, x, in_bits, fbits, is_unsigned)
                 : from_fixed_t<double>(env, x, in_bits, fbits, is_unsigned);
}

uint64_t convert(Env& env, unsigned to_n, unsigned from_n, uint64_t a) {
  if (from_n == 16) return to_n == 32 ? from_half<float>(env, a) : from_half<double>(env, a);
  if (to_n == 16) return from_n == 32 ? to_half<float>(env, a) : to_half<double>(env, a);
  return to_n == 64 ? single_to_double(env, a) : double_to_single(env, a);
}

}  // namespace el2::fp
