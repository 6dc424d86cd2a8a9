// Instruction and exception traces (`--trace insn,exc`), as text or JSON lines.
// Per retired instruction: core, EL, PC, symbol+offset, encoding, disassembly,
// the registers it changed, and the instruction count. Per exception: class,
// ESR, FAR, ELR, EL change and vector (with symbol); per ERET: where to.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "platform/machine.h"
#include "tools/trace/disassembler.h"

namespace el2 {

struct TraceOptions {
  bool insns = false;
  bool exceptions = false;
  bool jsonl = false;
  std::optional<unsigned> only_el;    // --trace-el
  std::optional<unsigned> only_core;  // --trace-core
  uint64_t after = 0;                 // --trace-after N: start after N instructions.
  uint64_t range_lo = 0, range_hi = ~uint64_t{0};  // --trace-range
};

// Parses "insn,exc" (also "all"); throws std::invalid_argument on an unknown kind.
void parse_trace_kinds(const std::string& spec, TraceOptions& options);

class Tracer : public ExceptionObserver, public InsnObserver {
 public:
  Tracer(const Machine& machine, std::FILE* out, TraceOptions options);
  ~Tracer() override;
  void attach(Cpu& cpu);

  void on_insn(Cpu& cpu, uint64_t pc, uint32_t insn) override;
  void on_exception(Cpu& cpu, const Exception& e, const ExceptionEntry& entry) override;
  void on_exception_return(Cpu& cpu, const ExceptionReturn& ret) override;

 private:
  bool selected(const Cpu& cpu, uint64_t pc) const;
  std::string symbol(uint64_t addr) const;

  const Machine& machine_;
  std::FILE* out_;
  TraceOptions options_;
  Disassembler disasm_;
  std::unique_ptr<Decoder> decoder_;  // For names of encodings Capstone lacks.
  std::vector<std::array<uint64_t, 32>> last_regs_;  // X0..X30, SP per core.
};

}  // namespace el2
