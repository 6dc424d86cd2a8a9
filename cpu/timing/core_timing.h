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
#include <span>
#include <vector>

#include "cpu/timing/branch_predictor.h"
#include "cpu/timing/cache.h"
#include "cpu/timing/profile.h"
#include "cpu/timing/retired_insn.h"

namespace el2 {

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

  // Fills `r` for an instruction about to execute: describe_insn, memoised
  // per core (InsnDescriber).
  void describe(uint64_t pc, uint32_t insn, OpClass op, RetiredInsn& r) {
    describer_.describe(pc, insn, op, r);
  }

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
    explicit UnitCalendar(uint32_t count = 1) : count_(count) {}
    bool has_room(uint64_t cycle) const {
      const Slot& s = slots_[cycle & (kWindow - 1)];
      // A slot holding another cycle (older, or a booking kWindow or more
      // ahead, which long miss chains and time skipped over idle periods
      // reach) is free for this one. Treating the far-ahead case as busy
      // instead made every later instruction walk the window cycle by cycle
      // (measured: 10x slower runs) for an aliasing case that barely matters.
      return s.cycle != cycle || s.used < count_;
    }
    void reserve(uint64_t cycle) {
      Slot& s = slots_[cycle & (kWindow - 1)];
      if (s.cycle != cycle) s = Slot{cycle, 0};
      ++s.used;
    }
    // has_room, then reserve: one slot look-up.
    bool try_book(uint64_t cycle) {
      Slot& s = slots_[cycle & (kWindow - 1)];
      if (s.cycle != cycle) {
        s = Slot{cycle, 1};
        return true;
      }
      if (s.used >= count_) return false;
      ++s.used;
      return true;
    }

   private:
    static constexpr size_t kWindow = 4096;  // A power of two: slots by mask.
    struct Slot {
      uint64_t cycle = 0;
      uint32_t used = 0;
    };
    uint32_t count_;
    std::array<Slot, kWindow> slots_{};
  };
  enum Unit : uint8_t { kAlu, kMul, kDiv, kLoadUnit, kStoreUnit, kMem, kBranchUnit, kFp, kUnits };
  // The units an op class books, one cycle each (pipelined) except the
  // divider, which stays busy until its result is ready.
  struct OpUnits {
    uint8_t n = 0;
    bool has_divider = false;  // Takes the slow path: busy for many cycles.
    Unit unit[3] = {};
  };
  static constexpr size_t kCauses = static_cast<size_t>(StallCause::kCount);
  // Cycles charged to each stall cause while an out-of-order instruction
  // waits to dispatch and execute, to blame a late commit on the largest.
  // A bit per cause charged, so finding the largest visits only those: an
  // instruction meets a few causes, and scanning every cause per
  // instruction cost more than the rest of the model (measured).
  // Clearing is resetting `charged` alone: a cause's first charge
  // overwrites what an earlier instruction left.
  struct Tally {
    std::array<uint64_t, kCauses> cycles{};
    uint32_t charged = 0;
    void charge(StallCause why, uint64_t n) {
      const unsigned c = static_cast<unsigned>(why);
      cycles[c] = ((charged >> c) & 1 ? cycles[c] : 0) + n;
      charged |= 1u << c;
    }
    // The cause charged most (ties: the lower enum), or kCount when none was.
    StallCause dominant(uint64_t* most) const;
  };
  // Charges straight to the run's stall statistics.
  struct StatSink {
    std::array<uint64_t, kCauses>& stall;
    void charge(StallCause why, uint64_t n) { stall[static_cast<size_t>(why)] += n; }
  };
  // A store buffer of at most `entries` drain-complete cycles, oldest first:
  // a ring, since a deque's bookkeeping showed up per store.
  class StoreRing {
   public:
    explicit StoreRing(uint32_t entries);
    bool empty() const { return size_ == 0; }
    uint32_t size() const { return size_; }
    uint64_t front() const { return ring_[head_]; }
    void pop_front() {
      head_ = (head_ + 1) & mask_;
      --size_;
    }
    void push_back(uint64_t v) { ring_[(head_ + size_++) & mask_] = v; }

   private:
    std::vector<uint64_t> ring_;  // A power of two in size, at least `entries`.
    uint32_t mask_, head_ = 0, size_ = 0;
  };
  // What an instruction's memory events cost, looked up in program order.
  struct MemCost {
    bool loads = false;
    bool l1_miss = false;     // Some load missed in L1D.
    uint64_t load_extra = 0;  // Worst load's cycles beyond an L1 hit.
    unsigned stores = 0;
    uint64_t store_extra[2] = {0, 0};
  };

  // The helpers below split a short inline common case from an out-of-line
  // rest: the model runs them for every retired instruction.
  MemCost memory_events(const RetiredInsn& insn);
  uint32_t result_latency(const RetiredInsn& insn) const {
    // sf (bit 31) selects the X form of the data-processing multiplies and
    // divides (Arm ARM C4.1.95 "Data-processing (2 source)" / "(3 source)").
    return latency_[insn.encoding >> 31][static_cast<size_t>(insn.op)];
  }
  // Books the units an op class needs in the first cycle from `t` in which
  // they all have room, and returns that cycle.
  uint64_t book_units(uint64_t t, const OpUnits& u, uint32_t latency) {
    if (u.n == 0) return t;
    if (!u.has_divider) [[likely]] {
      if (u.n == 1) {
        if (units_[u.unit[0]].try_book(t)) [[likely]]
          return t;
      } else if (all_have_room(t, u)) [[likely]] {
        for (unsigned k = 0; k < u.n; ++k) units_[u.unit[k]].reserve(t);
        return t;
      }
    }
    return book_units_slow(t, u, latency);
  }
  bool all_have_room(uint64_t t, const OpUnits& u) const {
    for (unsigned k = 0; k < u.n; ++k)
      if (!units_[u.unit[k]].has_room(t)) return false;
    return true;
  }
  uint64_t book_units_slow(uint64_t t, const OpUnits& u, uint32_t latency);
  // The first cycle from `t` in which every unit has room for as long as it
  // stays busy; reserve_units books them.
  uint64_t earliest_with_units(uint64_t t, const OpUnits& u, uint32_t latency) const;
  void reserve_units(uint64_t t, const OpUnits& u, uint32_t latency);
  // How long a unit stays busy: one cycle (pipelined), except the divider,
  // which iterates until its result is ready.
  static uint32_t busy_cycles(Unit u, uint32_t latency) {
    return u == kDiv ? (latency > 1 ? latency : 1) : 1;
  }
  // Where a result for register number `r` goes: non-registers to a slot
  // nothing reads.
  static size_t dest_slot(uint8_t r) { return r < kTimingRegs ? r : kDiscard; }
  void write_results(const RetiredInsn& insn, uint64_t done, bool l1_miss) {
    const uint64_t entry = done << 1 | (l1_miss ? 1 : 0);
    ready_[dest_slot(insn.dsts[0])] = entry;
    ready_[dest_slot(insn.dsts[1])] = entry;
  }
  // Waits for register `r`, charging the wait to its producer's kind.
  template <class Sink>
  void wait_for(uint64_t& t, uint8_t r, Sink& sink) const {
    const uint64_t entry = ready_[r];
    if ((entry >> 1) <= t) [[likely]]
      return;
    sink.charge(entry & 1 ? StallCause::kMemory : StallCause::kDependency, (entry >> 1) - t);
    t = entry >> 1;
  }
  template <class Sink>
  void wait_for_sources(uint64_t& t, const RetiredInsn& insn, Sink& sink) const {
    wait_for(t, insn.srcs[0], sink);
    wait_for(t, insn.srcs[1], sink);
    wait_for(t, insn.srcs[2], sink);
  }
  // L1D then L2: the extra cycles beyond an L1 hit, and whether L1 missed.
  uint64_t data_access(uint64_t addr, bool* l1_miss);
  // Fetch reads a line at a time: only a new line looks the cache up.
  uint64_t fetch_delay(uint64_t pc) {
    if ((pc >> l1i_line_shift_) == last_fetch_line_) [[likely]]
      return 0;
    return fetch_new_line(pc);
  }
  uint64_t fetch_new_line(uint64_t pc);
  uint64_t fill_from_l2(uint64_t addr, uint32_t l1_penalty);
  uint64_t store_buffer_bound(uint64_t t, unsigned entries);
  void push_store(uint64_t alloc_cycle, uint64_t addr_extra);
  void branch(const RetiredInsn& insn, uint64_t resolve_cycle) {
    ++stats_.branches;
    // Direct branches, the common kind, need the direction predictor only.
    const bool right = (insn.is_call | insn.is_return | insn.is_indirect)
                           ? predict_other(insn)
                           : bp_.predict_direct(insn.pc, insn.is_conditional, insn.taken);
    if (!right) [[unlikely]]
      mispredicted(resolve_cycle);
  }
  bool predict_other(const RetiredInsn& insn);
  void mispredicted(uint64_t resolve_cycle);
  // TLB refills and walk accesses reported since the last instruction delay
  // it, one after another from `t`.
  template <class Sink>
  void take_pending(uint64_t& t, Sink& sink) {
    if (has_pending_) [[unlikely]]
      take_pending_slow(t, sink);
  }
  template <class Sink>
  void take_pending_slow(uint64_t& t, Sink& sink);
  // Serialising events (exceptions, barriers): everything issued so far has
  // left the pipeline by the returned cycle; the next instruction starts at or
  // after `until`.
  uint64_t drain_point() const;
  void restart_at(uint64_t until);
  uint64_t advance(uint64_t to) {
    if (to <= now_) return 0;
    const uint64_t delta = to - now_;
    now_ = to;
    return delta;
  }

  // kMem: whether the instruction reported memory accesses, so the common
  // case compiles without their bookkeeping.
  template <bool kMem>
  uint64_t retire_in_order(const RetiredInsn& insn);
  template <bool kMem>
  uint64_t retire_out_of_order(const RetiredInsn& insn);

  Tally tally_;  // Per out-of-order instruction; a member so it needs no clearing.
  CoreProfile p_;
  InsnDescriber describer_;
  Cache l1i_, l1d_, l2_;
  Cache itlb_, dtlb_;  // Fully associative: one set of 4 KiB "lines".
  BranchPredictor bp_;
  std::array<UnitCalendar, kUnits> units_;
  // Per op class, from the profile: [sf][op] result latency (sf = 1 picks
  // the X-form multiply and divide) and the units booked.
  std::array<std::array<uint32_t, kOpClassCount>, 2> latency_{};
  std::array<OpUnits, kOpClassCount> op_units_{};
  unsigned l1i_line_shift_ = 0;

  uint64_t now_ = 0;
  // Serialising events (restart_at) set last_issue_, last_dispatch_ and
  // last_commit_ to the restart cycle, and they only grow from there, so
  // they are also the floor no instruction starts below.
  // Per register number, when its value is ready, shifted left by one, and
  // in bit 0 whether a load that missed L1D produced it (a wait for it is a
  // memory stall, else a dependency stall). Every uint8_t indexes it, so
  // sources need no validity test: kNoReg and the other non-registers stay
  // ready at cycle 0; results for non-registers go to one more slot,
  // kDiscard, which no source reads.
  static constexpr size_t kDiscard = 256;
  std::array<uint64_t, kDiscard + 1> ready_{};
  uint64_t max_complete_ = 0;       // Latest result of anything issued.
  uint64_t max_load_complete_ = 0;  // Latest load result.
  uint64_t fetch_ready_ = 0;
  StallCause fetch_cause_ = StallCause::kFetch;
  uint64_t last_fetch_line_ = ~0ull;
  std::array<uint64_t, static_cast<size_t>(StallCause::kCount)> pending_{};  // TLB, walks.
  bool has_pending_ = false;  // Some pending_ entry is non-zero.
  StoreRing store_buffer_;    // Drain-complete cycle of each entry, oldest first.
  uint64_t last_drain_ = 0;

  // In order: the cycle of the last issue and how many issued in it.
  uint64_t last_issue_ = 0;
  uint32_t issue_group_ = 0;
  // Out of order: the same for dispatch and commit, and the commit cycle of
  // each of the last rob_entries instructions (a ring by instruction count).
  uint64_t last_dispatch_ = 0, last_commit_ = 0;
  uint32_t dispatch_group_ = 0, commit_group_ = 0;
  std::vector<uint64_t> rob_commit_;
  size_t rob_size_ = 0;
  size_t rob_pos_ = 0;  // The slot of the next instruction (instruction count mod size).

  Stats stats_;
};

}  // namespace el2
