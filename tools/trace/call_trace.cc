// Calls across ELs: `hvc` and `smc` (taken as exceptions: x0..x7 at the call,
// x0..x3 at the ERET back, the ABI checker's verdict with --check-abi) and
// `psci` (answered by the built-in firmware, no exception taken).
#include <fmt/format.h>

#include <cstring>

#include "tools/trace/json_line.h"
#include "tools/trace/tracer.h"

namespace el2 {

namespace {

// The SMCCC/PSCI function x0 names, or "" (stub hypercalls, hypervisor calls).
std::string function_name(uint64_t x0) {
  const char* name = psci_function_name(static_cast<uint32_t>(x0));
  return std::strcmp(name, "UNKNOWN") == 0 ? "" : name;
}

std::string regs_text(const Cpu& cpu, unsigned n) {
  std::string s;
  for (unsigned i = 0; i < n; ++i) s += fmt::format(" x{}={:#x}", i, cpu.x(i));
  return s;
}

std::vector<uint64_t> regs(const Cpu& cpu, unsigned n) {
  std::vector<uint64_t> v;
  for (unsigned i = 0; i < n; ++i) v.push_back(cpu.x(i));
  return v;
}

}  // namespace

void Tracer::call_entry(Cpu& cpu, const Exception& e, const ExceptionEntry& entry,
                        OpenException& open) {
  if (e.kind != ExceptionKind::kSync) return;
  const ExceptionClass ec = syn::ec_of(e.esr);
  const bool hvc = ec == ExceptionClass::kHvc64 && options_.hvc;
  const bool smc = ec == ExceptionClass::kSmc64 && options_.smc;
  if (!hvc && !smc) return;
  open.kind = hvc ? OpenException::kHvc : OpenException::kSmc;
  open.id = ++core(cpu).calls;
  // HVC and SMC return after the instruction; an SMC trapped to EL2
  // (HCR_EL2.TSC) has the SMC itself as its preferred return address.
  const bool trapped = smc && entry.to_el == 2;
  const uint64_t pc = trapped ? e.preferred_return : e.preferred_return - 4;
  if (!selected(cpu, pc) && !selected(cpu, entry.vector)) return;
  const char* type = hvc ? "hvc" : "smc";
  const unsigned imm = syn::iss_of(e.esr) & 0xFFFF;
  const std::string fn = function_name(cpu.x(0));
  if (options_.jsonl) {
    JsonLine j(type);
    j.str("phase", "call").num("core", cpu.core_index()).num("id", open.id).hex("imm", imm);
    j.num("from_el", entry.from_el).num("to_el", entry.to_el).hex("pc", pc).str("sym", symbol(pc));
    if (!fn.empty()) j.str("fn", fn);
    j.hex_list("x", regs(cpu, 8)).hex("vector", entry.vector);
    emit(j.num("count", cpu.insn_count()).line());
  } else {
    emit(fmt::format("[{}] {} #{:#x} call {} EL{}->EL{} at {:#x}{}{}{}\n", cpu.core_index(), type,
                     imm, open.id, entry.from_el, entry.to_el, pc, sym_text(pc),
                     fn.empty() ? "" : " " + fn, regs_text(cpu, 8)));
  }
}

void Tracer::call_return(Cpu& cpu, const ExceptionReturn& r, const OpenException& open) {
  const uint64_t pc = cpu.state().pc;
  if (!selected(cpu, pc)) return;
  const char* type = open.kind == OpenException::kHvc ? "hvc" : "smc";
  const auto& verdict = core(cpu).verdict;
  if (options_.jsonl) {
    JsonLine j(type);
    j.str("phase", "return").num("core", cpu.core_index()).num("id", open.id);
    j.num("from_el", r.from_el).num("to_el", r.to_el).hex("pc", pc).str("sym", symbol(pc));
    j.hex_list("x", regs(cpu, 4));
    if (verdict) j.raw("abi", verdict_json(*verdict));
    emit(j.num("count", cpu.insn_count()).line());
  } else {
    emit(fmt::format("[{}] {} return {} EL{}->EL{} to {:#x}{}{}{}\n", cpu.core_index(), type,
                     open.id, r.from_el, r.to_el, pc, sym_text(pc), regs_text(cpu, 4),
                     verdict ? " abi " + verdict_text(*verdict) : ""));
  }
}

void Tracer::on_abi_verdict(const Cpu& cpu, const stubs::CallVerdict& v) {
  if (!options_.hvc) return;
  CoreTrace& c = cores_.at(cpu.core_index());
  // The checker sees the ERET before the tracer does (it observes first), so
  // a returned call's HVC is still open here: its return event carries it.
  if (std::strcmp(v.outcome, "returned") == 0 && !c.open.empty() &&
      c.open.back().kind == OpenException::kHvc) {
    c.verdict = v;
    return;
  }
  const uint64_t pc = cpu.state().pc;
  if (!selected(cpu, pc)) return;
  if (options_.jsonl) {
    JsonLine j("abi");
    j.num("core", cpu.core_index()).raw("abi", verdict_json(v)).hex("pc", pc);
    emit(j.num("count", cpu.insn_count()).line());
  } else {
    emit(fmt::format("[{}] abi {}\n", cpu.core_index(), verdict_text(v)));
  }
}

std::string Tracer::verdict_json(const stubs::CallVerdict& v) const {
  std::string failures = "[";
  for (const std::string& f : v.failures)
    failures += (failures.size() > 1 ? ",\"" : "\"") + json_escape(f) + "\"";
  failures += "]";
  return fmt::format(
      "{{\"call\":{},\"what\":\"{}\",\"outcome\":\"{}\",\"rules\":{},\"passed\":{},"
      "\"failures\":{}}}",
      v.call, json_escape(v.what), v.outcome, v.rules, v.passed() ? "true" : "false", failures);
}

std::string Tracer::verdict_text(const stubs::CallVerdict& v) const {
  std::string s = fmt::format("call #{} {} {}: {} ({} rules)", v.call, v.what, v.outcome,
                              v.passed() ? "PASS" : "FAIL", v.rules);
  for (const std::string& f : v.failures) s += "; " + f;
  return s;
}

void Tracer::on_psci_call(const PsciCallEvent& e) {
  Cpu& cpu = machine_.cpu(e.core);
  const uint64_t pc = cpu.state().pc;
  if (!selected(cpu, pc)) return;
  const char* conduit = e.is_smc ? "smc" : "hvc";
  if (options_.jsonl) {
    JsonLine j("psci");
    j.num("core", e.core).str("fn", e.name).hex("fid", e.function_id).str("conduit", conduit);
    j.hex("imm", e.imm).hex_list("args", e.args).hex_list("result", e.result).hex("pc", pc);
    emit(j.num("count", cpu.insn_count()).line());
  } else {
    emit(fmt::format("[{}] psci {} ({:#x}) {} at {:#x}{} x1={:#x} x2={:#x} x3={:#x} -> x0={:#x}\n",
                     e.core, e.name, e.function_id, conduit, pc, sym_text(pc), e.args[0], e.args[1],
                     e.args[2], e.result[0]));
  }
}

}  // namespace el2
