#include "cpu/timing/run_stats.h"

#include <fmt/format.h>

#include <algorithm>

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
  Open o{sync,
         ec,
         kAsyncNames[static_cast<int>(e.kind)],
         cpu.cycles(),
         entry.from_el,
         sync && ec == ExceptionClass::kHvc64 && entry.to_el > entry.from_el,
         cpu.x(0)};
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
    CoreTotals& t = cores_[c->core_index()];
    t.external_aborts = c->external_aborts();
    if (const CoreTiming* timing = c->timing()) {
      t.timing = timing->stats();
      t.profile = timing->profile().name;
    }
  }
}

namespace {

double percent(uint64_t part, uint64_t whole) { return whole ? 100.0 * part / whole : 0.0; }

std::string cache_line(const char* name, const CoreTiming::CacheStats& c) {
  const uint64_t n = c.hits + c.misses;
  return fmt::format("{} {:.1f}% of {}", name, percent(c.hits, n), n);
}

std::vector<uint64_t> sorted_copy(const std::vector<uint64_t>& v) {
  std::vector<uint64_t> s = v;
  std::sort(s.begin(), s.end());
  return s;
}

}  // namespace

std::string RunStats::report() const {
  std::string model = "--timing off: 1 cycle per instruction";
  for (const CoreTotals& t : cores_)
    if (t.timing) model = "timing model: " + t.profile + " profile";
  std::string out = fmt::format("cycle report ({})\n", model);
  for (size_t i = 0; i < cores_.size(); ++i) {
    const CoreTotals& t = cores_[i];
    if (t.insns == 0) continue;
    out += fmt::format("  core {}: {} cycles, {} instructions", i, t.cycles, t.insns);
    out += t.external_aborts ? fmt::format(", {} external aborts\n", t.external_aborts) : "\n";
    for (unsigned el = 0; el < 4; ++el) {
      if (!t.el[el].insns) continue;
      out +=
          fmt::format("    EL{}: {:>10} cycles ({:5.1f}%), {} instructions\n", el, t.el[el].cycles,
                      100.0 * t.el[el].cycles / std::max<uint64_t>(t.cycles, 1), t.el[el].insns);
    }
    if (!t.timing) continue;
    const CoreTiming::Stats& m = *t.timing;
    const uint64_t busy = t.cycles - m.idle_cycles;
    out += fmt::format("    IPC {:.2f} ({} busy cycles, {} idle); hits: {}, {}, {}\n",
                       busy ? double(m.insns) / busy : 0.0, busy, m.idle_cycles,
                       cache_line("L1I", m.l1i), cache_line("L1D", m.l1d), cache_line("L2", m.l2));
    out += fmt::format("    branches {} ({:.1f}% mispredicted); TLB: {}, {}, {}; {} page walks\n",
                       m.branches, percent(m.mispredicts, m.branches), cache_line("I-uTLB", m.itlb),
                       cache_line("D-uTLB", m.dtlb), cache_line("main", m.main_tlb), m.page_walks);
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
      const std::vector<uint64_t> sorted = sorted_copy(trips);
      out += fmt::format("    {:#18x} {:>6} {:>6} / {} / {}\n", fn, sorted.size(), sorted.front(),
                         sorted[sorted.size() / 2], sorted.back());
    }
  }
  return out;
}

std::string RunStats::json() const {
  auto cache = [](const CoreTiming::CacheStats& c) {
    return fmt::format(R"({{"hits":{},"misses":{}}})", c.hits, c.misses);
  };
  std::string out = R"({"schema":"el2emu-stats/1","cores":[)";
  for (size_t i = 0; i < cores_.size(); ++i) {
    const CoreTotals& t = cores_[i];
    if (i) out += ",";
    out += fmt::format(R"({{"core":{},"cycles":{},"instructions":{},"external_aborts":{},"el":[)",
                       i, t.cycles, t.insns, t.external_aborts);
    for (unsigned el = 0; el < 4; ++el)
      out += fmt::format(R"({}{{"el":{},"cycles":{},"instructions":{}}})", el ? "," : "", el,
                         t.el[el].cycles, t.el[el].insns);
    out += "]";
    if (t.timing) {
      const CoreTiming::Stats& m = *t.timing;
      out += fmt::format(
          R"(,"timing":{{"profile":"{}","insns":{},"idle_cycles":{},"l1i":{},"l1d":{},"l2":{},)"
          R"("branches":{},"mispredicts":{},"itlb":{},"dtlb":{},"main_tlb":{},"page_walks":{},)"
          R"("walk_accesses":{},"stall_cycles":{{)",
          t.profile, m.insns, m.idle_cycles, cache(m.l1i), cache(m.l1d), cache(m.l2), m.branches,
          m.mispredicts, cache(m.itlb), cache(m.dtlb), cache(m.main_tlb), m.page_walks,
          m.walk_accesses);
      for (size_t c = 0; c < m.stall.size(); ++c)
        out += fmt::format(R"({}"{}":{})", c ? "," : "",
                           stall_cause_name(static_cast<StallCause>(c)), m.stall[c]);
      out += "}}";
    }
    out += "}";
  }
  out += R"(],"exceptions":[)";
  bool first = true;
  auto exception_row = [&](const std::string& name, const ClassTotals& c) {
    out += fmt::format(R"({}{{"class":"{}","count":{},"handler_cycles":{}}})", first ? "" : ",",
                       name, c.count, c.handler_cycles);
    first = false;
  };
  for (const auto& [ec, c] : classes_) exception_row(exception_class_name(ec), c);
  for (const auto& [name, c] : async_) exception_row(name, c);
  out += R"(],"hypercalls":[)";
  first = true;
  for (const auto& [fn, trips] : hypercalls_) {
    const std::vector<uint64_t> sorted = sorted_copy(trips);
    out += fmt::format(R"({}{{"function":{},"count":{},"min":{},"median":{},"max":{}}})",
                       first ? "" : ",", fn, sorted.size(), sorted.front(),
                       sorted[sorted.size() / 2], sorted.back());
    first = false;
  }
  out += "]}\n";
  return out;
}

}  // namespace el2
