#include "tools/cli/trace_options.h"

#include <fmt/format.h>

namespace el2::cli {

const char* const kTraceOptionsHelp =
    "Trace options:\n"
    "  --trace KINDS        comma-separated: insn (instructions and their data\n"
    "                       accesses), exc (exceptions and ERETs), hvc, smc (calls\n"
    "                       taken as exceptions; with --check-abi the verdict), psci\n"
    "                       (built-in firmware calls), mmu (stage 1 on/off, TTBRs),\n"
    "                       tlbi, irq (IRQ/FIQ entries, INTIDs acknowledged), el\n"
    "                       (EL changes), or all\n"
    "  --trace-format FMT   text (default) or jsonl (schema: docs/TRACE_FORMAT.md)\n"
    "  --trace-file FILE    write the trace to FILE instead of stdout\n"
    "  --trace-el N         only events at EL N\n"
    "  --trace-core N       only events on core N\n"
    "  --trace-after N      start after N instructions\n"
    "  --trace-range R      only PCs in R: LO-HI (addresses) or a symbol name\n";

std::vector<OptionSpec> trace_option_specs() {
  return {{"--trace", true},      {"--trace-format", true}, {"--trace-file", true},
          {"--trace-el", true},   {"--trace-core", true},   {"--trace-after", true},
          {"--trace-range", true}};
}

TraceSession::TraceSession(const Args& args, Machine& machine, stubs::Checker* abi) {
  const auto kinds = args.value("--trace");
  if (!kinds) {
    for (const auto& s : trace_option_specs())
      if (args.value(s.name)) throw UsageError(fmt::format("{} needs --trace", s.name));
    return;
  }
  TraceOptions o;
  try {
    parse_trace_kinds(*kinds, o);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  const std::string format = args.value("--trace-format").value_or("text");
  if (format != "text" && format != "jsonl")
    throw UsageError(fmt::format("--trace-format '{}': expected text or jsonl", format));
  o.jsonl = format == "jsonl";
  if (args.value("--trace-el")) {
    const uint64_t el = args.u64("--trace-el", 0);
    if (el > 3) throw UsageError("--trace-el must be 0..3");
    o.only_el = static_cast<unsigned>(el);
  }
  if (args.value("--trace-core")) {
    const uint64_t core = args.u64("--trace-core", 0);
    if (core >= machine.core_count()) throw UsageError("--trace-core names no core");
    o.only_core = static_cast<unsigned>(core);
  }
  o.after = args.u64("--trace-after", 0);
  if (const auto range = args.value("--trace-range")) {
    const auto dash = range->find('-');
    const auto lo = dash == std::string::npos ? std::nullopt : parse_u64(range->substr(0, dash));
    const auto hi = dash == std::string::npos ? std::nullopt : parse_u64(range->substr(dash + 1));
    if (lo && hi && *lo <= *hi) {
      o.range_lo = *lo;
      o.range_hi = *hi;
    } else {
      const Symbol* sym = nullptr;
      for (const auto& img : machine.images())
        if (!sym) sym = img.find_symbol(*range);
      if (!sym) throw UsageError(fmt::format("--trace-range '{}': not LO-HI or a symbol", *range));
      o.range_lo = sym->addr;
      o.range_hi = sym->addr + std::max<uint64_t>(sym->size, 4) - 1;
    }
  }
  std::FILE* out = stdout;
  if (const auto path = args.value("--trace-file")) {
    file_ = std::fopen(path->c_str(), "w");
    if (!file_) throw UsageError(fmt::format("--trace-file '{}': cannot create", *path));
    out = file_;
  }
  tracer_ = std::make_unique<Tracer>(machine, out, o);
  tracer_->attach_all();
  if (abi && o.hvc) {
    abi_ = abi;
    abi->set_call_listener([t = tracer_.get()](const Cpu& cpu, const stubs::CallVerdict& v) {
      t->on_abi_verdict(cpu, v);
    });
  }
}

TraceSession::~TraceSession() {
  if (abi_) abi_->set_call_listener({});
  tracer_.reset();  // Flushes before the file closes.
  if (file_) std::fclose(file_);
}

}  // namespace el2::cli
