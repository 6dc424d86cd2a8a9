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

#include <algorithm>
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
  // The unit count is the caller's (unit_count_), so a calendar is exactly
  // 64 KiB and finding one is a shift.
  class UnitCalendar {
   public:
    bool has_room(uint64_t cycle, uint32_t count) const {
      const Slot& s = slots_[cycle & (kWindow - 1)];
      // A slot holding another cycle (older, or a booking kWindow or more
      // ahead, which long miss chains and time skipped over idle periods
      // reach) is free for this one. Treating the far-ahead case as busy
      // instead made every later instruction walk the window cycle by cycle
      // (measured: 10x slower runs) for an aliasing case that barely matters.
      return s.cycle != cycle || s.used < count;
    }
    void reserve(uint64_t cycle) {
      Slot& s = slots_[cycle & (kWindow - 1)];
      if (s.cycle != cycle) s = Slot{cycle, 0};
      ++s.used;
    }
    // has_room, then reserve: one slot look-up.
    bool try_book(uint64_t cycle, uint32_t count) {
      Slot& s = slots_[cycle & (kWindow - 1)];
      if (s.cycle != cycle) {
        s = Slot{cycle, 1};
        return true;
      }
      if (s.used >= count) return false;
      ++s.used;
      return true;
    }

   private:
    static constexpr size_t kWindow = 4096;  // A power of two: slots by mask.
    struct Slot {
      uint64_t cycle = 0;
      uint32_t used = 0;
    };
    std::array<Slot, kWindow> slots_{};
  };
  enum Unit : uint8_t { kAlu, kMul, kDiv, kLoadUnit, kStoreUnit, kMem, kBranchUnit, kFp, kUnits };
  // The units an op class books, one cycle each (pipelined) except the
  // divider, which stays busy until its result is ready.
  struct OpUnits {
    uint8_t n = 0;
    bool has_divider = false;  // Takes the slow path: busy for many cycles.
    bool single = false;       // n == 1 and no divider: the common case, tested first.
    Unit unit[3] = {};
    uint32_t single_count = 0;  // With `single`: how many of unit[0] the core has.
  };
  // What an op class costs: [sf] result latency (sf = 1 picks the X-form
  // multiply and divide) and the units booked. One table, one look-up.
  struct OpInfo {
    uint32_t latency[2] = {};
    OpUnits units;
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
  // An out-of-order instruction's Tally, kept as a local: the five causes
  // nearly every wait is charged to are plain fields, so a charge is an add
  // to a local and the largest is a few compares, not a walk of the bits;
  // any other cause goes to `others` (the member tally_), cleared on its
  // first use. With the one-maximum source wait below, this took the loop
  // benchmark from 191 to 171 host instructions per retired one.
  struct WaitTally {
    uint64_t dependency = 0, memory = 0, structural = 0, fetch = 0, mispredict = 0;
    bool has_others = false;
    Tally& others;
    void charge(StallCause why, uint64_t n) {
      switch (why) {
        case StallCause::kDependency:
          dependency += n;
          return;
        case StallCause::kMemory:
          memory += n;
          return;
        case StallCause::kStructural:
          structural += n;
          return;
        case StallCause::kFetch:
          fetch += n;
          return;
        case StallCause::kMispredict:
          mispredict += n;
          return;
        default:
          charge_other(why, n);
      }
    }
    void charge_other(StallCause why, uint64_t n) { use_others().charge(why, n); }
    Tally& use_others() {
      if (!has_others) {
        others.charged = 0;
        has_others = true;
      }
      return others;
    }
    // As Tally::dominant.
    StallCause dominant(uint64_t* most) const {
      if (has_others) [[unlikely]]
        return dominant_with_others(others, {dependency, memory, structural, fetch, mispredict},
                                    most);
      // Ascending cause order with a strict comparison: ties go to the lower enum.
      static_assert(StallCause::kDependency < StallCause::kMemory &&
                    StallCause::kMemory < StallCause::kStructural &&
                    StallCause::kStructural < StallCause::kFetch &&
                    StallCause::kFetch < StallCause::kMispredict);
      StallCause best = StallCause::kCount;
      uint64_t best_cycles = 0;
      pick(best, best_cycles, StallCause::kDependency, dependency);
      pick(best, best_cycles, StallCause::kMemory, memory);
      pick(best, best_cycles, StallCause::kStructural, structural);
      pick(best, best_cycles, StallCause::kFetch, fetch);
      pick(best, best_cycles, StallCause::kMispredict, mispredict);
      *most = best_cycles;
      return best;
    }
    static void pick(StallCause& best, uint64_t& best_cycles, StallCause c, uint64_t cycles) {
      if (cycles > best_cycles) {
        best = c;
        best_cycles = cycles;
      }
    }
    // By value, so that no pointer to a WaitTally keeps it out of registers.
    static StallCause dominant_with_others(Tally all, std::array<uint64_t, 5> common,
                                           uint64_t* most);
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
    return ops_[static_cast<size_t>(insn.op)].latency[insn.encoding >> 31];
  }
  // Books the units an op class needs in the first cycle from `t` in which
  // they all have room, and returns that cycle.
  uint64_t book_units(uint64_t t, const OpUnits& u, uint32_t latency) {
    if (u.single) [[likely]] {
      if (units_[u.unit[0]].try_book(t, u.single_count)) [[likely]]
        return t;
    } else if (u.n == 0) {
      return t;
    } else if (!u.has_divider && all_have_room(t, u)) [[likely]] {
      for (unsigned k = 0; k < u.n; ++k) units_[u.unit[k]].reserve(t);
      return t;
    }
    return book_units_slow(t, u, latency);
  }
  bool all_have_room(uint64_t t, const OpUnits& u) const {
    for (unsigned k = 0; k < u.n; ++k)
      if (!units_[u.unit[k]].has_room(t, unit_count_[u.unit[k]])) return false;
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
  // Waits for every source, charging each wait to its producer's kind. When
  // no source's producer missed L1D, the waits one source after another add
  // up to one dependency stall from `t` to the latest source, so the common
  // case takes the maximum instead. Always inline: an out-of-line call made
  // the caller's tally live in memory.
  template <class Sink>
  [[gnu::always_inline]] void wait_for_sources(uint64_t& t, const RetiredInsn& insn,
                                               Sink& sink) const {
    const uint64_t a = ready_[insn.srcs[0]], b = ready_[insn.srcs[1]], c = ready_[insn.srcs[2]];
    // Values, not std::max's references, which put the entries in memory.
    const uint64_t ab = a > b ? a : b;
    const uint64_t latest = (ab > c ? ab : c) >> 1;
    if (latest <= t) return;
    if (((a | b | c) & 1) != 0) [[unlikely]] {
      const SourceWait w = wait_in_turn(t, a, b, c);
      if (w.dependency) sink.charge(StallCause::kDependency, w.dependency);
      if (w.memory) sink.charge(StallCause::kMemory, w.memory);
    } else {
      sink.charge(StallCause::kDependency, latest - t);
    }
    t = latest;
  }
  // The waits for ready_ entries `a`, `b` and `c` in turn from `t`: the
  // cycles charged to each kind.
  struct SourceWait {
    uint64_t dependency, memory;
  };
  static SourceWait wait_in_turn(uint64_t t, uint64_t a, uint64_t b, uint64_t c);
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
      t = take_pending_slow(t, sink);
  }
  // Returns the delayed `t`: by value, so the caller's `t` can stay in a
  // register.
  template <class Sink>
  uint64_t take_pending_slow(uint64_t t, Sink& sink);
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

  Tally tally_;  // WaitTally's other causes.
  CoreProfile p_;
  InsnDescriber describer_;
  Cache l1i_, l1d_, l2_;
  Cache itlb_, dtlb_;  // Fully associative: one set of 4 KiB "lines".
  BranchPredictor bp_;
  std::array<UnitCalendar, kUnits> units_;
  std::array<uint32_t, kUnits> unit_count_;  // How many of each unit the core has.
  std::array<OpInfo, kOpClassCount> ops_{};  // Per op class, from the profile.
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
