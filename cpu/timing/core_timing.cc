#include "cpu/timing/core_timing.h"

#include <algorithm>
#include <bit>
#include <initializer_list>

namespace el2 {
namespace {

size_t idx(StallCause c) { return static_cast<size_t>(c); }

// A micro-TLB as a cache: one set of `entries` ways, each "line" a 4 KiB page.
// Larger pages take one entry per 4 KiB used, like the functional TLB.
CacheGeometry micro_tlb(uint32_t entries) { return {entries * 4096u, entries, 4096u, 0}; }

}  // namespace

std::string_view stall_cause_name(StallCause c) {
  switch (c) {
    case StallCause::kDependency:
      return "dependency";
    case StallCause::kMemory:
      return "memory";
    case StallCause::kExecution:
      return "execution";
    case StallCause::kStructural:
      return "structural";
    case StallCause::kFetch:
      return "fetch";
    case StallCause::kMispredict:
      return "mispredict";
    case StallCause::kStoreBuffer:
      return "store buffer";
    case StallCause::kTlb:
      return "tlb";
    case StallCause::kPageWalk:
      return "page walk";
    case StallCause::kBarrier:
      return "barrier";
    case StallCause::kException:
      return "exception";
    case StallCause::kCount:
      break;
  }
  return "?";
}

// Raises a start time `t` to `bound`, charging the raise to `why`.
template <class Sink>
void raise(uint64_t& t, uint64_t bound, StallCause why, Sink& sink) {
  if (bound <= t) return;
  sink.charge(why, bound - t);
  t = bound;
}

StallCause CoreTiming::Tally::dominant(uint64_t* most) const {
  StallCause best = StallCause::kCount;
  uint64_t best_cycles = 0;
  // Ascending cause order with a strict comparison: ties go to the lower enum.
  for (uint32_t bits = charged; bits != 0; bits &= bits - 1) {
    const unsigned c = static_cast<unsigned>(std::countr_zero(bits));
    if (cycles[c] > best_cycles) {
      best = static_cast<StallCause>(c);
      best_cycles = cycles[c];
    }
  }
  *most = best_cycles;
  return best;
}

// `common`: the dependency, memory, structural, fetch and mispredict fields.
StallCause CoreTiming::WaitTally::dominant_with_others(Tally all, std::array<uint64_t, 5> common,
                                                       uint64_t* most) {
  // Charging a cause again adds to it, so merging the fields into the other
  // causes' Tally gives the sums a single Tally would have held.
  constexpr StallCause kCommon[] = {StallCause::kDependency, StallCause::kMemory,
                                    StallCause::kStructural, StallCause::kFetch,
                                    StallCause::kMispredict};
  for (size_t i = 0; i < common.size(); ++i)
    if (common[i] != 0) all.charge(kCommon[i], common[i]);
  return all.dominant(most);
}

CoreTiming::StoreRing::StoreRing(uint32_t entries)
    : ring_(std::bit_ceil(entries)), mask_(std::bit_ceil(entries) - 1) {}

CoreTiming::CoreTiming(const CoreProfile& profile)
    : p_(profile),
      l1i_(profile.l1i),
      l1d_(profile.l1d),
      l2_(profile.l2),
      itlb_(micro_tlb(profile.tlb.itlb_entries)),
      dtlb_(micro_tlb(profile.tlb.dtlb_entries)),
      bp_(profile.branch),
      unit_count_{profile.units.alu,   profile.units.mul, profile.units.div,    profile.units.load,
                  profile.units.store, profile.units.mem, profile.units.branch, profile.units.fp},
      l1i_line_shift_(static_cast<unsigned>(std::countr_zero(profile.l1i.line))),
      store_buffer_(profile.store_buffer_entries),
      rob_commit_(profile.out_of_order ? profile.rob_entries : 0),
      rob_size_(rob_commit_.size()) {
  for (size_t op = 0; op < kOpClassCount; ++op)
    ops_[op].latency[0] = ops_[op].latency[1] = p_.latency[op];
  ops_[static_cast<size_t>(OpClass::kIntMul)].latency[1] = p_.int_mul_64;
  ops_[static_cast<size_t>(OpClass::kIntDiv)].latency[1] = p_.int_div_64;
  auto set = [&](OpClass op, std::initializer_list<Unit> units) {
    OpUnits& u = ops_[static_cast<size_t>(op)].units;
    for (Unit unit : units) u.unit[u.n++] = unit;
    u.has_divider = op == OpClass::kIntDiv;
    u.single = u.n == 1 && !u.has_divider;
    u.single_count = unit_count_[u.unit[0]];
  };
  set(OpClass::kIntAlu, {kAlu});
  set(OpClass::kIntMul, {kMul});
  set(OpClass::kIntDiv, {kDiv});
  set(OpClass::kLoad, {kLoadUnit, kMem});
  set(OpClass::kFpSimdLoad, {kLoadUnit, kMem});
  set(OpClass::kStore, {kStoreUnit, kMem});
  set(OpClass::kFpSimdStore, {kStoreUnit, kMem});
  set(OpClass::kAtomic, {kLoadUnit, kStoreUnit, kMem});
  set(OpClass::kBranch, {kBranchUnit});
  set(OpClass::kFpSimd, {kFp});
  // System, barrier and NOP instructions use no unit, only an issue slot.
}

uint64_t CoreTiming::earliest_with_units(uint64_t t, const OpUnits& u, uint32_t latency) const {
  if (!u.has_divider) [[likely]] {
    // Every unit is busy one cycle. A store stream waiting for the store
    // unit walks many cycles here (U-Boot: a tenth of its host
    // instructions), so skip the cycles the first full unit is full in,
    // none of which can be the answer, without looking at the others.
    for (;;) {
      unsigned k = 0;
      while (k < u.n && units_[u.unit[k]].has_room(t, unit_count_[u.unit[k]])) ++k;
      if (k == u.n) return t;
      const UnitCalendar& full = units_[u.unit[k]];
      const uint32_t count = unit_count_[u.unit[k]];
      do ++t;
      while (!full.has_room(t, count));
    }
  }
  for (;;) {
    bool fits = true;
    for (unsigned k = 0; k < u.n && fits; ++k) {
      const uint32_t busy = busy_cycles(u.unit[k], latency);
      for (uint32_t i = 0; i < busy; ++i) {
        if (!units_[u.unit[k]].has_room(t + i, unit_count_[u.unit[k]])) {
          t += i + 1;
          fits = false;
          break;
        }
      }
    }
    if (fits) return t;
  }
}

void CoreTiming::reserve_units(uint64_t t, const OpUnits& u, uint32_t latency) {
  if (!u.has_divider) [[likely]] {
    for (unsigned k = 0; k < u.n; ++k) units_[u.unit[k]].reserve(t);
    return;
  }
  for (unsigned k = 0; k < u.n; ++k) {
    const uint32_t busy = busy_cycles(u.unit[k], latency);
    for (uint32_t i = 0; i < busy; ++i) units_[u.unit[k]].reserve(t + i);
  }
}

uint64_t CoreTiming::book_units_slow(uint64_t t, const OpUnits& u, uint32_t latency) {
  t = earliest_with_units(t, u, latency);
  reserve_units(t, u, latency);
  return t;
}

// An L1 miss: the L2 look-up, and the cycles beyond an L1 hit it costs.
uint64_t CoreTiming::fill_from_l2(uint64_t addr, uint32_t l1_penalty) {
  if (l2_.access(addr)) {
    ++stats_.l2.hits;
    return l1_penalty;
  }
  ++stats_.l2.misses;
  return l1_penalty + p_.l2.miss_penalty;
}

uint64_t CoreTiming::data_access(uint64_t addr, bool* l1_miss) {
  if (l1d_.access(addr)) [[likely]] {
    ++stats_.l1d.hits;
    return 0;
  }
  ++stats_.l1d.misses;
  *l1_miss = true;
  return fill_from_l2(addr, p_.l1d.miss_penalty);
}

uint64_t CoreTiming::fetch_new_line(uint64_t pc) {
  last_fetch_line_ = pc >> l1i_line_shift_;
  if (l1i_.access(pc)) {
    ++stats_.l1i.hits;
    return 0;
  }
  ++stats_.l1i.misses;
  return fill_from_l2(pc, p_.l1i.miss_penalty);
}

uint64_t CoreTiming::store_buffer_bound(uint64_t t, unsigned entries) {
  // Entries drained by `t` are free; if still too few, wait for the oldest.
  while (!store_buffer_.empty() && store_buffer_.front() <= t) store_buffer_.pop_front();
  while (store_buffer_.size() + entries > p_.store_buffer_entries) {
    t = std::max(t, store_buffer_.front());
    store_buffer_.pop_front();
  }
  return t;
}

void CoreTiming::push_store(uint64_t alloc_cycle, uint64_t miss_extra) {
  // The buffer drains in order, one L1 write per cycle, a miss waiting for
  // its line fill (write-allocate).
  const uint64_t start = std::max(alloc_cycle + 1, last_drain_);
  last_drain_ = start + 1 + miss_extra;
  store_buffer_.push_back(last_drain_);
}

bool CoreTiming::predict_other(const RetiredInsn& insn) {
  return bp_.predict_and_update(BranchEvent{.pc = insn.pc,
                                            .target = insn.target,
                                            .conditional = insn.is_conditional,
                                            .taken = insn.taken,
                                            .call = insn.is_call,
                                            .ret = insn.is_return,
                                            .indirect = insn.is_indirect});
}

void CoreTiming::mispredicted(uint64_t resolve_cycle) {
  ++stats_.mispredicts;
  const uint64_t refetch = resolve_cycle + 1 + p_.branch.mispredict_penalty;
  if (refetch > fetch_ready_) {
    fetch_ready_ = refetch;
    fetch_cause_ = StallCause::kMispredict;
  }
}

template <class Sink>
uint64_t CoreTiming::take_pending_slow(uint64_t t, Sink& sink) {
  const uint64_t base = t;
  uint64_t total = 0;
  for (size_t c = 0; c < kCauses; ++c) {
    if (pending_[c] == 0) continue;
    total += pending_[c];
    raise(t, base + total, static_cast<StallCause>(c), sink);
    pending_[c] = 0;
  }
  has_pending_ = false;
  return t;
}

CoreTiming::SourceWait CoreTiming::wait_in_turn(uint64_t t, uint64_t a, uint64_t b, uint64_t c) {
  SourceWait w{0, 0};
  for (const uint64_t entry : {a, b, c}) {
    const uint64_t ready = entry >> 1;
    if (ready <= t) continue;
    (entry & 1 ? w.memory : w.dependency) += ready - t;
    t = ready;
  }
  return w;
}

uint64_t CoreTiming::drain_point() const { return std::max(now_, max_complete_); }

void CoreTiming::restart_at(uint64_t until) {
  last_issue_ = last_dispatch_ = last_commit_ = until;
  issue_group_ = dispatch_group_ = commit_group_ = 0;
  fetch_ready_ = until;
  last_fetch_line_ = ~0ull;
}

CoreTiming::MemCost CoreTiming::memory_events(const RetiredInsn& insn) {
  MemCost m;
  for (unsigned i = 0; i < std::min<unsigned>(insn.n_mem, 2); ++i) {
    if (insn.mem[i].is_store) {
      bool ignored = false;
      m.store_extra[m.stores++] = data_access(insn.mem[i].addr, &ignored);
    } else {
      m.loads = true;
      m.load_extra = std::max(m.load_extra, data_access(insn.mem[i].addr, &m.l1_miss));
    }
  }
  return m;
}

template <bool kMem>
uint64_t CoreTiming::retire_in_order(const RetiredInsn& insn) {
  const MemCost m = kMem ? memory_events(insn) : MemCost{};
  const uint32_t lat = result_latency(insn);
  const OpUnits& units = ops_[static_cast<size_t>(insn.op)].units;
  StatSink stall{stats_.stall};

  // The earliest an instruction issues with nothing in its way: with the
  // previous one when the issue group has room, else the cycle after.
  uint64_t t = issue_group_ < p_.issue_width ? last_issue_ : last_issue_ + 1;
  raise(t, fetch_ready_, fetch_cause_, stall);
  if (const uint64_t fd = fetch_delay(insn.pc)) [[unlikely]] {
    raise(t, t + fd, StallCause::kFetch, stall);
    fetch_ready_ = t;
    fetch_cause_ = StallCause::kFetch;
  }
  take_pending(t, stall);
  wait_for_sources(t, insn, stall);
  if (m.stores == 0) {
    raise(t, book_units(t, units, lat), StallCause::kStructural, stall);
  } else {
    // A free unit and store buffer room in the same cycle.
    for (;;) {
      raise(t, earliest_with_units(t, units, lat), StallCause::kStructural, stall);
      const uint64_t sb = store_buffer_bound(t, m.stores);
      if (sb == t) break;
      raise(t, sb, StallCause::kStoreBuffer, stall);
    }
    reserve_units(t, units, lat);
  }
  if (t == last_issue_) {
    ++issue_group_;
  } else {
    last_issue_ = t;
    issue_group_ = 1;
  }
  const uint64_t done = t + lat + m.load_extra;
  write_results(insn, done, m.l1_miss);
  max_complete_ = std::max(max_complete_, done);
  if (m.loads) max_load_complete_ = std::max(max_load_complete_, done);
  for (unsigned i = 0; i < m.stores; ++i) push_store(t, m.store_extra[i]);
  if (insn.is_branch) branch(insn, t);

  ++stats_.insns;
  return advance(t + 1);
}

template <bool kMem>
uint64_t CoreTiming::retire_out_of_order(const RetiredInsn& insn) {
  const MemCost m = kMem ? memory_events(insn) : MemCost{};
  const uint32_t lat = result_latency(insn);
  const OpUnits& units = ops_[static_cast<size_t>(insn.op)].units;
  const size_t rob_slot = rob_pos_;
  rob_pos_ = rob_pos_ + 1 == rob_size_ ? 0 : rob_pos_ + 1;
  WaitTally tally{.others = tally_};

  // Dispatch, in program order, issue_width a cycle, while the window has room.
  uint64_t d = dispatch_group_ < p_.issue_width ? last_dispatch_ : last_dispatch_ + 1;
  raise(d, fetch_ready_, fetch_cause_, tally);
  if (const uint64_t fd = fetch_delay(insn.pc)) [[unlikely]] {
    raise(d, d + fd, StallCause::kFetch, tally);
    fetch_ready_ = d;
    fetch_cause_ = StallCause::kFetch;
  }
  raise(d, rob_commit_[rob_slot], StallCause::kStructural, tally);
  if (d == last_dispatch_) {
    ++dispatch_group_;
  } else {
    last_dispatch_ = d;
    dispatch_group_ = 1;
  }

  // Execute when the operands and a unit are ready: out of program order.
  uint64_t e = d;
  if (has_pending_) [[unlikely]] {
    // Straight to the other causes' Tally: only TLB refills and walks pend.
    e = take_pending_slow(e, tally.use_others());
  }
  wait_for_sources(e, insn, tally);
  raise(e, book_units(e, units, lat), StallCause::kStructural, tally);
  const uint64_t done = e + lat + m.load_extra;
  write_results(insn, done, m.l1_miss);
  max_complete_ = std::max(max_complete_, done);
  if (m.loads) max_load_complete_ = std::max(max_load_complete_, done);
  if (insn.is_branch) branch(insn, e);

  // Commit, in program order, issue_width a cycle, once the result is ready.
  StatSink stall{stats_.stall};
  uint64_t c = commit_group_ < p_.issue_width ? last_commit_ : last_commit_ + 1;
  if (done > c) {
    // A late commit is charged to the main reason the result was late: the
    // largest delay before execution, a cache miss, or else its own latency.
    uint64_t delay = 0;
    StallCause why = tally.dominant(&delay);
    if (m.l1_miss && m.load_extra >= delay) why = StallCause::kMemory;
    if (why == StallCause::kCount) why = StallCause::kExecution;
    raise(c, done, why, stall);
  }
  if (m.stores > 0) [[unlikely]]
    raise(c, store_buffer_bound(c, m.stores), StallCause::kStoreBuffer, stall);
  if (c == last_commit_) {
    ++commit_group_;
  } else {
    last_commit_ = c;
    commit_group_ = 1;
  }
  rob_commit_[rob_slot] = c;
  // Stores leave the store buffer after they commit.
  for (unsigned i = 0; i < m.stores; ++i) push_store(c, m.store_extra[i]);

  ++stats_.insns;
  return advance(c);
}

uint64_t CoreTiming::retire(const RetiredInsn& insn) {
  if (insn.n_mem == 0) [[likely]]
    return p_.out_of_order ? retire_out_of_order<false>(insn) : retire_in_order<false>(insn);
  return p_.out_of_order ? retire_out_of_order<true>(insn) : retire_in_order<true>(insn);
}

uint64_t CoreTiming::exception_entry() {
  ++stats_.exceptions;
  // Older instructions complete first (exceptions are precise).
  StatSink stall{stats_.stall};
  uint64_t t = now_;
  raise(t, drain_point(), StallCause::kException, stall);
  take_pending(t, stall);  // A faulting access's TLB refill or walk.
  raise(t, t + p_.exception_entry, StallCause::kException, stall);
  const uint64_t before = now_;
  restart_at(t);
  advance(t);
  return now_ - before;
}

uint64_t CoreTiming::exception_return() {
  ++stats_.exception_returns;
  const uint64_t start = drain_point();
  const uint64_t end = start + p_.exception_return;
  stats_.stall[idx(StallCause::kException)] += end - now_;
  restart_at(end);
  return advance(end);
}

uint64_t CoreTiming::barrier(BarrierKind kind) {
  ++stats_.barriers;
  uint64_t end = now_;
  switch (kind) {
    case BarrierKind::kDmb:
      end = std::max(now_, last_drain_) + p_.dmb;
      break;
    case BarrierKind::kDsb:
      end = std::max({now_, last_drain_, max_load_complete_}) + p_.dsb;
      break;
    case BarrierKind::kIsb:
      end = now_ + p_.isb;
      break;
  }
  // Nothing younger starts before the barrier is done (for DMB, which only
  // orders memory accesses, this is pessimistic: see docs/TIMING.md).
  stats_.stall[idx(StallCause::kBarrier)] += end - now_;
  restart_at(end);
  return advance(end);
}

void CoreTiming::tlb_access(uint64_t va, bool fetch, bool main_tlb_hit) {
  Cache& micro = fetch ? itlb_ : dtlb_;
  CacheStats& s = fetch ? stats_.itlb : stats_.dtlb;
  // A main-TLB miss means the translation changed or was invalidated, so the
  // micro-TLB cannot have held it either.
  const bool micro_hit = micro.access(va) && main_tlb_hit;
  if (micro_hit) {
    ++s.hits;
    return;
  }
  ++s.misses;
  ++(main_tlb_hit ? stats_.main_tlb.hits : stats_.main_tlb.misses);
  pending_[idx(StallCause::kTlb)] += p_.tlb.micro_miss_penalty;
  has_pending_ = true;
}

void CoreTiming::page_walk(std::span<const uint64_t> descriptor_addrs) {
  ++stats_.page_walks;
  has_pending_ = true;
  for (uint64_t pa : descriptor_addrs) {
    ++stats_.walk_accesses;
    bool l1_miss = false;
    // Each level's address comes from the previous descriptor: serial loads.
    pending_[idx(StallCause::kPageWalk)] +=
        p_.latency_of(OpClass::kLoad) + data_access(pa, &l1_miss);
  }
}

void CoreTiming::idle_until(uint64_t cycle) {
  if (cycle <= now_) return;
  stats_.idle_cycles += cycle - now_;
  restart_at(cycle);
  advance(cycle);
}

}  // namespace el2
