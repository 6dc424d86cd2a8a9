// Runs instructions on el2emu from a given ArchState (model "max", EL1h, MMU
// off, FP enabled) and reports the resulting state or the exception taken.
#pragma once

#include <memory>

#include "cpu/cpu.h"
#include "cpu/decoder.h"
#include "platform/memory_map.h"
#include "tests/diff/arch_state.h"

namespace el2::diff {

class El2emuRunner : public ExceptionObserver {
 public:
  El2emuRunner();
  ~El2emuRunner() override;

  uint8_t* code() { return code_; }
  uint8_t* data() { return data_; }

  // Executes up to `count` instructions starting at in.pc; stops at the first
  // exception entry.
  RunResult run(const ArchState& in, unsigned count);

  // The decode row for `insn` on this model (nullptr: no row at all).
  const InsnDef* decode(uint32_t insn) const { return decoder_->decode(insn); }
  // Whether the last run left the local exclusive monitor armed.
  bool monitor_armed() const { return cpu_->state().monitor.armed; }

  void on_exception(Cpu& cpu, const Exception& e, const ExceptionEntry& entry) override;
  void on_exception_return(Cpu& cpu, const ExceptionReturn& ret) override;

 private:
  MemoryMap mem_;
  std::unique_ptr<Cpu> cpu_;
  std::unique_ptr<Decoder> decoder_;
  uint8_t* code_ = nullptr;
  uint8_t* data_ = nullptr;
  bool trapped_ = false;
  uint32_t esr_ = 0;
  uint64_t far_ = 0;
  bool far_valid_ = false;
};

// The coarse class of an ESR_ELx value.
Trap trap_of_esr(uint32_t esr);

}  // namespace el2::diff
