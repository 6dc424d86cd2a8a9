#include "tools/trace/tracer.h"

#include <stdexcept>

#include <fmt/format.h>

#include "cpu/decoder.h"

namespace el2 {

namespace {

std::string json_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::array<uint64_t, 32> snapshot(const Cpu& cpu) {
  std::array<uint64_t, 32> r{};
  for (unsigned i = 0; i < 31; ++i) r[i] = cpu.state().x[i];
  r[31] = cpu.state().sp();
  return r;
}

std::string reg_name(unsigned i) { return i == 31 ? "sp" : fmt::format("x{}", i); }

}  // namespace

void parse_trace_kinds(const std::string& spec, TraceOptions& o) {
  size_t start = 0;
  while (start <= spec.size()) {
    const size_t comma = spec.find(',', start);
    const std::string kind = spec.substr(start, comma == std::string::npos ? comma : comma - start);
    if (kind == "insn") {
      o.insns = true;
    } else if (kind == "exc" || kind == "hvc" || kind == "smc" || kind == "el") {
      o.exceptions = true;
    } else if (kind == "all") {
      o.insns = o.exceptions = true;
    } else {
      throw std::invalid_argument(fmt::format("unknown trace kind '{}' (insn, exc, all)", kind));
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
}

Tracer::Tracer(const Machine& machine, std::FILE* out, TraceOptions options)
    : machine_(machine),
      out_(out),
      options_(options),
      decoder_(std::make_unique<Decoder>(machine.model())) {}

Tracer::~Tracer() = default;

void Tracer::attach(Cpu& cpu) {
  if (last_regs_.size() <= cpu.core_index()) last_regs_.resize(cpu.core_index() + 1);
  last_regs_[cpu.core_index()] = snapshot(cpu);
  if (options_.insns) cpu.set_insn_observer(this);
  if (options_.exceptions) cpu.add_observer(this);
}

std::string Tracer::symbol(uint64_t addr) const { return machine_.symbolize(addr); }

bool Tracer::selected(const Cpu& cpu, uint64_t pc) const {
  if (options_.only_core && cpu.core_index() != *options_.only_core) return false;
  if (options_.only_el && cpu.state().pstate.el != *options_.only_el) return false;
  if (machine_.total_insns() < options_.after) return false;
  return pc >= options_.range_lo && pc <= options_.range_hi;
}

void Tracer::on_insn(Cpu& cpu, uint64_t pc, uint32_t insn) {
  auto& last = last_regs_.at(cpu.core_index());
  const auto now = snapshot(cpu);
  if (selected(cpu, pc)) {
    std::string changes;
    for (unsigned i = 0; i < 32; ++i) {
      if (now[i] == last[i]) continue;
      if (options_.jsonl)
        changes += fmt::format("{}\"{}\":\"{:#x}\"", changes.empty() ? "" : ",", reg_name(i), now[i]);
      else
        changes += fmt::format(" {}={:#x}", reg_name(i), now[i]);
    }
    const std::string text = disasm_.disassemble(insn, pc, decoder_.get());
    const std::string sym = symbol(pc);
    if (options_.jsonl)
      fmt::print(out_,
                 "{{\"type\":\"insn\",\"core\":{},\"el\":{},\"pc\":\"{:#x}\",\"sym\":\"{}\","
                 "\"insn\":\"{:#010x}\",\"asm\":\"{}\",\"regs\":{{{}}},\"count\":{}}}\n",
                 cpu.core_index(), cpu.state().pstate.el, pc, json_escape(sym), insn,
                 json_escape(text), changes, cpu.insn_count());
    else
      fmt::print(out_, "[{}] EL{} {:#018x} {:<24} {:08x}  {:<40}{}\n", cpu.core_index(),
                 cpu.state().pstate.el, pc, sym.empty() ? "" : "<" + sym + ">", insn, text, changes);
  }
  last = now;
}

void Tracer::on_exception(Cpu& cpu, const Exception& e, const ExceptionEntry& entry) {
  if (!selected(cpu, e.preferred_return) && !selected(cpu, entry.vector)) return;
  static const char* const kKinds[] = {"sync", "irq", "fiq", "serror"};
  const bool sync = e.kind == ExceptionKind::kSync;
  const std::string cls = sync ? exception_class_name(syn::ec_of(e.esr)) : kKinds[int(e.kind)];
  if (options_.jsonl)
    fmt::print(out_,
               "{{\"type\":\"exception\",\"core\":{},\"kind\":\"{}\",\"class\":\"{}\","
               "\"esr\":\"{:#x}\",\"ec\":\"{:#x}\",\"iss\":\"{:#x}\",\"far\":\"{:#x}\","
               "\"elr\":\"{:#x}\",\"from_el\":{},\"to_el\":{},\"vector\":\"{:#x}\","
               "\"vector_sym\":\"{}\",\"x0\":\"{:#x}\",\"count\":{}}}\n",
               cpu.core_index(), kKinds[int(e.kind)], cls, e.esr,
               static_cast<unsigned>(syn::ec_of(e.esr)), syn::iss_of(e.esr),
               e.far_valid ? e.far : 0, e.preferred_return, entry.from_el, entry.to_el,
               entry.vector, json_escape(symbol(entry.vector)), cpu.x(0), cpu.insn_count());
  else
    fmt::print(out_,
               "[{}] exception {} EL{}->EL{} ESR={:#x} (EC {:#x} ISS {:#x}){} ELR={:#x} <{}> "
               "vector {:#x} <{}>\n",
               cpu.core_index(), cls, entry.from_el, entry.to_el, e.esr,
               static_cast<unsigned>(syn::ec_of(e.esr)), syn::iss_of(e.esr),
               e.far_valid ? fmt::format(" FAR={:#x}", e.far) : "", e.preferred_return,
               symbol(e.preferred_return), entry.vector, symbol(entry.vector));
}

void Tracer::on_exception_return(Cpu& cpu, const ExceptionReturn& r) {
  const uint64_t pc = cpu.state().pc;
  if (!selected(cpu, pc)) return;
  if (options_.jsonl)
    fmt::print(out_,
               "{{\"type\":\"eret\",\"core\":{},\"from_el\":{},\"to_el\":{},\"illegal\":{},"
               "\"pc\":\"{:#x}\",\"sym\":\"{}\",\"x0\":\"{:#x}\",\"count\":{}}}\n",
               cpu.core_index(), r.from_el, r.to_el, r.illegal ? "true" : "false", pc,
               json_escape(symbol(pc)), cpu.x(0), cpu.insn_count());
  else
    fmt::print(out_, "[{}] eret EL{}->EL{}{} to {:#x} <{}> x0={:#x}\n", cpu.core_index(),
               r.from_el, r.to_el, r.illegal ? " (illegal return)" : "", pc, symbol(pc), cpu.x(0));
}

}  // namespace el2
