// The reference engine: Unicorn 2 (QEMU 5.0-derived) with the "max" AArch64
// CPU, running at EL1h with the MMU off. Memory is mapped from host buffers
// owned here, so the harness can fill and compare it without copies.
#pragma once

#include <cstddef>
#include <cstdint>

#include "tests/diff/arch_state.h"

struct uc_struct;

namespace el2::diff {

class UnicornOracle {
 public:
  UnicornOracle();
  ~UnicornOracle();
  UnicornOracle(const UnicornOracle&) = delete;
  UnicornOracle& operator=(const UnicornOracle&) = delete;

  uint8_t* code() { return code_; }
  uint8_t* data() { return data_; }

  // Must be called after changing code bytes: Unicorn caches translations.
  void invalidate_code(uint64_t addr, uint64_t len);

  // A run in which QEMU's translator aborted (an assertion on an encoding it
  // mishandles) reports Trap::kOther with crashed() true; the engine is then
  // rebuilt (the old one is leaked: its state is inconsistent).
  RunResult run(const ArchState& in, unsigned count);
  bool crashed() const { return crashed_; }
  uint64_t rebuilds() const { return rebuilds_; }

  // Clears the local exclusive monitor (executes a CLREX at kScratchPc).
  void clear_monitor();

  // Called from Unicorn's interrupt hook.
  void on_interrupt(uint32_t intno);

 private:
  void open_engine();

  uc_struct* uc_ = nullptr;
  bool crashed_ = false;
  uint64_t rebuilds_ = 0;
  uint8_t* code_ = nullptr;
  uint8_t* data_ = nullptr;
  bool interrupted_ = false;
  uint32_t intno_ = 0;
};

}  // namespace el2::diff
