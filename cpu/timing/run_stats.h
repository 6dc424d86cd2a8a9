// Cycle accounting from exception entries and returns: cycles and instructions
// per EL, per exception class (count, cycles in the handler), and per
// hypercall function (round trip from the HVC to the ERET back). It watches
// exceptions (an ExceptionObserver), so it costs nothing per instruction.
// Cycles are the core's modelled cycles (Cpu::cycles()); at the end the timing
// model's own counters are added (cache, branch and TLB figures).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cpu/cpu.h"

namespace el2 {

class RunStats : public ExceptionObserver {
 public:
  void attach(Cpu& cpu);

  void on_exception(Cpu& cpu, const Exception& e, const ExceptionEntry& entry) override;
  void on_exception_return(Cpu& cpu, const ExceptionReturn& ret) override;

  // Attributes the cycles since the last event to each core's current EL.
  void finish(const std::vector<const Cpu*>& cores);

  struct ElTotals {
    uint64_t cycles = 0;
    uint64_t insns = 0;
  };
  struct ClassTotals {
    uint64_t count = 0;
    uint64_t handler_cycles = 0;  // Entry to the matching ERET.
  };
  struct CoreTotals {
    std::array<ElTotals, 4> el{};
    uint64_t cycles = 0;
    uint64_t insns = 0;
    uint64_t external_aborts = 0;  // Accesses that reached nothing (SEA).
    // The timing model's counters (caches, branches, TLBs, stalls); absent
    // with --timing off.
    std::optional<CoreTiming::Stats> timing;
    std::string profile;
  };

  const std::vector<CoreTotals>& cores() const { return cores_; }
  const std::map<ExceptionClass, ClassTotals>& classes() const { return classes_; }
  const std::map<std::string, ClassTotals>& async() const { return async_; }
  // Round-trip cycles of each hypercall, by function id (x0 at the HVC).
  const std::map<uint64_t, std::vector<uint64_t>>& hypercalls() const { return hypercalls_; }

  std::string report() const;
  // The same figures as one JSON object (schema: docs/TIMING.md, "Reports").
  std::string json() const;

 private:
  struct Open {
    bool sync;
    ExceptionClass ec;
    std::string async_name;
    uint64_t start_cycles;
    unsigned from_el;
    bool is_hvc;
    uint64_t function;
  };
  struct CoreState {
    uint64_t mark_cycles = 0;
    uint64_t mark_insns = 0;
    std::vector<Open> open;
  };
  CoreTotals& totals(const Cpu& cpu);
  void account(const Cpu& cpu, unsigned el);

  std::vector<CoreTotals> cores_;
  std::vector<CoreState> state_;
  std::map<ExceptionClass, ClassTotals> classes_;
  std::map<std::string, ClassTotals> async_;
  std::map<uint64_t, std::vector<uint64_t>> hypercalls_;
};

}  // namespace el2
