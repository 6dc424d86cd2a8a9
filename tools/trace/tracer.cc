// The tracer's wiring (observers per kind), filters, and the instruction,
// exception, ERET, EL-change and IRQ-entry events.
#include "tools/trace/tracer.h"

#include <fmt/format.h>

#include <stdexcept>

#include "cpu/decoder.h"
#include "tools/trace/json_line.h"

namespace el2 {

namespace {

std::array<uint64_t, 32> snapshot(const Cpu& cpu) {
  std::array<uint64_t, 32> r{};
  for (unsigned i = 0; i < 31; ++i) r[i] = cpu.state().x[i];
  r[31] = cpu.state().sp();
  return r;
}

std::string reg_name(unsigned i) { return i == 31 ? "sp" : fmt::format("x{}", i); }

const char* const kExceptionKinds[] = {"sync", "irq", "fiq", "serror"};

}  // namespace

const char* const kTraceKinds = "insn, exc, hvc, smc, psci, mmu, tlbi, irq, el, all";

void parse_trace_kinds(const std::string& spec, TraceOptions& o) {
  size_t start = 0;
  while (start <= spec.size()) {
    const size_t comma = spec.find(',', start);
    const std::string kind = spec.substr(start, comma == std::string::npos ? comma : comma - start);
    bool* const flags[] = {&o.insns, &o.exceptions, &o.hvc, &o.smc, &o.psci,
                           &o.mmu,   &o.tlbi,       &o.irq, &o.el};
    static const char* const kNames[] = {"insn", "exc",  "hvc", "smc", "psci",
                                         "mmu",  "tlbi", "irq", "el"};
    bool known = kind == "all";
    for (size_t i = 0; i < std::size(kNames); ++i) {
      if (kind == kNames[i] || kind == "all") *flags[i] = true;
      known = known || kind == kNames[i];
    }
    if (!known)
      throw std::invalid_argument(fmt::format("unknown trace kind '{}' ({})", kind, kTraceKinds));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
}

Tracer::Tracer(Machine& machine, std::FILE* out, TraceOptions options)
    : machine_(machine),
      out_(out),
      options_(options),
      decoder_(std::make_unique<Decoder>(machine.model())),
      cores_(machine.core_count()) {}

void Tracer::attach(Cpu& cpu) {
  core(cpu).last_regs = snapshot(cpu);
  if (options_.insns) {
    cpu.set_insn_observer(this);
    cpu.add_access_observer(this);
  }
  if (options_.any_exception_kind()) cpu.add_observer(this);
  if (options_.mmu || options_.tlbi) cpu.set_system_observer(this);
}

void Tracer::attach_all() {
  for (unsigned i = 0; i < machine_.core_count(); ++i) attach(machine_.cpu(i));
  if (options_.irq) attach_gic_taps();
  if (options_.psci) {
    machine_.psci().add_observer(this);
    psci_attached_ = true;
  }
}

// The per-core observers stay: a tracer outlives the run it watched (the
// fuzzer's replay keeps tracers of machines it has already discarded).
Tracer::~Tracer() {
  detach_gic_taps();
  if (psci_attached_) machine_.psci().remove_observer(this);
  std::fflush(out_);
}

std::string Tracer::symbol(uint64_t addr) const { return machine_.symbolize(addr); }

std::string Tracer::sym_text(uint64_t addr) const {
  const std::string s = symbol(addr);
  return s.empty() ? "" : " <" + s + ">";
}

void Tracer::emit(const std::string& line) { std::fputs(line.c_str(), out_); }

bool Tracer::selected(const Cpu& cpu, uint64_t pc) const {
  if (options_.only_core && cpu.core_index() != *options_.only_core) return false;
  if (options_.only_el && cpu.state().pstate.el != *options_.only_el) return false;
  if (machine_.total_insns() < options_.after) return false;
  return pc >= options_.range_lo && pc <= options_.range_hi;
}

void Tracer::on_insn(Cpu& cpu, uint64_t pc, uint32_t insn) {
  CoreTrace& c = core(cpu);
  const auto now = snapshot(cpu);
  if (selected(cpu, pc)) {
    std::string changes;
    for (unsigned i = 0; i < 32; ++i) {
      if (now[i] == c.last_regs[i]) continue;
      if (options_.jsonl)
        changes +=
            fmt::format("{}\"{}\":\"{:#x}\"", changes.empty() ? "" : ",", reg_name(i), now[i]);
      else
        changes += fmt::format(" {}={:#x}", reg_name(i), now[i]);
    }
    const std::string text = disasm_.disassemble(insn, pc, decoder_.get());
    const std::string sym = symbol(pc);
    if (options_.jsonl) {
      JsonLine j("insn");
      j.num("core", cpu.core_index()).num("el", cpu.state().pstate.el).hex("pc", pc);
      j.str("sym", sym).raw("insn", fmt::format("\"{:#010x}\"", insn)).str("asm", text);
      j.raw("regs", "{" + changes + "}");
      if (!c.accesses.empty()) j.raw("mem", accesses_json(c));
      emit(j.num("count", cpu.insn_count()).line());
    } else {
      emit(fmt::format("[{}] EL{} {:#018x} {:<24} {:08x}  {:<40}{}{}\n", cpu.core_index(),
                       cpu.state().pstate.el, pc, sym.empty() ? "" : "<" + sym + ">", insn, text,
                       changes, accesses_text(c)));
    }
  }
  c.last_regs = now;
  c.accesses.clear();
  c.bytes.clear();
}

void Tracer::on_exception(Cpu& cpu, const Exception& e, const ExceptionEntry& entry) {
  CoreTrace& c = core(cpu);
  // Nested exceptions that never return (a restart, a panic) must not grow
  // the stack without bound; the oldest are the least likely to return.
  if (c.open.size() >= 64) c.open.erase(c.open.begin());
  c.open.push_back({.to_el = entry.to_el});
  call_entry(cpu, e, entry, c.open.back());
  if (options_.irq && (e.kind == ExceptionKind::kIrq || e.kind == ExceptionKind::kFiq))
    irq_entry(cpu, e, entry);
  const bool sync = e.kind == ExceptionKind::kSync;
  const std::string cls =
      sync ? exception_class_name(syn::ec_of(e.esr)) : kExceptionKinds[int(e.kind)];
  if (options_.el && entry.from_el != entry.to_el) el_change(cpu, entry.from_el, entry.to_el, cls);
  if (!options_.exceptions) return;
  if (!selected(cpu, e.preferred_return) && !selected(cpu, entry.vector)) return;
  if (options_.jsonl) {
    JsonLine j("exception");
    j.num("core", cpu.core_index()).str("kind", kExceptionKinds[int(e.kind)]).str("class", cls);
    j.hex("esr", e.esr).hex("ec", static_cast<unsigned>(syn::ec_of(e.esr)));
    j.hex("iss", syn::iss_of(e.esr)).hex("far", e.far_valid ? e.far : 0);
    j.hex("elr", e.preferred_return).num("from_el", entry.from_el).num("to_el", entry.to_el);
    j.hex("vector", entry.vector).str("vector_sym", symbol(entry.vector)).hex("x0", cpu.x(0));
    emit(j.num("count", cpu.insn_count()).line());
  } else {
    emit(
        fmt::format("[{}] exception {} EL{}->EL{} ESR={:#x} (EC {:#x} ISS {:#x}){} ELR={:#x} <{}> "
                    "vector {:#x} <{}>\n",
                    cpu.core_index(), cls, entry.from_el, entry.to_el, e.esr,
                    static_cast<unsigned>(syn::ec_of(e.esr)), syn::iss_of(e.esr),
                    e.far_valid ? fmt::format(" FAR={:#x}", e.far) : "", e.preferred_return,
                    symbol(e.preferred_return), entry.vector, symbol(entry.vector)));
  }
}

void Tracer::on_exception_return(Cpu& cpu, const ExceptionReturn& r) {
  CoreTrace& c = core(cpu);
  // Pair the ERET with the exception that entered its EL; an ERET with none
  // open (boot code dropping to a lower EL) pairs with nothing.
  std::optional<OpenException> paired;
  for (size_t i = c.open.size(); i-- > 0;)
    if (c.open[i].to_el == r.from_el) {
      paired = c.open[i];
      c.open.resize(i);
      break;
    }
  if (paired && paired->kind != OpenException::kOther) call_return(cpu, r, *paired);
  c.verdict.reset();
  if (options_.el && r.from_el != r.to_el)
    el_change(cpu, r.from_el, r.to_el, r.illegal ? "illegal eret" : "eret");
  const uint64_t pc = cpu.state().pc;
  if (!options_.exceptions || !selected(cpu, pc)) return;
  if (options_.jsonl) {
    JsonLine j("eret");
    j.num("core", cpu.core_index()).num("from_el", r.from_el).num("to_el", r.to_el);
    j.flag("illegal", r.illegal).hex("pc", pc).str("sym", symbol(pc)).hex("x0", cpu.x(0));
    emit(j.num("count", cpu.insn_count()).line());
  } else {
    emit(fmt::format("[{}] eret EL{}->EL{}{} to {:#x} <{}> x0={:#x}\n", cpu.core_index(), r.from_el,
                     r.to_el, r.illegal ? " (illegal return)" : "", pc, symbol(pc), cpu.x(0)));
  }
}

// `el`: the core is already at `to`, at the PC where execution continues.
void Tracer::el_change(Cpu& cpu, unsigned from, unsigned to, const std::string& cause) {
  const uint64_t pc = cpu.state().pc;
  if (!selected(cpu, pc)) return;
  if (options_.jsonl) {
    JsonLine j("el");
    j.num("core", cpu.core_index()).num("from_el", from).num("to_el", to).str("cause", cause);
    j.hex("pc", pc).str("sym", symbol(pc));
    emit(j.num("count", cpu.insn_count()).line());
  } else {
    emit(fmt::format("[{}] el EL{}->EL{} ({}) to {:#x}{}\n", cpu.core_index(), from, to, cause, pc,
                     sym_text(pc)));
  }
}

void Tracer::irq_entry(Cpu& cpu, const Exception& e, const ExceptionEntry& entry) {
  if (!selected(cpu, e.preferred_return) && !selected(cpu, entry.vector)) return;
  const char* kind = kExceptionKinds[int(e.kind)];
  if (options_.jsonl) {
    JsonLine j("irq");
    j.num("core", cpu.core_index()).str("kind", kind).num("from_el", entry.from_el);
    j.num("to_el", entry.to_el)
        .hex("pc", e.preferred_return)
        .str("sym", symbol(e.preferred_return));
    j.hex("vector", entry.vector).str("vector_sym", symbol(entry.vector));
    emit(j.num("count", cpu.insn_count()).line());
  } else {
    emit(fmt::format("[{}] irq {} EL{}->EL{} at {:#x}{} vector {:#x}{}\n", cpu.core_index(),
                     e.kind == ExceptionKind::kIrq ? "IRQ" : "FIQ", entry.from_el, entry.to_el,
                     e.preferred_return, sym_text(e.preferred_return), entry.vector,
                     sym_text(entry.vector)));
  }
}

}  // namespace el2
