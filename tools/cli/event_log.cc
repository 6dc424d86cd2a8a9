#include "tools/cli/event_log.h"

#include <fmt/format.h>

namespace el2::cli {

namespace {
const char* const kKindNames[] = {"sync", "IRQ", "FIQ", "SError"};
}

void EventLog::on_exception(Cpu& cpu, const Exception& e, const ExceptionEntry& entry) {
  const std::string vec_sym = machine_.symbolize(entry.vector);
  std::string what = kKindNames[static_cast<int>(e.kind)];
  if (e.kind == ExceptionKind::kSync)
    what = fmt::format("{} (ESR {:#010x})", exception_class_name(syn::ec_of(e.esr)), e.esr);
  ++counts_[e.kind == ExceptionKind::kSync ? exception_class_name(syn::ec_of(e.esr)) : what];
  fmt::print(out_, "  [exception] EL{} -> EL{}: {}, x0={:#x}, vector {:#x}{}\n", entry.from_el,
             entry.to_el, what, cpu.x(0), entry.vector, vec_sym.empty() ? "" : " <" + vec_sym + ">");
}

void EventLog::on_exception_return(Cpu& cpu, const ExceptionReturn& r) {
  const std::string sym = machine_.symbolize(cpu.state().pc);
  fmt::print(out_, "  [eret]      EL{} -> EL{}{}: x0={:#x}, to {:#x}{}\n", r.from_el, r.to_el,
             r.illegal ? " (illegal return)" : "", cpu.x(0), cpu.state().pc,
             sym.empty() ? "" : " <" + sym + ">");
}

}  // namespace el2::cli
