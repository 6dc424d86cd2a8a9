// The walker over hand-built tables in memory: every granule x start level x
// descriptor kind (table, block, page) x fault kind, with the expected level
// and status code; then permissions.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <vector>

#include "mmu/at.h"
#include "mmu/walk.h"
#include "platform/memory_map.h"

namespace el2::mmu {
namespace {

constexpr uint64_t kRam = 0x4000'0000;
constexpr uint64_t kPool = 0x4100'0000;  // Tables are allocated from here.
constexpr uint64_t kAttrNormal = 1;      // MAIR index 1 = 0xFF.

struct MemReader : DescriptorReader {
  const MemoryMap& m;
  explicit MemReader(const MemoryMap& mem) : m(mem) {}
  bool read64(uint64_t pa, uint64_t& out) const override { return m.read_phys(pa, &out, 8); }
};

// Builds tables for one regime configuration.
struct Builder {
  MemoryMap mem;
  Granule g;
  unsigned tsz;
  uint64_t next = kPool;
  uint64_t root;

  Builder(Granule gran, unsigned t) : g(gran), tsz(t) {
    mem.add_ram("ram", kRam, 64ull << 20);
    root = alloc();
  }
  unsigned gbits() const { return static_cast<unsigned>(g); }
  unsigned stride() const { return gbits() - 3; }
  unsigned va_bits() const { return 64 - tsz; }
  unsigned start() const { return 4 - (va_bits() - gbits() + stride() - 1) / stride(); }
  unsigned shift(unsigned level) const { return gbits() + stride() * (3 - level); }

  uint64_t alloc() {
    const uint64_t a = next;
    next += 1ull << gbits();
    std::vector<uint8_t> zero(1ull << gbits());
    mem.write_phys(a, zero.data(), zero.size());
    return a;
  }
  uint64_t get(uint64_t pa) {
    uint64_t v = 0;
    mem.read_phys(pa, &v, 8);
    return v;
  }
  void put(uint64_t pa, uint64_t v) { mem.write_phys(pa, &v, 8); }
  // The address of the descriptor for `va` at `level`, creating tables above it.
  uint64_t slot(uint64_t va, unsigned level, uint64_t table_bits = 0) {
    uint64_t table = root;
    for (unsigned l = start();; ++l) {
      const unsigned bits = l == start() ? va_bits() - shift(l) : stride();
      const uint64_t at = table + ((va >> shift(l)) & ((1ull << bits) - 1)) * 8;
      if (l == level) return at;
      uint64_t d = get(at);
      if ((d & 3) != 3) {
        d = alloc() | 3 | table_bits;
        put(at, d);
      }
      table = d & 0x0000'FFFF'FFFF'F000ull & ~((1ull << gbits()) - 1);
    }
  }
  // Maps `va` with a leaf at `level` (a page at 3, else a block).
  uint64_t map(uint64_t va, uint64_t oa, unsigned level, uint64_t extra = 0) {
    const uint64_t at = slot(va, level);
    const uint64_t d = oa | (level == 3 ? 3 : 1) | (kAttrNormal << 2) | (1ull << 10) | extra;
    put(at, d);
    return at;
  }
  RegimeControls rc() const {
    RegimeControls r;
    r.regime = Regime::kEl2;
    r.el = 2;
    r.enabled = true;
    r.mair = 0xFF00;
    r.range[0] = {.ttbr = root, .tsz = tsz, .granule = g};
    r.ps_bits = 48;
    return r;
  }
  WalkResult walk(uint64_t va, Access a = Access::kRead) {
    return mmu::walk(rc(), va, a, MemReader(mem));
  }
};

struct Config {
  Granule g;
  unsigned tsz;
  unsigned start;
};
// Every start level each granule allows with TxSZ in [16, 39].
const Config kConfigs[] = {
    {Granule::k4K, 16, 0},  {Granule::k4K, 25, 1},  {Granule::k4K, 34, 2},
    {Granule::k16K, 16, 0}, {Granule::k16K, 17, 1}, {Granule::k16K, 28, 2},
    {Granule::k16K, 39, 3}, {Granule::k64K, 16, 1}, {Granule::k64K, 23, 2},
    {Granule::k64K, 36, 3},
};

bool leaf_allowed(Granule g, unsigned level) {
  return level == 3 || level == 2 || (g == Granule::k4K && level == 1);
}

// A VA with non-zero index bits at every level, inside the range.
uint64_t test_va(unsigned va_bits) { return 0x0000'A5A5'5A5A'6789ull & ((1ull << va_bits) - 1); }

TEST_CASE("start level follows the granule and TxSZ") {
  for (const Config& c : kConfigs) {
    Builder b(c.g, c.tsz);
    CAPTURE(c.tsz);
    CHECK(b.start() == c.start);
  }
}

TEST_CASE("pages and blocks at every level of every granule and start level") {
  for (const Config& c : kConfigs) {
    for (unsigned leaf = c.start; leaf <= 3; ++leaf) {
      Builder b(c.g, c.tsz);
      if (!leaf_allowed(c.g, leaf) || leaf == 0) continue;
      CAPTURE(static_cast<int>(c.g));
      CAPTURE(c.tsz);
      CAPTURE(leaf);
      const uint64_t va = test_va(b.va_bits());
      const unsigned shift = b.shift(leaf);
      const uint64_t oa = 0x0000'8000'0000'0000ull >> 8 & ~((1ull << shift) - 1);  // 2^39-aligned.
      b.map(va, oa, leaf, /*nG*/ 1ull << 11);
      const WalkResult r = b.walk(va);
      REQUIRE(r.ok());
      CHECK(r.t.level == leaf);
      CHECK(r.t.page_shift == shift);
      CHECK(r.t.pa_of(va) == oa + (va & ((1ull << shift) - 1)));
      CHECK(r.t.attr == 0xFF);
      CHECK(!r.t.ng);  // nG is ignored in a one-range regime.
    }
  }
}

TEST_CASE("translation faults at every level: invalid descriptors") {
  for (const Config& c : kConfigs) {
    for (unsigned level = c.start; level <= 3; ++level) {
      Builder b(c.g, c.tsz);
      CAPTURE(c.tsz);
      CAPTURE(level);
      const uint64_t va = test_va(b.va_bits());
      b.map(va, 0x4800'0000, 3);
      b.put(b.slot(va, level), 0);  // Invalid at `level`.
      const WalkResult r = b.walk(va, Access::kWrite);
      REQUIRE(!r.ok());
      CHECK(r.fault.type == FaultType::kTranslation);
      CHECK(r.fault.level == level);
      CHECK(r.fault.fsc() == (0x04 | level));
      CHECK(r.fault.write);
    }
  }
}

TEST_CASE("reserved descriptors: 0b01 at level 3, blocks where none exist") {
  for (const Config& c : kConfigs) {
    for (unsigned level = c.start; level <= 3; ++level) {
      if (level != 3 && leaf_allowed(c.g, level)) continue;
      Builder b(c.g, c.tsz);
      CAPTURE(c.tsz);
      CAPTURE(level);
      const uint64_t va = test_va(b.va_bits());
      b.put(b.slot(va, level), 0x4000'0000 | 1 | (1ull << 10));
      const WalkResult r = b.walk(va);
      REQUIRE(!r.ok());
      CHECK(r.fault.type == FaultType::kTranslation);
      CHECK(r.fault.level == level);
    }
  }
}

TEST_CASE("access flag faults at the leaf level") {
  for (const Config& c : kConfigs) {
    for (unsigned leaf = c.start; leaf <= 3; ++leaf) {
      if (!leaf_allowed(c.g, leaf) || leaf == 0) continue;
      Builder b(c.g, c.tsz);
      const uint64_t va = test_va(b.va_bits());
      const uint64_t at = b.map(va, 0, leaf);
      b.put(at, b.get(at) & ~(1ull << 10));
      const WalkResult r = b.walk(va, Access::kFetch);
      REQUIRE(!r.ok());
      CHECK(r.fault.type == FaultType::kAccessFlag);
      CHECK(r.fault.level == leaf);
      CHECK(r.fault.fsc() == (0x08 | leaf));
      CHECK(r.fault.fetch);
    }
  }
}

TEST_CASE("address size faults: TTBR at level 0, table and output addresses at their level") {
  for (const Config& c : kConfigs) {
    Builder b(c.g, c.tsz);
    CAPTURE(c.tsz);
    const uint64_t va = test_va(b.va_bits());
    b.map(va, 0, 3);
    RegimeControls rc = b.rc();
    rc.ps_bits = 40;
    MemReader rd(b.mem);
    // Output address bit 40 set with a 40-bit PS.
    const uint64_t leaf = b.slot(va, 3);
    b.put(leaf, b.get(leaf) | (1ull << 40));
    WalkResult r = walk(rc, va, Access::kRead, rd);
    REQUIRE(!r.ok());
    CHECK(r.fault.type == FaultType::kAddressSize);
    CHECK(r.fault.level == 3);
    // A next-level table address beyond PS, at each table level.
    for (unsigned level = c.start; level < 3; ++level) {
      Builder t(c.g, c.tsz);
      t.map(va, 0, 3);
      const uint64_t at = t.slot(va, level);
      t.put(at, t.get(at) | (1ull << 44));
      RegimeControls trc = t.rc();
      trc.ps_bits = 40;
      r = walk(trc, va, Access::kRead, MemReader(t.mem));
      REQUIRE(!r.ok());
      CHECK(r.fault.type == FaultType::kAddressSize);
      CHECK(r.fault.level == level);
    }
    rc.range[0].ttbr |= 1ull << 42;
    r = walk(rc, va, Access::kRead, rd);
    CHECK(r.fault.type == FaultType::kAddressSize);
    CHECK(r.fault.level == 0);
    CHECK(r.fault.fsc() == 0x00);
  }
}

TEST_CASE("VA out of range, EPD, bad TxSZ and walks into nothing") {
  Builder b(Granule::k4K, 25);
  const uint64_t va = test_va(39);
  b.map(va, 0, 3);
  CHECK(b.walk(va).ok());
  CHECK(b.walk(va | (1ull << 39)).fault.type == FaultType::kTranslation);
  CHECK(b.walk(va | (1ull << 39)).fault.level == 0);
  RegimeControls rc = b.rc();
  MemReader rd(b.mem);
  rc.range[0].tbi = true;
  CHECK(walk(rc, va | (0xABull << 56), Access::kRead, rd).ok());
  rc.range[0].tbi = false;
  CHECK(walk(rc, va | (0xABull << 56), Access::kRead, rd).fault.type == FaultType::kTranslation);
  rc.range[0].tsz = 12;
  CHECK(walk(rc, va, Access::kRead, rd).fault.fsc() == 0x04);
  rc = b.rc();
  rc.range[0].ttbr = 0x1000'0000;  // No memory there.
  const WalkResult r = walk(rc, va, Access::kRead, rd);
  CHECK(r.fault.type == FaultType::kWalkExternal);
  CHECK(r.fault.fsc() == 0x15);
}

TEST_CASE("two VA ranges: TTBR1 for the upper range, EPD1, nG and ASID-tagged leaves") {
  Builder b(Granule::k4K, 16);
  const uint64_t lo_root = b.root;
  const uint64_t hi_root = b.alloc();
  const uint64_t kHiVa = 0xFFFF'8000'0012'3000ull;
  b.root = hi_root;
  b.map(kHiVa, 0x4020'0000, 3, 1ull << 11);
  b.root = lo_root;
  b.map(0x1000, 0x4030'0000, 3);
  RegimeControls rc;
  rc.regime = Regime::kEl10;
  rc.two_ranges = true;
  rc.enabled = true;
  rc.mair = 0xFF00;
  rc.range[0] = {.ttbr = lo_root, .tsz = 16, .granule = Granule::k4K};
  rc.range[1] = {.ttbr = hi_root, .tsz = 16, .granule = Granule::k4K};
  MemReader rd(b.mem);
  WalkResult r = walk(rc, kHiVa + 0x10, Access::kRead, rd);
  REQUIRE(r.ok());
  CHECK(r.t.pa_of(kHiVa + 0x10) == 0x4020'0010);
  CHECK(r.t.ng);
  r = walk(rc, 0x1008, Access::kRead, rd);
  REQUIRE(r.ok());
  CHECK(r.t.pa_of(0x1008) == 0x4030'0008);
  CHECK(!r.t.ng);
  rc.range[1].epd = true;
  CHECK(walk(rc, kHiVa, Access::kRead, rd).fault.type == FaultType::kTranslation);
  // A non-canonical VA (bit 55 set, bit 48 clear) belongs to no range.
  CHECK(walk(rc, 0x0080'0000'0000'1000ull, Access::kRead, rd).fault.level == 0);
}

Translation leaf(bool ap2, bool ap1, bool uxn, bool pxn) {
  Translation t;
  t.ap2 = ap2;
  t.ap1 = ap1;
  t.uxn = uxn;
  t.pxn = pxn;
  return t;
}

TEST_CASE("permissions: AP[2:1], UXN/PXN, EL0-writable implies PXN, WXN, PAN") {
  RegimeControls rc;
  rc.two_ranges = true;
  // AP=00: privileged RW only.
  Permissions p = permissions(rc, leaf(false, false, false, false), false, false);
  CHECK((p.read && p.write && p.exec));
  p = permissions(rc, leaf(false, false, false, false), true, false);
  CHECK((!p.read && !p.write && p.exec));  // EL0 execution depends on UXN only.
  // AP=01: EL0 RW, so never privileged-executable.
  p = permissions(rc, leaf(false, true, false, false), false, false);
  CHECK((p.read && p.write && !p.exec));
  p = permissions(rc, leaf(false, true, false, false), true, false);
  CHECK((p.read && p.write && p.exec));
  // AP=10 / 11: read-only.
  p = permissions(rc, leaf(true, false, false, false), false, false);
  CHECK((p.read && !p.write && p.exec));
  p = permissions(rc, leaf(true, true, true, false), true, false);
  CHECK((p.read && !p.write && !p.exec));
  p = permissions(rc, leaf(true, true, false, true), false, false);
  CHECK(!p.exec);
  // PAN: privileged data accesses to EL0-accessible memory fault.
  p = permissions(rc, leaf(true, true, false, false), false, true);
  CHECK((!p.read && !p.write && p.exec));
  p = permissions(rc, leaf(false, false, false, false), false, true);
  CHECK((p.read && p.write));
  // WXN: writable means execute-never.
  rc.sctlr = kSctlrWxn;
  p = permissions(rc, leaf(false, false, false, false), false, false);
  CHECK((p.write && !p.exec));
  // EL2/EL3: AP[2] only, XN.
  rc = {};
  rc.two_ranges = false;
  p = permissions(rc, leaf(true, false, false, false), false, false);
  CHECK((p.read && !p.write && p.exec));
  p = permissions(rc, leaf(false, true, true, false), false, false);
  CHECK((p.read && p.write && !p.exec));
}

TEST_CASE("APTable and XNTable restrict the levels below") {
  Builder b(Granule::k4K, 25);
  RegimeControls rc = b.rc();
  const uint64_t va = test_va(39);
  // APTable[1] (bit 62) on the level-1 table descriptor: read-only below.
  b.slot(va, 3, (1ull << 62) | (1ull << 60));
  b.map(va, 0, 3);
  const WalkResult r = walk(rc, va, Access::kRead, MemReader(b.mem));
  REQUIRE(r.ok());
  CHECK(r.t.ap2);
  CHECK(r.t.uxn);
  const Permissions p = permissions(rc, r.t, false, false);
  CHECK((p.read && !p.write && !p.exec));
}

TEST_CASE("PAR_EL1 formats") {
  CHECK(par_success(0x4012'3456, 0xFF, 3, true) == 0xFF00'0000'4012'3B80ull);
  CHECK(par_success(0x0900'0000, 0x00, 3, false) == 0x0000'0000'0900'0900ull);
  const Fault f{.type = FaultType::kPermission, .level = 3};
  CHECK(par_fault(f) == 0x81F);
}


// A reader that counts descriptor reads.
struct CountingReader : DescriptorReader {
  const MemoryMap& m;
  mutable unsigned reads = 0;
  explicit CountingReader(const MemoryMap& mem) : m(mem) {}
  bool read64(uint64_t pa, uint64_t& out) const override {
    ++reads;
    return m.read_phys(pa, &out, 8);
  }
};

TEST_CASE("a walk resumed at the leaf table it reported reads one descriptor, same result") {
  for (const Config& c : kConfigs) {
    Builder b(c.g, c.tsz);
    CAPTURE(static_cast<int>(c.g));
    CAPTURE(c.tsz);
    const uint64_t va = test_va(b.va_bits());
    const uint64_t page = 1ull << b.gbits();
    const uint64_t va2 = va ^ page;  // The neighbouring page: same last-level table.
    b.map(va, kRam + 0x10 * page, 3);
    b.map(va2, kRam + 0x20 * page, 3, 1ull << 7);  // Read-only.
    LeafTable leaf;
    const WalkResult first = walk_from(b.rc(), va, Access::kRead, MemReader(b.mem), nullptr, &leaf);
    REQUIRE(first.ok());
    CHECK(leaf.level == 3);
    CountingReader counting(b.mem);
    const WalkResult resumed = walk_from(b.rc(), va2, Access::kRead, counting, &leaf, nullptr);
    const WalkResult full = b.walk(va2);
    REQUIRE(resumed.ok());
    CHECK(counting.reads == 1);
    CHECK(resumed.t.pa_base == full.t.pa_base);
    CHECK(resumed.t.ap2 == full.t.ap2);
    CHECK(resumed.t.ap2);
    // An invalid page descriptor in the cached table faults at level 3 as a
    // full walk does.
    b.put(b.slot(va2, 3), 0);
    const WalkResult fault = walk_from(b.rc(), va2, Access::kRead, MemReader(b.mem), &leaf, nullptr);
    CHECK(fault.fault.type == FaultType::kTranslation);
    CHECK(fault.fault.level == 3);
  }
}

TEST_CASE("table attributes above the leaf table are carried by the resumed walk") {
  Builder b(Granule::k4K, 25);
  const uint64_t va = test_va(b.va_bits());
  b.slot(va, 3, 1ull << 62);  // APTable[1] on the tables above: read-only below.
  b.map(va, kRam, 3);
  LeafTable leaf;
  REQUIRE(walk_from(b.rc(), va, Access::kRead, MemReader(b.mem), nullptr, &leaf).ok());
  CHECK(leaf.ap_table_ro);
  b.map(va ^ 0x1000, kRam + 0x1000, 3);
  const WalkResult r = walk_from(b.rc(), va ^ 0x1000, Access::kRead, MemReader(b.mem), &leaf, nullptr);
  REQUIRE(r.ok());
  CHECK(r.t.ap2);
}

}  // namespace
}  // namespace el2::mmu
