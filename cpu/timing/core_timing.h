// The timing model of one core (issue F9), kept apart from the functional
// model as gem5 keeps function and timing apart: the executor reports each
// retired instruction, exception, barrier, TLB look-up and page walk as an
// event, and CoreTiming answers how many cycles it cost. No timing code runs
// inside instruction bodies, and the model never changes architectural state.
//
// What it models (docs/TIMING.md has the details and every parameter's source):
//  - Issue: in order (Cortex-A53: up to issue_width per cycle, limited by the
//    execution units) or an out-of-order approximation (Cortex-A57: dispatch
//    and commit issue_width per cycle in program order; execution as soon as
//    operands and a unit are free, within a rob_entries window).
//  - A register scoreboard: a result is ready at issue + latency; consumers
//    wait for it, so forwarding is whatever the latencies say.
//  - Branch prediction (branch_predictor.h): a mispredicted branch holds the
//    next instruction until mispredict_penalty cycles after it resolves.
//  - L1I, L1D and L2 caches (cache.h): loads cost their L1-hit latency plus
//    each missing level's penalty; stores go through a store buffer and
//    usually cost one issue slot.
//  - Micro-TLBs, page walks through the caches, exception entry and return,
//    and barriers, at the costs the profile gives.
// Deterministic: the cycles depend on the events and the profile only.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <span>
#include <vector>

#include "cpu/insn_def.h"
#include "cpu/timing/branch_predictor.h"
#include "cpu/timing/cache.h"
#include "cpu/timing/profile.h"

namespace el2 {

// Register numbers in RetiredInsn: X0-X30 are 0-30, SP is 31 (XZR is no
// register: report kNoReg), V0-V31 are 32-63, and NZCV is 64 so a B.cond or
// CSEL waits for the flag-setting instruction before it.
inline constexpr uint8_t kRegSp = 31;
inline constexpr uint8_t kRegV0 = 32;
inline constexpr uint8_t kRegNzcv = 64;
inline constexpr uint8_t kNoReg = 0xFF;
inline constexpr size_t kTimingRegs = 65;

struct MemEvent {
  uint64_t addr = 0;  // Physical address (the caches are physically tagged).
  uint8_t size = 0;
  bool is_store = false;
};

// One retired instruction. Leave unused register slots at kNoReg. An access
// that spans two cache lines may be reported as two MemEvents.
struct RetiredInsn {
  uint64_t pc = 0;        // Virtual: the L1I model is indexed by it.
  uint32_t encoding = 0;  // Tells 64-bit (sf = 1) multiplies and divides from 32-bit ones.
  OpClass op = OpClass::kNop;
  uint8_t srcs[3] = {kNoReg, kNoReg, kNoReg};
  uint8_t dsts[2] = {kNoReg, kNoReg};
  uint8_t n_mem = 0;
  MemEvent mem[2] = {};
  bool is_branch = false, is_conditional = false, taken = false;
  bool is_call = false, is_return = false, is_indirect = false;
  uint64_t target = 0;  // The branch's destination when taken.
};

enum class BarrierKind : uint8_t { kDmb, kDsb, kIsb };

// Why an instruction started later than issue width alone allows.
enum class StallCause : uint8_t {
  kDependency,   // An operand from a non-memory producer was not ready.
  kMemory,       // An operand came from a load that missed in L1D.
  kExecution,    // Out of order only: commit waited for the instruction's own result.
  kStructural,   // No free execution unit, or the reorder window was full.
  kFetch,        // An L1I miss.
  kMispredict,   // Refetch after a mispredicted branch.
  kStoreBuffer,  // The store buffer was full.
  kTlb,          // A micro-TLB refill.
  kPageWalk,     // Translation table walk accesses.
  kBarrier,      // DMB/DSB/ISB waits and costs.
  kException,    // Exception entry and return costs.
  kCount,
};
std::string_view stall_cause_name(StallCause c);

class CoreTiming {
 public:
  explicit CoreTiming(const CoreProfile& profile);

  // Each returns the cycles it added to now() (0 is common: the second of a
  // dual-issued pair, for example).
  uint64_t retire(const RetiredInsn& insn);
  // Exception entry waits for older instructions to complete, then costs
  // profile.exception_entry; ERET costs profile.exception_return. Both
  // restart fetch (nothing younger overlaps them).
  uint64_t exception_entry();
  uint64_t exception_return();
  // Report after retire() of the barrier instruction. DMB waits for the store
  // buffer to drain, DSB for every load and store, ISB refetches; then each
  // adds its fixed cost.
  uint64_t barrier(BarrierKind kind);
  // A translation for a data access or (fetch) an instruction fetch, before the
  // retire() of the instruction that needed it. The micro-TLB is modelled
  // here; `main_tlb_hit` is the functional TLB's answer (mmu/tlb.h), and on a
  // miss the executor also reports the walk. The cycles delay the next
  // retired instruction (or exception entry).
  void tlb_access(uint64_t va, bool fetch, bool main_tlb_hit);
  // The physical addresses of the descriptors a walk read, in order; each is a
  // dependent load through L1D and L2. Delays like tlb_access.
  void page_walk(std::span<const uint64_t> descriptor_addrs);
  // WFI/WFE: time passes with nothing issued.
  void idle_until(uint64_t cycle);

  // Cycles since reset: up to the last issue (in order) or commit (out of order).
  uint64_t now() const { return now_; }

  struct CacheStats {
    uint64_t hits = 0, misses = 0;
  };
  struct Stats {
    uint64_t insns = 0;
    uint64_t idle_cycles = 0;
    CacheStats l1i, l1d, l2;
    uint64_t branches = 0, mispredicts = 0;
    CacheStats itlb, dtlb, main_tlb;  // Main TLB: the functional TLB's answers.
    uint64_t page_walks = 0, walk_accesses = 0;
    uint64_t exceptions = 0, exception_returns = 0, barriers = 0;
    std::array<uint64_t, static_cast<size_t>(StallCause::kCount)> stall{};
    uint64_t stall_cycles(StallCause c) const { return stall[static_cast<size_t>(c)]; }
  };
  const Stats& stats() const { return stats_; }
  const CoreProfile& profile() const { return p_; }

 private:
  // Per-cycle use of one kind of execution unit, over a window of cycles.
  class UnitCalendar {
   public:
    explicit UnitCalendar(uint32_t count) : count_(count) {}
    bool has_room(uint64_t cycle) const;
    void reserve(uint64_t cycle, uint32_t cycles);

   private:
    static constexpr size_t kWindow = 4096;
    struct Slot {
      uint64_t cycle = 0;
      uint32_t used = 0;
    };
    uint32_t count_;
    std::array<Slot, kWindow> slots_{};
  };
  struct UnitUse {
    UnitCalendar* unit;
    uint32_t cycles;  // How long it stays busy: 1 when pipelined.
  };
  struct Timer;  // A start time's lower bounds, with the cause of each raise.

  struct MemCost;
  MemCost memory_events(const RetiredInsn& insn);
  uint32_t result_latency(const RetiredInsn& insn) const;
  int units_for(OpClass op, uint32_t latency, UnitUse* out);
  uint64_t earliest_with_units(uint64_t t, const UnitUse* uses, int n) const;
  // L1D then L2: the extra cycles beyond an L1 hit, and whether L1 missed.
  uint64_t data_access(uint64_t addr, bool* l1_miss);
  uint64_t fetch_delay(uint64_t pc);
  uint64_t store_buffer_bound(uint64_t t, unsigned entries);
  void push_store(uint64_t alloc_cycle, uint64_t addr_extra);
  void branch(const RetiredInsn& insn, uint64_t resolve_cycle);
  uint64_t take_pending(Timer& timer, uint64_t base);
  // Serialising events (exceptions, barriers): everything issued so far has
  // left the pipeline by the returned cycle; the next instruction starts at or
  // after `until`.
  uint64_t drain_point() const;
  void restart_at(uint64_t until);
  uint64_t advance(uint64_t to);

  uint64_t retire_in_order(const RetiredInsn& insn);
  uint64_t retire_out_of_order(const RetiredInsn& insn);

  CoreProfile p_;
  Cache l1i_, l1d_, l2_;
  Cache itlb_, dtlb_;  // Fully associative: one set of 4 KiB "lines".
  BranchPredictor bp_;
  UnitCalendar alu_, mul_, div_, load_, store_, mem_, branch_unit_, fp_;

  uint64_t now_ = 0;
  uint64_t floor_ = 0;  // No instruction starts before this (set by serialising events).
  std::array<uint64_t, kTimingRegs> ready_{};
  std::array<StallCause, kTimingRegs> ready_cause_{};
  uint64_t max_complete_ = 0;       // Latest result of anything issued.
  uint64_t max_load_complete_ = 0;  // Latest load result.
  uint64_t fetch_ready_ = 0;
  StallCause fetch_cause_ = StallCause::kFetch;
  uint64_t last_fetch_line_ = ~0ull;
  std::array<uint64_t, static_cast<size_t>(StallCause::kCount)> pending_{};  // TLB, walks.
  std::deque<uint64_t> store_buffer_;  // Drain-complete cycle of each entry, oldest first.
  uint64_t last_drain_ = 0;

  // In order: the cycle of the last issue and how many issued in it.
  uint64_t last_issue_ = 0;
  uint32_t issue_group_ = 0;
  // Out of order: the same for dispatch and commit, and the commit cycle of
  // each of the last rob_entries instructions (a ring by instruction count).
  uint64_t last_dispatch_ = 0, last_commit_ = 0;
  uint32_t dispatch_group_ = 0, commit_group_ = 0;
  std::vector<uint64_t> rob_commit_;
  size_t rob_pos_ = 0;  // The slot of the next instruction (instruction count mod size).

  Stats stats_;
};

}  // namespace el2
