// The core timing model, driven with synthetic retired-instruction events:
// dependency chains cost their latency, independent work overlaps (A57) or
// dual-issues (A53), cache misses and mispredictions cost more than hits and
// predictions, exceptions cost what the profile says, and the same events
// always cost the same cycles.
//
// The latency table in docs/TIMING.md comes from the "measured op-class
// latencies" case: ./bazelw test //cpu:core_timing_test --test_output=all
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "cpu/timing/core_timing.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <functional>
#include <vector>

namespace el2 {
namespace {

const CoreProfile& a53() { return *builtin_profile("cortex-a53"); }
const CoreProfile& a57() { return *builtin_profile("cortex-a57"); }

constexpr uint64_t kPc = 0x8'0000;
constexpr uint32_t kXForm = 1u << 31;  // sf: the 64-bit form of MUL/DIV.

RetiredInsn op(OpClass cls, uint8_t dst, uint8_t src0 = kNoReg, uint8_t src1 = kNoReg) {
  RetiredInsn i;
  i.pc = kPc;
  i.op = cls;
  i.dsts[0] = dst;
  i.srcs[0] = src0;
  i.srcs[1] = src1;
  return i;
}

RetiredInsn load(uint8_t dst, uint8_t base, uint64_t addr) {
  RetiredInsn i = op(OpClass::kLoad, dst, base);
  i.n_mem = 1;
  i.mem[0] = {.addr = addr, .size = 8, .is_store = false};
  return i;
}

RetiredInsn store(uint8_t data, uint8_t base, uint64_t addr) {
  RetiredInsn i = op(OpClass::kStore, kNoReg, data, base);
  i.n_mem = 1;
  i.mem[0] = {.addr = addr, .size = 8, .is_store = true};
  return i;
}

RetiredInsn cond_branch(uint64_t pc, bool taken) {
  RetiredInsn i = op(OpClass::kBranch, kNoReg, kRegNzcv);
  i.pc = pc;
  i.is_branch = i.is_conditional = true;
  i.taken = taken;
  i.target = pc - 16;
  return i;
}

// Cycles for `n` more repetitions of a steady state after `warm` of them.
uint64_t steady_cycles(const CoreProfile& p, int warm, int n,
                       const std::function<RetiredInsn(int)>& insn) {
  CoreTiming t(p);
  for (int i = 0; i < warm; ++i) t.retire(insn(i));
  const uint64_t start = t.now();
  for (int i = warm; i < warm + n; ++i) t.retire(insn(i));
  return t.now() - start;
}

TEST_CASE("a dependent multiply chain costs its latency per instruction") {
  auto chain = [](uint32_t enc) {
    return [enc](int) {
      RetiredInsn i = op(OpClass::kIntMul, 1, 1, 2);
      i.encoding = enc;
      return i;
    };
  };
  CHECK(steady_cycles(a53(), 10, 100, chain(0)) == 100 * a53().latency_of(OpClass::kIntMul));
  CHECK(steady_cycles(a57(), 10, 100, chain(0)) == 100 * a57().latency_of(OpClass::kIntMul));
  CHECK(steady_cycles(a57(), 10, 100, chain(kXForm)) == 100 * a57().int_mul_64);
}

TEST_CASE("independent multiplies overlap: one per cycle on the single multiplier") {
  // Eight destinations round robin: no instruction waits for another's result.
  auto independent = [](int i) {
    return op(OpClass::kIntMul, static_cast<uint8_t>(1 + i % 8), 20, 21);
  };
  CHECK(steady_cycles(a57(), 20, 120, independent) == 120);
  CHECK(steady_cycles(a53(), 20, 120, independent) == 120);
}

TEST_CASE("A53 dual-issues independent ALU pairs; A57 issues three a cycle") {
  auto independent = [](int i) {
    return op(OpClass::kIntAlu, static_cast<uint8_t>(1 + i % 8), 20);
  };
  CHECK(steady_cycles(a53(), 20, 120, independent) == 60);
  // The A57 has two integer ALU pipes: a third instruction a cycle must use
  // another unit (here the multiplier).
  CHECK(steady_cycles(a57(), 20, 120, independent) == 60);
  auto mixed = [](int i) {
    const auto dst = static_cast<uint8_t>(1 + i % 9);
    return i % 3 == 2 ? op(OpClass::kIntMul, dst, 20) : op(OpClass::kIntAlu, dst, 20);
  };
  CHECK(steady_cycles(a57(), 21, 120, mixed) == 40);
  // A dependent chain cannot pair.
  auto dependent = [](int) { return op(OpClass::kIntAlu, 1, 1); };
  CHECK(steady_cycles(a53(), 20, 120, dependent) == 120);
}

TEST_CASE("A53 issues at most one memory access per cycle, even beside an ALU op") {
  auto loads = [](int i) { return load(static_cast<uint8_t>(1 + i % 8), 20, 0x1000); };
  CHECK(steady_cycles(a53(), 20, 100, loads) == 100);
  auto mixed = [](int i) {
    return i % 2 == 0 ? load(static_cast<uint8_t>(1 + i % 8), 20, 0x1000)
                      : op(OpClass::kIntAlu, static_cast<uint8_t>(1 + i % 8), 20);
  };
  CHECK(steady_cycles(a53(), 20, 100, mixed) == 50);
}

TEST_CASE("the divider is not pipelined") {
  auto independent = [](int i) {
    return op(OpClass::kIntDiv, static_cast<uint8_t>(1 + i % 8), 20, 21);
  };
  CHECK(steady_cycles(a53(), 10, 20, independent) == 20 * a53().latency_of(OpClass::kIntDiv));
  auto x_form = [](int i) {
    RetiredInsn r = op(OpClass::kIntDiv, static_cast<uint8_t>(1 + i % 8), 20, 21);
    r.encoding = kXForm;
    return r;
  };
  CHECK(steady_cycles(a57(), 10, 20, x_form) == 20 * a57().int_div_64);
}

// A loop summing an array: load, then add the loaded value (in-order cores
// stall on the add when the load misses; the OoO window fills up).
uint64_t sum_loop(const CoreProfile& p, uint64_t stride, int iterations) {
  CoreTiming t(p);
  for (int i = 0; i < iterations; ++i) {
    const uint64_t addr = 0x100'0000 + (static_cast<uint64_t>(i) * stride) % (64ull << 20);
    t.retire(load(1, 2, addr));
    t.retire(op(OpClass::kIntAlu, 3, 3, 1));
    t.retire(op(OpClass::kIntAlu, 2, 2));
  }
  return t.now();
}

TEST_CASE("a loop whose loads miss costs more than one whose loads hit") {
  for (const CoreProfile* p : {&a53(), &a57()}) {
    CAPTURE(p->name);
    const uint64_t hits = sum_loop(*p, 0, 2000);       // The same line every time.
    const uint64_t misses = sum_loop(*p, 4096, 2000);  // A new line each time.
    // In order, every miss stalls the add; out of order, misses overlap within
    // the reorder window (no limit on outstanding misses: see docs/TIMING.md).
    CHECK(misses > (p->out_of_order ? 2 : 10) * hits);
    CoreTiming t(*p);
    t.retire(load(1, 2, 0x5000));
    t.retire(load(1, 2, 0x5000));
    CHECK(t.stats().l1d.misses == 1);
    CHECK(t.stats().l1d.hits == 1);
    CHECK(t.stats().l2.misses == 1 + t.stats().l1i.misses);  // L2 is unified.
  }
}

// A pointer chase over a working set: each load's address is the previous
// load's result. Cycles per load show each level's load-to-use latency. The
// lines are visited in a cycle, so under LRU a set larger than a cache
// always misses in it.
uint64_t chase_cycles_per_load(const CoreProfile& p, uint64_t working_set) {
  const uint64_t lines = working_set / 64;
  auto chase = [lines](int i) {
    return load(1, 1, 0x1000'0000 + (static_cast<uint64_t>(i) % lines) * 64);
  };
  const int warm = static_cast<int>(2 * lines);
  return steady_cycles(p, warm, 1000, chase) / 1000;
}

TEST_CASE("a pointer chase costs each cache level's latency") {
  const CoreProfile& p53 = a53();
  CHECK(chase_cycles_per_load(p53, 16 << 10) == p53.latency_of(OpClass::kLoad));
  CHECK(chase_cycles_per_load(p53, 256 << 10) ==
        p53.latency_of(OpClass::kLoad) + p53.l1d.miss_penalty);
  CHECK(chase_cycles_per_load(p53, 8 << 20) ==
        p53.latency_of(OpClass::kLoad) + p53.l1d.miss_penalty + p53.l2.miss_penalty);
  const CoreProfile& p57 = a57();
  CHECK(chase_cycles_per_load(p57, 16 << 10) == p57.latency_of(OpClass::kLoad));
  CHECK(chase_cycles_per_load(p57, 512 << 10) ==
        p57.latency_of(OpClass::kLoad) + p57.l1d.miss_penalty);
  CHECK(chase_cycles_per_load(p57, 8 << 20) ==
        p57.latency_of(OpClass::kLoad) + p57.l1d.miss_penalty + p57.l2.miss_penalty);
}

// A loop of a compare and a conditional branch whose outcome comes from
// `taken(i)`; the exit branch is outside the measurement.
uint64_t branch_loop(const CoreProfile& p, const std::function<bool(int)>& taken) {
  CoreTiming t(p);
  for (int i = 0; i < 4000; ++i) {
    t.retire(op(OpClass::kIntAlu, kRegNzcv, 1));
    t.retire(op(OpClass::kIntAlu, 2, 2));
    t.retire(cond_branch(kPc + 8, taken(i)));
  }
  return t.now();
}

TEST_CASE("a predictable branch loop costs less than a random one") {
  for (const CoreProfile* p : {&a53(), &a57()}) {
    CAPTURE(p->name);
    const uint64_t predictable = branch_loop(*p, [](int) { return true; });
    // A deterministic LCG (Numerical Recipes constants); its top bit decides.
    uint32_t state = 12345;
    const uint64_t random = branch_loop(*p, [&state](int) {
      state = state * 1664525u + 1013904223u;
      return (state >> 31) != 0;
    });
    CHECK(random > predictable + 4000 / 4 * p->branch.mispredict_penalty);
    CoreTiming t(*p);
    uint32_t s = 99;
    for (int i = 0; i < 2000; ++i) {
      s = s * 1664525u + 1013904223u;
      t.retire(cond_branch(kPc, (s >> 31) != 0));
    }
    CHECK(t.stats().branches == 2000);
    CHECK(t.stats().mispredicts > 600);  // About half.
    CHECK(t.stats().stall_cycles(StallCause::kMispredict) > 0);
  }
}

TEST_CASE("the same events cost the same cycles every time") {
  for (const CoreProfile* p : {&a53(), &a57()}) {
    auto run = [p] {
      CoreTiming t(*p);
      uint32_t s = 7;
      std::vector<uint64_t> deltas;
      for (int i = 0; i < 3000; ++i) {
        s = s * 1664525u + 1013904223u;
        const uint64_t addr = 0x2000'0000 + (s % (1u << 22)) * 8;
        switch (s >> 29) {
          case 0:
            deltas.push_back(t.retire(load(s & 7, (s >> 3) & 7, addr)));
            break;
          case 1:
            deltas.push_back(t.retire(store(s & 7, (s >> 3) & 7, addr)));
            break;
          case 2:
            deltas.push_back(t.retire(cond_branch(kPc + (s & 0xF0), s & 0x100)));
            break;
          case 3:
            deltas.push_back(t.retire(op(OpClass::kIntDiv, s & 7, (s >> 3) & 7)));
            break;
          default:
            deltas.push_back(t.retire(op(OpClass::kIntMul, s & 7, (s >> 3) & 7)));
            break;
        }
        if (i % 500 == 0) deltas.push_back(t.exception_entry() + t.exception_return());
      }
      deltas.push_back(t.now());
      deltas.push_back(t.stats().l1d.misses);
      deltas.push_back(t.stats().mispredicts);
      return deltas;
    };
    CHECK(run() == run());
  }
}

TEST_CASE("exception entry and ERET cost what the profile says") {
  for (const CoreProfile* p : {&a53(), &a57()}) {
    CAPTURE(p->name);
    CoreTiming t(*p);
    CHECK(t.exception_entry() == p->exception_entry);
    CHECK(t.exception_return() == p->exception_return);
    CHECK(t.now() == p->exception_entry + p->exception_return);
    CHECK(t.stats().exceptions == 1);
    CHECK(t.stats().exception_returns == 1);
    CHECK(t.stats().stall_cycles(StallCause::kException) == t.now());

    // Entry waits for an older divide to finish (exceptions are precise).
    CoreTiming u(*p);
    u.retire(op(OpClass::kIntAlu, 3, 4));
    const uint64_t issued = u.now();
    u.retire(op(OpClass::kIntDiv, 1, 2, 3));
    const uint64_t div_done = issued + p->latency_of(OpClass::kIntDiv);
    u.exception_entry();
    CHECK(u.now() == div_done + p->exception_entry);
  }
}

TEST_CASE("stores cost an issue slot until the store buffer fills") {
  for (const CoreProfile* p : {&a53(), &a57()}) {
    CAPTURE(p->name);
    auto hits = [](int i) { return store(1, 2, 0x3000 + (i % 4) * 8); };
    CHECK(steady_cycles(*p, 10, 100, hits) == 100);
    auto misses = [](int i) { return store(1, 2, 0x400'0000 + static_cast<uint64_t>(i) * 4096); };
    const uint64_t miss_cycles = steady_cycles(*p, 10, 100, misses);
    CHECK(miss_cycles >= 100 * (p->l1d.miss_penalty + p->l2.miss_penalty));
  }
}

TEST_CASE("DSB waits for a missing store to drain; ISB costs a refetch") {
  for (const CoreProfile* p : {&a53(), &a57()}) {
    CAPTURE(p->name);
    CoreTiming t(*p);
    t.retire(op(OpClass::kNop, kNoReg));  // Takes the L1I miss.
    const uint64_t base = t.now();
    t.retire(store(1, 2, 0x700'0000));
    CHECK(t.now() - base <= 1);
    t.barrier(BarrierKind::kDsb);
    CHECK(t.now() - base >= p->l1d.miss_penalty + p->l2.miss_penalty);
    const uint64_t before_isb = t.now();
    CHECK(t.barrier(BarrierKind::kIsb) == p->isb);
    CHECK(t.now() == before_isb + p->isb);
    CHECK(t.stats().barriers == 2);
  }
}

TEST_CASE("micro-TLB refills and page walks delay the next instruction") {
  const uint64_t descs[] = {0x8000'0000, 0x8001'0000, 0x8002'0000, 0x8003'0000};
  for (const CoreProfile* p : {&a53(), &a57()}) {
    CAPTURE(p->name);
    // Two ALU ops, with translation events between them or not.
    auto run = [&](const std::function<void(CoreTiming&)>& between) {
      CoreTiming t(*p);
      t.retire(op(OpClass::kIntAlu, 1, 2));
      between(t);
      t.retire(op(OpClass::kIntAlu, 3, 4));
      return t;
    };
    const uint64_t plain = run([](CoreTiming&) {}).now();

    // Micro-TLB miss, main TLB hit: the refill penalty.
    CoreTiming refill = run([](CoreTiming& t) { t.tlb_access(0x4000'1000, false, true); });
    CHECK(refill.now() - plain == p->tlb.micro_miss_penalty);
    CHECK(refill.stats().dtlb.misses == 1);
    CHECK(refill.stats().main_tlb.hits == 1);

    // The same page again hits in the micro-TLB and costs nothing.
    CoreTiming again = run([](CoreTiming& t) {
      t.tlb_access(0x4000'1000, false, true);
      t.tlb_access(0x4000'1008, false, true);
    });
    CHECK(again.now() - plain == p->tlb.micro_miss_penalty);
    CHECK(again.stats().dtlb.hits == 1);

    // A main-TLB miss with a walk of four cold descriptors: four dependent
    // loads from memory on top of the refill.
    CoreTiming walk = run([&](CoreTiming& t) {
      t.tlb_access(0x5000'0000, false, false);
      t.page_walk(descs);
    });
    const uint64_t one_walk_load =
        p->latency_of(OpClass::kLoad) + p->l1d.miss_penalty + p->l2.miss_penalty;
    CHECK(walk.now() - plain == 4 * one_walk_load + p->tlb.micro_miss_penalty);
    CHECK(walk.stats().page_walks == 1);
    CHECK(walk.stats().walk_accesses == 4);
    CHECK(walk.stats().main_tlb.misses == 1);
    // In order each part is charged to its own cause; out of order a late
    // commit is charged to its main cause only.
    const uint64_t walk_stall = walk.stats().stall_cycles(StallCause::kPageWalk);
    const uint64_t tlb_stall = walk.stats().stall_cycles(StallCause::kTlb);
    CHECK(walk_stall + tlb_stall == 4 * one_walk_load + p->tlb.micro_miss_penalty);
    if (!p->out_of_order) CHECK(tlb_stall == p->tlb.micro_miss_penalty);
  }
}

TEST_CASE("WFI: idle time passes without instructions") {
  CoreTiming t(a53());
  t.retire(op(OpClass::kIntAlu, 1, 2));
  t.idle_until(10'000);
  CHECK(t.now() == 10'000);
  CHECK(t.stats().idle_cycles == 10'000 - 1 - a53().l1i.miss_penalty - a53().l2.miss_penalty);
  t.idle_until(5);  // The past: nothing happens.
  CHECK(t.now() == 10'000);
  CHECK(t.retire(op(OpClass::kIntAlu, 1, 2)) == 1);
}

TEST_CASE("an instruction-cache miss stalls fetch once per line") {
  CoreTiming t(a53());
  RetiredInsn i = op(OpClass::kNop, kNoReg);
  i.pc = 0x9000;
  CHECK(t.retire(i) == 1 + a53().l1i.miss_penalty + a53().l2.miss_penalty);
  i.pc = 0x9004;
  t.retire(i);
  i.pc = 0x9008;
  t.retire(i);
  CHECK(t.stats().l1i.misses == 1);
  CHECK(t.stats().l1i.hits == 0);  // Same line: no new look-up.
  CHECK(t.stats().stall_cycles(StallCause::kFetch) ==
        a53().l1i.miss_penalty + a53().l2.miss_penalty);
}

// Cycles per instruction of a dependent chain of one op class, in the steady
// state (caches warm): what docs/TIMING.md's latency table reports.
uint64_t measured_latency(const CoreProfile& p, OpClass cls, uint32_t encoding = 0) {
  auto chain = [cls, encoding](int) {
    RetiredInsn i = op(cls, 1, 1);
    i.encoding = encoding;
    if (cls == OpClass::kLoad || cls == OpClass::kFpSimdLoad || cls == OpClass::kAtomic ||
        cls == OpClass::kStore || cls == OpClass::kFpSimdStore) {
      i.n_mem = 1;
      const bool st = cls == OpClass::kStore || cls == OpClass::kFpSimdStore;
      i.mem[0] = {.addr = 0x6000, .size = 8, .is_store = st};
    }
    return i;
  };
  return steady_cycles(p, 10, 100, chain) / 100;
}

TEST_CASE("measured op-class latencies equal the profile's (docs/TIMING.md table)") {
  std::printf("%-16s %10s %10s\n", "op class", "cortex-a53", "cortex-a57");
  for (size_t c = 0; c < kOpClassCount; ++c) {
    const auto cls = static_cast<OpClass>(c);
    const uint64_t m53 = measured_latency(a53(), cls), m57 = measured_latency(a57(), cls);
    std::printf("%-16s %10llu %10llu\n", std::string(op_class_key(cls)).c_str(),
                static_cast<unsigned long long>(m53), static_cast<unsigned long long>(m57));
    CHECK(m53 == a53().latency_of(cls));
    CHECK(m57 == a57().latency_of(cls));
  }
  const uint64_t mul53 = measured_latency(a53(), OpClass::kIntMul, kXForm);
  const uint64_t mul57 = measured_latency(a57(), OpClass::kIntMul, kXForm);
  const uint64_t div53 = measured_latency(a53(), OpClass::kIntDiv, kXForm);
  const uint64_t div57 = measured_latency(a57(), OpClass::kIntDiv, kXForm);
  std::printf("%-16s %10llu %10llu\n", "int_mul_64", static_cast<unsigned long long>(mul53),
              static_cast<unsigned long long>(mul57));
  std::printf("%-16s %10llu %10llu\n", "int_div_64", static_cast<unsigned long long>(div53),
              static_cast<unsigned long long>(div57));
  CHECK(mul53 == a53().int_mul_64);
  CHECK(mul57 == a57().int_mul_64);
  CHECK(div53 == a53().int_div_64);
  CHECK(div57 == a57().int_div_64);
}

}  // namespace
}  // namespace el2
