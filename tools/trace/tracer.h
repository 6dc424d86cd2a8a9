// Traces (`--trace KINDS`), as text or JSON lines (docs/TRACE_FORMAT.md).
// insn: per retired instruction, core, EL, PC, symbol+offset, encoding,
// disassembly, the registers it changed and its data accesses. exc: every
// exception entry and ERET. The event kinds: hvc/smc (calls taken as
// exceptions, with the ABI checker's verdict), psci (calls the built-in
// firmware answers), mmu (stage 1 on/off, TTBR writes), tlbi, irq (IRQ/FIQ
// entries and the INTIDs the guest acknowledges) and el (every EL change).
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "platform/machine.h"
#include "psci/trace.h"
#include "stubs/checker.h"
#include "tools/trace/disassembler.h"
#include "tools/trace/gic_tap.h"

namespace el2 {

struct TraceOptions {
  bool insns = false;       // insn: instructions and their data accesses.
  bool exceptions = false;  // exc: exception entries and ERETs.
  bool hvc = false, smc = false, psci = false, mmu = false, tlbi = false, irq = false, el = false;
  bool jsonl = false;
  std::optional<unsigned> only_el;                 // --trace-el
  std::optional<unsigned> only_core;               // --trace-core
  uint64_t after = 0;                              // --trace-after N: start after N instructions.
  uint64_t range_lo = 0, range_hi = ~uint64_t{0};  // --trace-range

  // The tracer watches exception entries and returns.
  bool any_exception_kind() const { return exceptions || hvc || smc || irq || el; }
};

// Parses "insn,exc,hvc,..." (also "all"); throws std::invalid_argument on an
// unknown kind.
void parse_trace_kinds(const std::string& spec, TraceOptions& options);
extern const char* const kTraceKinds;  // "insn, exc, hvc, ..." for messages.

class Tracer : public ExceptionObserver,
               public InsnObserver,
               public AccessObserver,
               public SystemObserver,
               public PsciObserver {
 public:
  Tracer(Machine& machine, std::FILE* out, TraceOptions options);
  ~Tracer() override;
  Tracer(const Tracer&) = delete;
  Tracer& operator=(const Tracer&) = delete;
  // Attaches the per-core observers the kinds need to `cpu`.
  void attach(Cpu& cpu);
  // attach() for every core, plus the PSCI firmware (psci) and a tap on each
  // core's GIC CPU interface (irq). The destructor undoes those two, so the
  // machine must outlive the tracer then.
  void attach_all();

  void on_insn(Cpu& cpu, uint64_t pc, uint32_t insn) override;
  void on_exception(Cpu& cpu, const Exception& e, const ExceptionEntry& entry) override;
  void on_exception_return(Cpu& cpu, const ExceptionReturn& ret) override;
  void on_access(Cpu& cpu, const DataAccess& access) override;
  void on_insn_abandoned(Cpu& cpu) override;
  void on_sysreg_write(Cpu& cpu, const char* name, uint64_t before, uint64_t after) override;
  void on_sys_op(Cpu& cpu, const char* name, uint64_t xt) override;
  void on_psci_call(const PsciCallEvent& event) override;
  // --check-abi: the checker's verdict on a hypercall. One for a call that
  // returned is printed with its hvc return event; others on their own.
  void on_abi_verdict(const Cpu& cpu, const stubs::CallVerdict& verdict);
  // ICC_IAR0/1_EL1 read `value` (from a GicTap).
  void on_irq_ack(Cpu& cpu, bool group1, uint64_t value);

 private:
  // An exception not yet returned from, to pair ERETs with HVC/SMC calls.
  struct OpenException {
    enum Kind : uint8_t { kOther, kHvc, kSmc } kind = kOther;
    unsigned to_el = 0;
    uint64_t id = 0;  // The call's number on its core (hvc/smc).
  };
  struct CoreTrace {
    std::array<uint64_t, 32> last_regs{};  // X0..X30, SP.
    std::vector<DataAccess> accesses;      // This instruction's, data in `bytes`.
    std::vector<uint8_t> bytes;
    std::vector<OpenException> open;
    uint64_t calls = 0;
    std::optional<stubs::CallVerdict> verdict;  // For the return being traced.
  };

  bool selected(const Cpu& cpu, uint64_t pc) const;
  std::string symbol(uint64_t addr) const;
  std::string sym_text(uint64_t addr) const;  // " <sym>" or "".
  void emit(const std::string& line);
  CoreTrace& core(const Cpu& cpu) { return cores_.at(cpu.core_index()); }

  // mem_trace.cc
  std::string accesses_json(const CoreTrace& c) const;
  std::string accesses_text(const CoreTrace& c) const;
  // call_trace.cc
  void call_entry(Cpu& cpu, const Exception& e, const ExceptionEntry& entry, OpenException& open);
  void call_return(Cpu& cpu, const ExceptionReturn& ret, const OpenException& open);
  std::string verdict_json(const stubs::CallVerdict& v) const;
  std::string verdict_text(const stubs::CallVerdict& v) const;
  // system_trace.cc
  void attach_gic_taps();
  void detach_gic_taps();
  // tracer.cc
  void el_change(Cpu& cpu, unsigned from, unsigned to, const std::string& cause);
  void irq_entry(Cpu& cpu, const Exception& e, const ExceptionEntry& entry);

  Machine& machine_;
  std::FILE* out_;
  TraceOptions options_;
  Disassembler disasm_;
  std::unique_ptr<Decoder> decoder_;  // For names of encodings Capstone lacks.
  std::vector<CoreTrace> cores_;
  std::vector<std::unique_ptr<GicTap>> taps_;
  bool psci_attached_ = false;
};

}  // namespace el2
