#include "cpu/timing/core_timing.h"

#include <algorithm>

namespace el2 {
namespace {

constexpr size_t kCauses = static_cast<size_t>(StallCause::kCount);

size_t idx(StallCause c) { return static_cast<size_t>(c); }

// A micro-TLB as a cache: one set of `entries` ways, each "line" a 4 KiB page.
// Larger pages take one entry per 4 KiB used, like the functional TLB.
CacheGeometry micro_tlb(uint32_t entries) { return {entries * 4096u, entries, 4096u, 0}; }

bool is_reg(uint8_t r) { return r < kTimingRegs; }

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

// A lower bound on a start time, charging each raise to the cause behind it.
// A start time's lower bounds, with the cause of each raise. An instruction
// meets only a few bounds, so the charges are a short list rather than an
// array over every cause: clearing and scanning an 11-entry array four
// times per instruction cost more than the rest of the model (measured).
struct CoreTiming::Timer {
  static constexpr unsigned kMaxCharges = 6;
  explicit Timer(uint64_t start) : t(start) {}
  uint64_t t;
  unsigned n = 0;
  StallCause cause[kMaxCharges]{};
  uint64_t cycles[kMaxCharges]{};

  void charge(StallCause why, uint64_t c) {
    for (unsigned i = 0; i < n; ++i)
      if (cause[i] == why) {
        cycles[i] += c;
        return;
      }
    if (n == kMaxCharges) {  // Never reached by the callers; merge to be safe.
      cycles[n - 1] += c;
      return;
    }
    cause[n] = why;
    cycles[n++] = c;
  }
  void at_least(uint64_t bound, StallCause why) {
    if (bound <= t) return;
    charge(why, bound - t);
    t = bound;
  }
  void add_charges(const Timer& other) {
    for (unsigned i = 0; i < other.n; ++i) charge(other.cause[i], other.cycles[i]);
  }
  // The cause charged most (ties: the lower enum), or kCount when none was.
  StallCause dominant(uint64_t* most) const {
    StallCause best = StallCause::kCount;
    uint64_t best_cycles = 0;
    for (unsigned i = 0; i < n; ++i) {
      if (cycles[i] == 0) continue;
      if (best == StallCause::kCount || cycles[i] > best_cycles ||
          (cycles[i] == best_cycles && cause[i] < best)) {
        best = cause[i];
        best_cycles = cycles[i];
      }
    }
    *most = best_cycles;
    return best;
  }
  void add_to(std::array<uint64_t, kCauses>& stall) const {
    for (unsigned i = 0; i < n; ++i) stall[idx(cause[i])] += cycles[i];
  }
};

bool CoreTiming::UnitCalendar::has_room(uint64_t cycle) const {
  const Slot& s = slots_[cycle % kWindow];
  // A slot holding another cycle (older, or a booking kWindow or more ahead,
  // which long miss chains and time skipped over idle periods reach) is free
  // for this one. Treating the far-ahead case as busy instead made every
  // later instruction walk the window cycle by cycle (measured: 10x slower
  // runs) for an aliasing case that barely matters.
  return s.cycle != cycle || s.used < count_;
}

void CoreTiming::UnitCalendar::reserve(uint64_t cycle, uint32_t cycles) {
  for (uint64_t c = cycle; c < cycle + cycles; ++c) {
    Slot& s = slots_[c % kWindow];
    if (s.cycle != c) s = Slot{c, 0};
    ++s.used;
  }
}

CoreTiming::CoreTiming(const CoreProfile& profile)
    : p_(profile),
      l1i_(profile.l1i),
      l1d_(profile.l1d),
      l2_(profile.l2),
      itlb_(micro_tlb(profile.tlb.itlb_entries)),
      dtlb_(micro_tlb(profile.tlb.dtlb_entries)),
      bp_(profile.branch),
      alu_(profile.units.alu),
      mul_(profile.units.mul),
      div_(profile.units.div),
      load_(profile.units.load),
      store_(profile.units.store),
      mem_(profile.units.mem),
      branch_unit_(profile.units.branch),
      fp_(profile.units.fp),
      rob_commit_(profile.out_of_order ? profile.rob_entries : 0) {
  ready_cause_.fill(StallCause::kDependency);
}

uint32_t CoreTiming::result_latency(const RetiredInsn& insn) const {
  // sf (bit 31) selects the X form of the data-processing multiplies and
  // divides (Arm ARM C4.1.95 "Data-processing (2 source)" / "(3 source)").
  const bool x_form = (insn.encoding >> 31) & 1;
  if (insn.op == OpClass::kIntMul && x_form) return p_.int_mul_64;
  if (insn.op == OpClass::kIntDiv && x_form) return p_.int_div_64;
  return p_.latency_of(insn.op);
}

int CoreTiming::units_for(OpClass op, uint32_t latency, UnitUse* out) {
  switch (op) {
    case OpClass::kIntAlu:
      out[0] = {&alu_, 1};
      return 1;
    case OpClass::kIntMul:
      out[0] = {&mul_, 1};
      return 1;
    // The divider iterates: busy until its result is ready.
    case OpClass::kIntDiv:
      out[0] = {&div_, std::max(latency, 1u)};
      return 1;
    case OpClass::kLoad:
    case OpClass::kFpSimdLoad:
      out[0] = {&load_, 1};
      out[1] = {&mem_, 1};
      return 2;
    case OpClass::kStore:
    case OpClass::kFpSimdStore:
      out[0] = {&store_, 1};
      out[1] = {&mem_, 1};
      return 2;
    case OpClass::kAtomic:
      out[0] = {&load_, 1};
      out[1] = {&store_, 1};
      out[2] = {&mem_, 1};
      return 3;
    case OpClass::kBranch:
      out[0] = {&branch_unit_, 1};
      return 1;
    case OpClass::kFpSimd:
      out[0] = {&fp_, 1};
      return 1;
    case OpClass::kSystem:
    case OpClass::kBarrier:
    case OpClass::kNop:
      return 0;
  }
  return 0;
}

uint64_t CoreTiming::earliest_with_units(uint64_t t, const UnitUse* uses, int n) const {
  for (;;) {
    bool fits = true;
    for (int u = 0; u < n && fits; ++u) {
      for (uint32_t i = 0; i < uses[u].cycles; ++i) {
        if (!uses[u].unit->has_room(t + i)) {
          t += i + 1;
          fits = false;
          break;
        }
      }
    }
    if (fits) return t;
  }
}

uint64_t CoreTiming::data_access(uint64_t addr, bool* l1_miss) {
  if (l1d_.access(addr)) {
    ++stats_.l1d.hits;
    return 0;
  }
  ++stats_.l1d.misses;
  *l1_miss = true;
  uint64_t extra = p_.l1d.miss_penalty;
  if (l2_.access(addr)) {
    ++stats_.l2.hits;
  } else {
    ++stats_.l2.misses;
    extra += p_.l2.miss_penalty;
  }
  return extra;
}

uint64_t CoreTiming::fetch_delay(uint64_t pc) {
  // Fetch reads a line at a time: only a new line looks the cache up.
  const uint64_t line = pc / p_.l1i.line;
  if (line == last_fetch_line_) return 0;
  last_fetch_line_ = line;
  if (l1i_.access(pc)) {
    ++stats_.l1i.hits;
    return 0;
  }
  ++stats_.l1i.misses;
  uint64_t extra = p_.l1i.miss_penalty;
  if (l2_.access(pc)) {
    ++stats_.l2.hits;
  } else {
    ++stats_.l2.misses;
    extra += p_.l2.miss_penalty;
  }
  return extra;
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

void CoreTiming::branch(const RetiredInsn& insn, uint64_t resolve_cycle) {
  ++stats_.branches;
  const BranchEvent b{.pc = insn.pc,
                      .target = insn.target,
                      .conditional = insn.is_conditional,
                      .taken = insn.taken,
                      .call = insn.is_call,
                      .ret = insn.is_return,
                      .indirect = insn.is_indirect};
  if (bp_.predict_and_update(b)) return;
  ++stats_.mispredicts;
  const uint64_t refetch = resolve_cycle + 1 + p_.branch.mispredict_penalty;
  if (refetch > fetch_ready_) {
    fetch_ready_ = refetch;
    fetch_cause_ = StallCause::kMispredict;
  }
}

uint64_t CoreTiming::take_pending(Timer& timer, uint64_t base) {
  uint64_t total = 0;
  for (size_t c = 0; c < kCauses; ++c) {
    if (pending_[c] == 0) continue;
    total += pending_[c];
    timer.at_least(base + total, static_cast<StallCause>(c));
    pending_[c] = 0;
  }
  return total;
}

uint64_t CoreTiming::drain_point() const { return std::max(now_, max_complete_); }

void CoreTiming::restart_at(uint64_t until) {
  floor_ = until;
  last_issue_ = last_dispatch_ = last_commit_ = until;
  issue_group_ = dispatch_group_ = commit_group_ = 0;
  fetch_ready_ = until;
  last_fetch_line_ = ~0ull;
}

uint64_t CoreTiming::advance(uint64_t to) {
  if (to <= now_) return 0;
  const uint64_t delta = to - now_;
  now_ = to;
  return delta;
}

uint64_t CoreTiming::retire(const RetiredInsn& insn) {
  return p_.out_of_order ? retire_out_of_order(insn) : retire_in_order(insn);
}

// What an instruction's memory events cost, looked up in program order.
struct CoreTiming::MemCost {
  bool loads = false;
  bool l1_miss = false;     // Some load missed in L1D.
  uint64_t load_extra = 0;  // Worst load's cycles beyond an L1 hit.
  unsigned stores = 0;
  uint64_t store_extra[2] = {0, 0};
};

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

uint64_t CoreTiming::retire_in_order(const RetiredInsn& insn) {
  const MemCost m = memory_events(insn);
  const uint32_t lat = result_latency(insn);
  UnitUse uses[3];
  const int n_units = units_for(insn.op, lat, uses);

  // The earliest an instruction issues with nothing in its way: with the
  // previous one when the issue group has room, else the cycle after.
  const uint64_t natural =
      std::max(floor_, issue_group_ < p_.issue_width ? last_issue_ : last_issue_ + 1);
  Timer tm{natural};
  tm.at_least(fetch_ready_, fetch_cause_);
  if (const uint64_t fd = fetch_delay(insn.pc)) {
    tm.at_least(tm.t + fd, StallCause::kFetch);
    fetch_ready_ = tm.t;
    fetch_cause_ = StallCause::kFetch;
  }
  take_pending(tm, tm.t);
  for (uint8_t s : insn.srcs) {
    if (is_reg(s)) tm.at_least(ready_[s], ready_cause_[s]);
  }
  for (;;) {
    tm.at_least(earliest_with_units(tm.t, uses, n_units), StallCause::kStructural);
    if (m.stores == 0) break;
    const uint64_t sb = store_buffer_bound(tm.t, m.stores);
    if (sb == tm.t) break;
    tm.at_least(sb, StallCause::kStoreBuffer);
  }

  const uint64_t t = tm.t;
  for (int u = 0; u < n_units; ++u) uses[u].unit->reserve(t, uses[u].cycles);
  if (t == last_issue_) {
    ++issue_group_;
  } else {
    last_issue_ = t;
    issue_group_ = 1;
  }
  const uint64_t done = t + lat + m.load_extra;
  for (uint8_t d : insn.dsts) {
    if (!is_reg(d)) continue;
    ready_[d] = done;
    ready_cause_[d] = m.l1_miss ? StallCause::kMemory : StallCause::kDependency;
  }
  max_complete_ = std::max(max_complete_, done);
  if (m.loads) max_load_complete_ = std::max(max_load_complete_, done);
  for (unsigned i = 0; i < m.stores; ++i) push_store(t, m.store_extra[i]);
  if (insn.is_branch) branch(insn, t);

  ++stats_.insns;
  tm.add_to(stats_.stall);
  return advance(t + 1);
}

uint64_t CoreTiming::retire_out_of_order(const RetiredInsn& insn) {
  const MemCost m = memory_events(insn);
  const uint32_t lat = result_latency(insn);
  UnitUse uses[3];
  const int n_units = units_for(insn.op, lat, uses);
  const size_t rob_slot = rob_pos_;
  rob_pos_ = rob_pos_ + 1 == rob_commit_.size() ? 0 : rob_pos_ + 1;

  // Dispatch, in program order, issue_width a cycle, while the window has room.
  Timer dt{
      std::max(floor_, dispatch_group_ < p_.issue_width ? last_dispatch_ : last_dispatch_ + 1)};
  dt.at_least(fetch_ready_, fetch_cause_);
  if (const uint64_t fd = fetch_delay(insn.pc)) {
    dt.at_least(dt.t + fd, StallCause::kFetch);
    fetch_ready_ = dt.t;
    fetch_cause_ = StallCause::kFetch;
  }
  dt.at_least(rob_commit_[rob_slot], StallCause::kStructural);
  const uint64_t d = dt.t;
  if (d == last_dispatch_) {
    ++dispatch_group_;
  } else {
    last_dispatch_ = d;
    dispatch_group_ = 1;
  }

  // Execute when the operands and a unit are ready: out of program order.
  Timer et{d};
  take_pending(et, d);
  for (uint8_t s : insn.srcs) {
    if (is_reg(s)) et.at_least(ready_[s], ready_cause_[s]);
  }
  et.at_least(earliest_with_units(et.t, uses, n_units), StallCause::kStructural);
  const uint64_t e = et.t;
  for (int u = 0; u < n_units; ++u) uses[u].unit->reserve(e, uses[u].cycles);
  const uint64_t done = e + lat + m.load_extra;
  for (uint8_t dst : insn.dsts) {
    if (!is_reg(dst)) continue;
    ready_[dst] = done;
    ready_cause_[dst] = m.l1_miss ? StallCause::kMemory : StallCause::kDependency;
  }
  max_complete_ = std::max(max_complete_, done);
  if (m.loads) max_load_complete_ = std::max(max_load_complete_, done);
  if (insn.is_branch) branch(insn, e);

  // Commit, in program order, issue_width a cycle, once the result is ready.
  // A late commit is charged to the main reason the result was late: the
  // largest delay before execution, a cache miss, or else its own latency.
  Timer all{0};
  all.add_charges(dt);
  all.add_charges(et);
  uint64_t delay = 0;
  StallCause why = all.dominant(&delay);
  if (m.l1_miss && m.load_extra >= delay) why = StallCause::kMemory;
  if (why == StallCause::kCount) why = StallCause::kExecution;
  Timer ct{std::max(floor_, commit_group_ < p_.issue_width ? last_commit_ : last_commit_ + 1)};
  ct.at_least(done, why);
  if (m.stores > 0) ct.at_least(store_buffer_bound(ct.t, m.stores), StallCause::kStoreBuffer);
  const uint64_t c = ct.t;
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
  ct.add_to(stats_.stall);
  return advance(c);
}

uint64_t CoreTiming::exception_entry() {
  ++stats_.exceptions;
  // Older instructions complete first (exceptions are precise).
  Timer tm{now_};
  tm.at_least(drain_point(), StallCause::kException);
  take_pending(tm, tm.t);  // A faulting access's TLB refill or walk.
  tm.at_least(tm.t + p_.exception_entry, StallCause::kException);
  tm.add_to(stats_.stall);
  const uint64_t before = now_;
  restart_at(tm.t);
  advance(tm.t);
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
}

void CoreTiming::page_walk(std::span<const uint64_t> descriptor_addrs) {
  ++stats_.page_walks;
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
