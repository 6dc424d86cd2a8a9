#include "cpu/timing/run_stats.h"

#include <algorithm>

#include <fmt/format.h>

namespace el2 {

namespace {
const char* const kAsyncNames[] = {"sync", "IRQ", "FIQ", "SError"};
}

void RunStats::attach(Cpu& cpu) {
  const unsigned i = cpu.core_index();
  if (cores_.size() <= i) {
    cores_.resize(i + 1);
    state_.resize(i + 1);
  }
  state_[i].mark_cycles = cpu.cycles();
  state_[i].mark_insns = cpu.insn_count();
  cpu.add_observer(this);
}

RunStats::CoreTotals& RunStats::totals(const Cpu& cpu) { return cores_.at(cpu.core_index()); }

// Everything since the last mark ran at `el`.
void RunStats::account(const Cpu& cpu, unsigned el) {
  CoreState& st = state_.at(cpu.core_index());
  CoreTotals& t = totals(cpu);
  const uint64_t cycles = cpu.cycles() - st.mark_cycles;
  const uint64_t insns = cpu.insn_count() - st.mark_insns;
  t.el[el].cycles += cycles;
  t.el[el].insns += insns;
  t.cycles += cycles;
  t.insns += insns;
  st.mark_cycles = cpu.cycles();
  st.mark_insns = cpu.insn_count();
}

void RunStats::on_exception(Cpu& cpu, const Exception& e, const ExceptionEntry& entry) {
  account(cpu, entry.from_el);
  const bool sync = e.kind == ExceptionKind::kSync;
  const ExceptionClass ec = syn::ec_of(e.esr);
  Open o{sync, ec, kAsyncNames[static_cast<int>(e.kind)], cpu.cycles(), entry.from_el,
         sync && ec == ExceptionClass::kHvc64 && entry.to_el > entry.from_el, cpu.x(0)};
  if (sync)
    ++classes_[ec].count;
  else
    ++async_[o.async_name].count;
  state_.at(cpu.core_index()).open.push_back(std::move(o));
}

void RunStats::on_exception_return(Cpu& cpu, const ExceptionReturn& r) {
  account(cpu, r.from_el);
  auto& open = state_.at(cpu.core_index()).open;
  if (open.empty()) return;  // An ERET with no entry seen (e.g. the boot shim's first drop).
  const Open o = open.back();
  open.pop_back();
  const uint64_t cycles = cpu.cycles() - o.start_cycles;
  if (o.sync)
    classes_[o.ec].handler_cycles += cycles;
  else
    async_[o.async_name].handler_cycles += cycles;
  if (o.is_hvc && r.to_el == o.from_el) hypercalls_[o.function].push_back(cycles);
}

void RunStats::finish(const std::vector<const Cpu*>& cores) {
  for (const Cpu* c : cores) {
    if (c->core_index() >= cores_.size()) continue;
    account(*c, c->state().pstate.el);
    cores_[c->core_index()].external_aborts = c->external_aborts();
  }
}

std::string RunStats::report() const {
  std::string out = "cycle report (1 cycle per instruction until the timing model, issue F9)\n";
  for (size_t i = 0; i < cores_.size(); ++i) {
    const CoreTotals& t = cores_[i];
    if (t.insns == 0) continue;
    out += fmt::format("  core {}: {} cycles, {} instructions", i, t.cycles, t.insns);
    out += t.external_aborts ? fmt::format(", {} external aborts\n", t.external_aborts) : "\n";
    for (unsigned el = 0; el < 4; ++el) {
      if (!t.el[el].insns) continue;
      out += fmt::format("    EL{}: {:>10} cycles ({:5.1f}%), {} instructions\n", el, t.el[el].cycles,
                         100.0 * t.el[el].cycles / std::max<uint64_t>(t.cycles, 1), t.el[el].insns);
    }
  }
  if (!classes_.empty() || !async_.empty()) {
    out += "  exceptions: class, count, cycles in handler (total / mean)\n";
    for (const auto& [ec, c] : classes_)
      out += fmt::format("    {:<28} {:>6} {:>10} / {:.1f}\n", exception_class_name(ec), c.count,
                         c.handler_cycles, c.count ? double(c.handler_cycles) / c.count : 0.0);
    for (const auto& [name, c] : async_)
      out += fmt::format("    {:<28} {:>6} {:>10} / {:.1f}\n", name, c.count, c.handler_cycles,
                         c.count ? double(c.handler_cycles) / c.count : 0.0);
  }
  if (!hypercalls_.empty()) {
    out += "  hypercalls: x0, count, round-trip cycles min / median / max\n";
    for (const auto& [fn, trips] : hypercalls_) {
      std::vector<uint64_t> sorted = trips;
      std::sort(sorted.begin(), sorted.end());
      out += fmt::format("    {:#18x} {:>6} {:>6} / {} / {}\n", fn, sorted.size(), sorted.front(),
                         sorted[sorted.size() / 2], sorted.back());
    }
  }
  return out;
}

}  // namespace el2
