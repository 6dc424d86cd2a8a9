#include "stubs/checker.h"

#include <fmt/format.h>

#include "exceptions/exception.h"
#include "stubs/disasm.h"
#include "stubs/hyp_abi.h"

namespace el2::stubs {

namespace {

constexpr uint64_t kVbarMask = ~uint64_t{0x7ff};
constexpr uint64_t kSctlrM = 1;
constexpr uint64_t kHcrE2h = uint64_t{1} << 34;
constexpr uint64_t kHcrTge = uint64_t{1} << 27;
// SPSR bits a return must restore: N Z C V, UAO PAN SS IL, SSBS, D A I F, M[4:0].
constexpr uint64_t kPstateBits = 0xF0F0'13DF;
constexpr uint64_t kDaifBits = 0x3C0;

struct Fail {
  std::string reg;
  bool has_values = false;
  uint64_t expected = 0, actual = 0;
  std::string note;
};
using Outcome = std::optional<std::vector<Fail>>;  // nullopt: does not apply here.

Fail note_fail(std::string note) {
  Fail f;
  f.note = std::move(note);
  return f;
}

Fail value_fail(std::string reg, uint64_t expected, uint64_t actual, std::string note = {}) {
  return Fail{std::move(reg), true, expected, actual, std::move(note)};
}

// EL1 (and EL0) system registers a stub call must leave alone.
struct SysregView {
  const char* name;
  uint64_t (*get)(const CpuState&);
};
constexpr SysregView kEl1Sysregs[] = {
    {"SCTLR_EL1", [](const CpuState& s) { return s.sys.sctlr[1]; }},
    {"ACTLR_EL1", [](const CpuState& s) { return s.sys.actlr[1]; }},
    {"CPACR_EL1", [](const CpuState& s) { return s.sys.cpacr_el1; }},
    {"TCR_EL1", [](const CpuState& s) { return s.sys.tcr[1]; }},
    {"TTBR0_EL1", [](const CpuState& s) { return s.sys.ttbr0[1]; }},
    {"TTBR1_EL1", [](const CpuState& s) { return s.sys.ttbr1_el1; }},
    {"MAIR_EL1", [](const CpuState& s) { return s.sys.mair[1]; }},
    {"AMAIR_EL1", [](const CpuState& s) { return s.sys.amair[1]; }},
    {"VBAR_EL1", [](const CpuState& s) { return s.sys.vbar[1]; }},
    {"TPIDR_EL1", [](const CpuState& s) { return s.sys.tpidr[1]; }},
    {"TPIDR_EL0", [](const CpuState& s) { return s.sys.tpidr[0]; }},
    {"TPIDRRO_EL0", [](const CpuState& s) { return s.sys.tpidrro_el0; }},
    {"CONTEXTIDR_EL1", [](const CpuState& s) { return s.sys.contextidr_el1; }},
    {"ELR_EL1", [](const CpuState& s) { return s.elr_el[1]; }},
    {"SPSR_EL1", [](const CpuState& s) { return s.spsr_el[1]; }},
    {"ESR_EL1", [](const CpuState& s) { return s.sys.esr[1]; }},
    {"FAR_EL1", [](const CpuState& s) { return s.sys.far[1]; }},
    {"AFSR0_EL1", [](const CpuState& s) { return s.sys.afsr0[1]; }},
    {"AFSR1_EL1", [](const CpuState& s) { return s.sys.afsr1[1]; }},
    {"PAR_EL1", [](const CpuState& s) { return s.sys.par_el1; }},
    {"MDSCR_EL1", [](const CpuState& s) { return s.sys.mdscr_el1; }},
    {"CNTKCTL_EL1", [](const CpuState& s) { return s.sys.cntkctl_el1; }},
    {"CSSELR_EL1", [](const CpuState& s) { return s.sys.csselr_el1; }},
};

bool aligned_2k(uint64_t a) { return (a & 0x7ff) == 0; }

// "rule-id: reg expected .., got .. (note)" for a call's verdict.
std::string short_failure(const Rule& r, const Violation& v) {
  std::string s(r.id);
  if (!v.reg.empty()) s += ": " + v.reg;
  if (v.has_values) s += fmt::format(" expected {:#x}, got {:#x}", v.expected, v.actual);
  if (!v.note.empty()) s += " (" + v.note + ")";
  return s;
}

}  // namespace

// Everything one evaluation looks at.
struct Checker::Ctx {
  const Call& c;
  Event ev;
  const CpuState& now;  // Registers at the return / arrival.
  uint64_t pstate;      // PSTATE there, as an SPSR image.
  uint64_t stub_base;

  const CpuState& b() const { return c.before; }
  bool finalised() const {  // FINALISE_EL2 took the caller to EL2.
    return c.fn == Fn::kFinaliseEl2 && ((pstate >> 2) & 3) == 2;
  }

  Outcome run(const Rule& r) const {
    const bool returned = ev == Event::kReturned;
    const bool arrived = ev == Event::kArrived;
    const bool never = ev == Event::kNeverBack;
    std::vector<Fail> f;
    switch (r.check) {
      case Check::kVectorsAligned:
      case Check::kCallerVectorsAligned:
        return std::nullopt;  // Evaluated at load / at the call.
      case Check::kReturns:
        if (never) f.push_back(note_fail("the call never came back to EL1"));
        return f;
      case Check::kReturnAddress:
        if (!returned) return std::nullopt;
        if (now.pc != c.hvc_pc + 4) f.push_back(value_fail("PC", c.hvc_pc + 4, now.pc));
        return f;
      case Check::kReturnPstate: {
        if (!returned) return std::nullopt;
        const uint64_t mask = finalised() ? kPstateBits & ~uint64_t{0xF} : kPstateBits;
        if ((pstate & mask) != (c.caller_spsr & mask))
          f.push_back(value_fail("PSTATE", c.caller_spsr & mask, pstate & mask,
                                 "as SPSR images (NZCV/UAO/PAN/SS/IL/SSBS/DAIF/M)"));
        return f;
      }
      case Check::kReturnValue:
        if (!returned) return std::nullopt;
        if (now.x[0] != 0 && now.x[0] != HVC_STUB_ERR)
          f.push_back(value_fail("x0", HVC_STUB_ERR, now.x[0], "neither 0 nor HVC_STUB_ERR"));
        return f;
      case Check::kPreservedGprs:
        if (!returned) return std::nullopt;
        for (unsigned i = r.lo; i <= r.hi && i < 31; ++i)
          if (now.x[i] != b().x[i]) f.push_back(value_fail(fmt::format("x{}", i), b().x[i], now.x[i]));
        return f;
      case Check::kPreservedSpEl0:
        if (!returned) return std::nullopt;
        if (now.sp_el[0] != b().sp_el[0]) f.push_back(value_fail("SP_EL0", b().sp_el[0], now.sp_el[0]));
        return f;
      case Check::kPreservedSpEl1:
        if (!returned) return std::nullopt;
        if (now.sp_el[1] != b().sp_el[1]) f.push_back(value_fail("SP_EL1", b().sp_el[1], now.sp_el[1]));
        return f;
      case Check::kPreservedEl1Sysregs:
        // A successful FINALISE_EL2 moves the EL1 context to EL2 and resets
        // SCTLR_EL12 (facts A.5 step 5): finalise.context covers it.
        if (!returned || finalised()) return std::nullopt;
        for (const SysregView& v : kEl1Sysregs)
          if (v.get(now) != v.get(b())) f.push_back(value_fail(v.name, v.get(b()), v.get(now)));
        return f;
      case Check::kPreservedFpSimd:
        if (!returned) return std::nullopt;
        for (unsigned i = 0; i < 32; ++i) {
          if (now.v[i].lo != b().v[i].lo)
            f.push_back(value_fail(fmt::format("V{}[63:0]", i), b().v[i].lo, now.v[i].lo));
          if (now.v[i].hi != b().v[i].hi)
            f.push_back(value_fail(fmt::format("V{}[127:64]", i), b().v[i].hi, now.v[i].hi));
        }
        if (now.fpcr != b().fpcr) f.push_back(value_fail("FPCR", b().fpcr, now.fpcr));
        if (now.fpsr != b().fpsr) f.push_back(value_fail("FPSR", b().fpsr, now.fpsr));
        return f;
      case Check::kUnknownIsError:
        if (!returned) return std::nullopt;
        if (now.x[0] != HVC_STUB_ERR) f.push_back(value_fail("x0", HVC_STUB_ERR, now.x[0]));
        return f;
      case Check::kSetVectorsVbar:
        // Only defined for the arguments the caller may pass (caller rule).
        if (!returned || !c.caller_ok) return std::nullopt;
        if (now.sys.vbar[2] != b().x[1]) f.push_back(value_fail("VBAR_EL2", b().x[1], now.sys.vbar[2]));
        return f;
      case Check::kSuccess:
        if (!returned || !c.caller_ok) return std::nullopt;
        if (now.x[0] != 0) f.push_back(value_fail("x0", 0, now.x[0]));
        return f;
      case Check::kResetRestores:
        if (!returned) return std::nullopt;
        if ((now.sys.vbar[2] & kVbarMask) != (stub_base & kVbarMask))
          f.push_back(value_fail("VBAR_EL2", stub_base & kVbarMask, now.sys.vbar[2],
                                 c.stub_answered ? "" : "answered by another table (forwarded)"));
        return f;
      case Check::kResetMmuOff:
        if (!returned) return std::nullopt;
        if (now.sys.sctlr[2] & kSctlrM) f.push_back(value_fail("SCTLR_EL2.M", 0, 1));
        return f;
      case Check::kRestartNoReturn:
        if (returned) f.push_back(value_fail("PC", c.before.x[1], now.pc, "came back to the caller at EL1"));
        if (never) return std::nullopt;
        return f;
      case Check::kRestartArrives:
        if (never) f.push_back(note_fail(fmt::format("never reached x1 = {:#x}", c.before.x[1])));
        if (arrived && ((pstate >> 2) & 3) != 2)
          f.push_back(value_fail("CurrentEL", 2, (pstate >> 2) & 3, "arrived below EL2"));
        if (returned) return std::nullopt;
        return f;
      case Check::kRestartArgs:
        if (!arrived) return std::nullopt;
        for (unsigned i = 0; i < 3; ++i)
          if (now.x[i] != b().x[i + 2])
            f.push_back(value_fail(fmt::format("x{}", i), b().x[i + 2], now.x[i],
                                   fmt::format("should be the caller's x{}", i + 2)));
        return f;
      case Check::kRestartMasked:
        if (!arrived) return std::nullopt;
        if ((pstate & kDaifBits) != kDaifBits) f.push_back(value_fail("PSTATE.DAIF", kDaifBits, pstate & kDaifBits));
        return f;
      case Check::kRestartMmuOff:
        if (!arrived) return std::nullopt;
        if (now.sys.sctlr[2] & kSctlrM) f.push_back(value_fail("SCTLR_EL2.M", 0, 1));
        return f;
      case Check::kFinaliseOutcome: {
        if (!returned) return std::nullopt;
        const uint64_t el = (pstate >> 2) & 3;
        if (!((now.x[0] == 0 && el == 2) || (now.x[0] == HVC_STUB_ERR && el == 1)))
          f.push_back(value_fail("x0", el == 2 ? 0 : HVC_STUB_ERR, now.x[0],
                                 fmt::format("caller now at EL{}", el)));
        return f;
      }
      case Check::kFinaliseContext: {
        if (!returned || !finalised()) return std::nullopt;
        const auto want = [&](const char* n, uint64_t e, uint64_t a) {
          if (e != a) f.push_back(value_fail(n, e, a));
        };
        want("HCR_EL2.{E2H,TGE}", kHcrE2h | kHcrTge, now.sys.hcr_el2 & (kHcrE2h | kHcrTge));
        want("VBAR_EL2", b().sys.vbar[1], now.sys.vbar[2]);
        want("TTBR0_EL2", b().sys.ttbr0[1], now.sys.ttbr0[2]);
        want("TTBR1_EL2", b().sys.ttbr1_el1, now.sys.ttbr1_el2);
        want("TCR_EL2", b().sys.tcr[1], now.sys.tcr[2]);
        want("MAIR_EL2", b().sys.mair[1], now.sys.mair[2]);
        want("SP_EL2", b().sp_el[1], now.sp_el[2]);
        return f;
      }
    }
    return std::nullopt;
  }
};

Checker::Checker(const Contract& contract, Symbolizer symbolize, CheckerOptions options)
    : contract_(contract), symbolize_(std::move(symbolize)), options_(options) {
  for (const Rule& r : contract_.rules) {
    RuleResult res;
    res.rule = &r;
    results_.push_back(std::move(res));
  }
}

RuleResult& Checker::result_for(const Rule& r) {
  for (RuleResult& res : results_)
    if (res.rule == &r) return res;
  throw std::logic_error("rule not in contract");
}

bool Checker::all_passed() const {
  for (const RuleResult& r : results_)
    if (!r.passed()) return false;
  return true;
}

void Checker::set_stub_vectors(uint64_t addr) {
  stub_vectors_ = addr;
  for (const Rule& r : contract_.rules) {
    if (r.check != Check::kVectorsAligned) continue;
    RuleResult& res = result_for(r);
    ++res.checked;
    const uint64_t align = contract_.isa == Isa::kAArch32 ? 32 : 2048;
    if (addr % align)
{
      Violation v;
      v.reg = "__hyp_stub_vectors";
      v.has_values = true;
      v.expected = addr & ~(align - 1);
      v.actual = addr;
      v.pc = addr;
      v.symbol = symbolize_(addr);
      v.note = "VBAR_EL2 drops the low bits: the HVC lands elsewhere";
      res.violations.push_back(std::move(v));
    }
  }
}

Violation Checker::evidence(const Cpu& cpu, const Call& c) const {
  Violation v;
  v.call = c.seq;
  v.what = c.what;
  v.pc = c.hvc_pc;
  v.symbol = symbolize_(c.hvc_pc);
  v.disasm = disassemble_at(cpu, c.hvc_pc);
  return v;
}

void Checker::begin_call(Cpu& cpu) {
  const CpuState& s = cpu.state();
  if (!stub_vectors_) set_stub_vectors(s.sys.vbar[2]);
  Call c;
  c.seq = ++calls_;
  c.before = s;
  c.fn = contract_.classify(s.x[0]);
  c.hvc_pc = s.elr_el[2] - 4;
  c.caller_spsr = s.spsr_el[2];
  c.stub_answered = (s.sys.vbar[2] & kVbarMask) == (*stub_vectors_ & kVbarMask);
  if (c.stub_answered) ++calls_to_stub_;
  c.what = c.fn == Fn::kOther ? fmt::format("x0={:#x}", s.x[0])
                              : fmt::format("{}(x1={:#x})", fn_name(c.fn), s.x[1]);
  // Caller rules are preconditions, judged at the call.
  for (const Rule& r : contract_.rules) {
    if (r.party != Party::kCaller || !(r.fns & fn_bit(c.fn))) continue;
    if (r.check != Check::kCallerVectorsAligned) continue;
    RuleResult& res = result_for(r);
    ++res.checked;
    ++c.verdict.rules;
    if (aligned_2k(s.x[1])) continue;
    c.caller_ok = false;
    if (options_.probing_driver) {
      ++res.probed;
    } else {
      Violation v = evidence(cpu, c);
      v.reg = "x1";
      v.has_values = true;
      v.expected = s.x[1] & kVbarMask;
      v.actual = s.x[1];
      c.verdict.failures.push_back(short_failure(r, v));
      res.violations.push_back(std::move(v));
    }
  }
  if (options_.trace)
    fmt::print(options_.trace, "  call #{}: {} from {:#x} <{}> -> {}\n", c.seq, c.what, c.hvc_pc,
               symbolize_(c.hvc_pc), c.stub_answered ? "stub" : "another table");
  pending_ = std::move(c);
}

void Checker::evaluate(const Cpu& cpu, Event ev, const CpuState& now, uint64_t now_spsr) {
  Call& c = *pending_;
  const Ctx ctx{c, ev, now, now_spsr, stub_vectors_.value_or(0)};
  for (const Rule& r : contract_.rules) {
    if (r.party != Party::kStub || !(r.fns & fn_bit(c.fn))) continue;
    if (r.scope == Scope::kStubVectors && !c.stub_answered) continue;
    const Outcome out = ctx.run(r);
    if (!out) continue;
    RuleResult& res = result_for(r);
    ++res.checked;
    ++c.verdict.rules;
    for (const Fail& f : *out) {
      Violation v = evidence(cpu, c);
      v.reg = f.reg;
      v.has_values = f.has_values;
      v.expected = f.expected;
      v.actual = f.actual;
      v.note = f.note;
      if (ev == Event::kNeverBack) {
        v.note += fmt::format("{}core stopped at EL{} {:#x} <{}> `{}`", v.note.empty() ? "" : "; ",
                              now.pstate.el, now.pc, symbolize_(now.pc), disassemble_at(cpu, now.pc));
        for (const std::string& in : c.inside) v.note += "; inside the stub: " + in;
      }
      c.verdict.failures.push_back(short_failure(r, v));
      res.violations.push_back(std::move(v));
    }
  }
  if (options_.trace)
    fmt::print(options_.trace, "    -> {} x0={:#x} at EL{} {:#x}\n",
               ev == Event::kReturned ? "returned" : ev == Event::kArrived ? "arrived" : "lost",
               now.x[0], (now_spsr >> 2) & 3, now.pc);
  if (listener_) {
    c.verdict.call = c.seq;
    c.verdict.what = c.what;
    c.verdict.outcome = ev == Event::kReturned  ? "returned"
                        : ev == Event::kArrived ? "arrived"
                                                : "lost";
    listener_(cpu, c.verdict);
  }
  pending_.reset();
}

void Checker::on_exception(Cpu& cpu, const Exception& e, const ExceptionEntry& entry) {
  const CpuState& s = cpu.state();
  if (pending_ && pending_->fn == Fn::kSoftRestart) {
    // The restart target trapping on its first instruction (check-stub's
    // driver does this on purpose) shows the state it was entered with.
    const uint64_t x1 = pending_->before.x[1];
    if (entry.from_el >= 2 && (e.preferred_return == x1 || e.preferred_return == x1 + 4)) {
      CpuState now = s;
      now.pc = x1;
      evaluate(cpu, Event::kArrived, now, s.spsr_el[entry.to_el]);
      return;
    }
  }
  const bool hvc_from_el1 = entry.from_el == 1 && entry.to_el == 2 &&
                            e.kind == ExceptionKind::kSync && syn::ec_of(e.esr) == ExceptionClass::kHvc64;
  if (hvc_from_el1) {
    if (pending_ && pending_->fn == Fn::kSoftRestart && !options_.restart_target_traps)
      pending_.reset();  // A branch-style restart we could not see arrive.
    if (!pending_) begin_call(cpu);
    return;
  }
  if (pending_ && entry.from_el == 2)
    pending_->inside.push_back(fmt::format("{} at {:#x} <{}> `{}`", exception_class_name(syn::ec_of(e.esr)),
                                           e.preferred_return, symbolize_(e.preferred_return),
                                           disassemble_at(cpu, e.preferred_return)));
}

void Checker::on_exception_return(Cpu& cpu, const ExceptionReturn& ret) {
  if (!pending_ || ret.from_el != 2) return;
  const CpuState& s = cpu.state();
  const uint64_t spsr = pack_spsr(s.pstate);
  if (pending_->fn == Fn::kSoftRestart) {
    if (s.pc == pending_->before.x[1]) return evaluate(cpu, Event::kArrived, s, spsr);
    if (ret.to_el == 1 && s.pc == pending_->hvc_pc + 4) evaluate(cpu, Event::kReturned, s, spsr);
    return;
  }
  evaluate(cpu, Event::kReturned, s, spsr);
}

void Checker::finish(const Cpu& cpu) {
  if (!pending_) return;
  if (pending_->fn == Fn::kSoftRestart && !options_.restart_target_traps) {
    pending_.reset();  // Not observable without a trapping target.
    return;
  }
  evaluate(cpu, Event::kNeverBack, cpu.state(), pack_spsr(cpu.state().pstate));
}

}  // namespace el2::stubs
