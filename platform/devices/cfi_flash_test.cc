#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "platform/devices/cfi_flash.h"

#include <doctest/doctest.h>

#include <cstring>
#include <stdexcept>
#include <vector>

namespace el2 {
namespace {

constexpr uint64_t kSize = 1 << 20;
constexpr uint64_t kBlock = 64 << 10;
constexpr unsigned kBank = 4;  // Two x16 chips, as on the virt board.

// What a command looks like on the bus when every chip gets it: the byte in
// the low lane of each chip (the CFI drivers' "make command" rule).
uint64_t replicate(uint64_t v, unsigned chip_width, unsigned bank_width) {
  uint64_t out = 0;
  for (unsigned lane = 0; lane < bank_width; lane += chip_width) out |= v << (8 * lane);
  return out;
}

struct Rig {
  Rig() : mem(kSize, 0xA5), flash(mem.data(), kSize, kBank, kBlock) {
    flash.on_mode_change = [this] { ++mode_changes; };
  }
  uint64_t rd(uint64_t off, unsigned size = kBank) {
    uint64_t v = 0;
    REQUIRE(flash.read(off, size, v));
    return v;
  }
  void cmd(uint64_t word, uint8_t c) { REQUIRE(flash.write(word * kBank, kBank, rep(c))); }
  void wr(uint64_t off, uint64_t v, unsigned size = kBank) { REQUIRE(flash.write(off, size, v)); }
  uint64_t rep(uint64_t v) const { return replicate(v, 2, kBank); }
  // The query byte at chip offset `q`, read the way U-Boot and Linux do for
  // this bus: one bus word per query offset, answers in each chip's lanes.
  uint8_t query(uint64_t q) {
    const uint64_t word = rd(q * kBank);
    REQUIRE(word == rep(word & 0xFFFF));  // Both chips agree.
    return static_cast<uint8_t>(word);
  }
  uint16_t query16(uint64_t q) { return static_cast<uint16_t>(query(q) | query(q + 1) << 8); }

  std::vector<uint8_t> mem;
  CfiFlash flash;
  int mode_changes = 0;
};

TEST_CASE("starts in read array mode and reads the backing buffer") {
  Rig r;
  CHECK(r.flash.array_mode());
  r.mem[0x1234] = 0x5A;
  CHECK(r.rd(0x1234, 1) == 0x5A);
  CHECK(r.rd(0x1230) == 0xA5A5A5A5);
  CHECK(r.rd(0x1238, 8) == 0xA5A5A5A5A5A5A5A5);
}

TEST_CASE("CFI probe: QRY shows up only for two x16 chips on a 32-bit bus") {
  Rig r;
  r.cmd(0x55, 0x98);
  CHECK_FALSE(r.flash.array_mode());
  CHECK(r.mode_changes == 1);
  const uint64_t q = r.rd(0x10 * kBank);
  CHECK(q != replicate('Q', 1, 4));  // Not four x8 chips ..
  CHECK(q != replicate('Q', 4, 4));  // .. nor one x32 chip ..
  CHECK(q == replicate('Q', 2, 4));  // .. but two x16 chips.
  CHECK(r.query(0x11) == 'R');
  CHECK(r.query(0x12) == 'Y');
  // Byte reads see each chip's lanes: the character, then its zero high byte.
  CHECK(r.rd(0x10 * kBank, 1) == 'Q');
  CHECK(r.rd(0x10 * kBank + 1, 1) == 0);
  CHECK(r.rd(0x10 * kBank + 2, 1) == 'Q');
  r.cmd(0, 0xFF);
  CHECK(r.flash.array_mode());
  CHECK(r.mode_changes == 2);
}

TEST_CASE("the query structure describes one chip; times the chip count it is the bank") {
  Rig r;
  r.cmd(0x55, 0x98);
  CHECK(r.query16(0x13) == 0x0001);  // Intel/Sharp extended command set.
  const unsigned chips = kBank / 2;
  CHECK((uint64_t{1} << r.query(0x27)) * chips == kSize);
  CHECK(r.query(0x2C) == 1);  // One uniform erase region.
  const uint64_t blocks = r.query16(0x2D) + 1;
  const uint64_t chip_block = uint64_t{r.query16(0x2F)} * 256;
  CHECK(blocks == kSize / kBlock);
  CHECK(chip_block * chips == kBlock);
  CHECK((uint64_t{1} << r.query16(0x2A)) * chips == r.flash.write_buffer_size());
  CHECK(r.query(0x20) != 0);  // Buffered program advertised.
  const uint16_t pri = r.query16(0x15);
  CHECK(r.query(pri) == 'P');
  CHECK(r.query(pri + 1) == 'R');
  CHECK(r.query(pri + 2) == 'I');
  CHECK(r.query(pri + 3) == '1');
  CHECK(r.query(pri + 0xE) >= 1);    // Protection fields: Linux needs one.
  CHECK(r.rd(0x4000 * kBank) == 0);  // Past the table.
}

TEST_CASE("the virt board's geometry: 64 MiB banks of 256 KiB blocks") {
  std::vector<uint8_t> mem(64 << 20);
  CfiFlash f(mem.data(), mem.size(), 4, 256 << 10);
  CHECK(f.chips() == 2);
  const auto& q = f.query_table();
  CHECK(q[0x27] == 25);  // 32 MiB per chip.
  CHECK((q[0x2D] | q[0x2E] << 8) == 255);
  CHECK((q[0x2F] | q[0x30] << 8) == (128 << 10) / 256);
}

TEST_CASE("read identifier: manufacturer, device and an unlocked block") {
  Rig r;
  r.cmd(0, 0x90);
  CHECK(r.rd(0) == r.rep(CfiFlash::kManufacturerId));
  CHECK(r.rd(1 * kBank) == r.rep(CfiFlash::kDeviceId));
  CHECK(r.rd(kBlock + 2 * kBank) == 0);  // Block 1's lock state.
  r.cmd(0, 0xFF);
  CHECK(r.rd(0) == 0xA5A5A5A5);
}

TEST_CASE("word program clears bits only, then reads status until read array") {
  Rig r;
  std::memset(r.mem.data(), 0xFF, 16);
  r.cmd(1, 0x40);
  CHECK_FALSE(r.flash.array_mode());
  r.wr(4, 0x12345678);
  CHECK(r.rd(4) == r.rep(CfiFlash::kStatusReady));  // Status, not data.
  r.cmd(0, 0x10);                                   // The alternate program command.
  r.wr(4, 0xFFFF00FF);
  r.cmd(0, 0xFF);
  CHECK(r.rd(4) == (0x12345678 & 0xFFFF00FF));
  CHECK(r.rd(0) == 0xFFFFFFFF);  // Neighbours untouched.
  CHECK(r.rd(8) == 0xFFFFFFFF);
}

TEST_CASE("block erase needs the confirm and erases the block of the confirm address") {
  Rig r;
  r.cmd(0, 0x20);
  r.wr(kBlock + 0x100, r.rep(0xD0));
  CHECK(r.rd(kBlock) == r.rep(CfiFlash::kStatusReady));
  r.cmd(0, 0xFF);
  CHECK(r.rd(kBlock - 4) == 0xA5A5A5A5);
  CHECK(r.rd(kBlock) == 0xFFFFFFFF);
  CHECK(r.rd(2 * kBlock - 4) == 0xFFFFFFFF);
  CHECK(r.rd(2 * kBlock) == 0xA5A5A5A5);

  r.cmd(0, 0x20);
  r.cmd(0, 0xFF);  // Not a confirm: command sequence error, nothing erased.
  CHECK(r.rd(0) == r.rep(CfiFlash::kStatusReady | CfiFlash::kStatusSequenceError));
  CHECK(r.mem[0] == 0xA5);
  r.cmd(0, 0x50);  // Clear status: back to read array.
  CHECK(r.flash.array_mode());
  r.cmd(0, 0x70);
  CHECK(r.rd(0) == r.rep(CfiFlash::kStatusReady));
}

TEST_CASE("buffered program writes the buffer at the confirm") {
  Rig r;
  std::memset(r.mem.data(), 0xFF, 64);
  r.cmd(0, 0xE8);
  CHECK((r.rd(0) & r.rep(0x80)) == r.rep(0x80));  // A buffer is available.
  r.wr(0, r.rep(3));                              // Four bus words.
  for (uint64_t i = 0; i < 4; ++i) r.wr(16 + 4 * i, 0x01010101 * (i + 1));
  CHECK(r.mem[16] == 0xFF);  // Held until the confirm.
  r.wr(16, r.rep(0xD0));
  CHECK(r.rd(0) == r.rep(CfiFlash::kStatusReady));
  r.cmd(0, 0xFF);
  for (uint64_t i = 0; i < 4; ++i) CHECK(r.rd(16 + 4 * i) == 0x01010101 * (i + 1));
  CHECK(r.rd(32) == 0xFFFFFFFF);
}

TEST_CASE("buffered program errors: no confirm, oversized count, leaving the buffer window") {
  Rig r;
  std::memset(r.mem.data(), 0xFF, r.flash.write_buffer_size() + 8);
  const uint64_t error = r.rep(CfiFlash::kStatusReady | CfiFlash::kStatusSequenceError);

  r.cmd(0, 0xE8);
  r.wr(0, r.rep(0));
  r.wr(0, 0);
  r.cmd(0, 0xFF);  // Abort instead of confirm.
  CHECK(r.rd(0) == error);
  r.cmd(0, 0x50);
  CHECK(r.rd(0) == 0xFFFFFFFF);

  r.cmd(0, 0xE8);
  const uint64_t too_many = (uint64_t{1} << CfiFlash::kWriteBufferLog2) / 2;  // x16 words.
  r.wr(0, r.rep(too_many));
  CHECK(r.rd(0) == error);
  r.cmd(0, 0x50);

  r.cmd(0, 0xE8);
  r.wr(0, r.rep(1));
  r.wr(r.flash.write_buffer_size() - 4, 0);
  r.wr(r.flash.write_buffer_size(), 0);  // Crosses into the next window.
  r.wr(0, r.rep(0xD0));
  CHECK(r.rd(0) == error);
  r.cmd(0, 0x50);
  CHECK(r.rd(r.flash.write_buffer_size() - 4) == 0xFFFFFFFF);
}

TEST_CASE("probe leftovers: AMD reset, unknown commands and lock commands are harmless") {
  Rig r;
  r.cmd(0x555, 0xAA);  // An AMD unlock cycle: unknown here, back to read array.
  CHECK(r.flash.array_mode());
  r.cmd(0, 0x98);
  r.cmd(0, 0xF0);
  CHECK(r.flash.array_mode());
  r.cmd(0, 0x60);
  r.cmd(0, 0xD0);  // Unlock block: accepted.
  CHECK(r.rd(0) == r.rep(CfiFlash::kStatusReady));
  r.cmd(0, 0xFF);
  CHECK(r.rd(0) == 0xA5A5A5A5);
}

TEST_CASE("reset returns to read array and tells the board") {
  Rig r;
  r.cmd(0, 0x90);
  const int before = r.mode_changes;
  r.flash.reset();
  CHECK(r.flash.array_mode());
  CHECK(r.mode_changes == before + 1);
  r.flash.reset();
  CHECK(r.mode_changes == before + 1);  // No change, no call.
}

TEST_CASE("accesses must be naturally aligned and inside the bank") {
  Rig r;
  uint64_t v = 0;
  CHECK_FALSE(r.flash.read(2, 4, v));
  CHECK_FALSE(r.flash.read(kSize, 1, v));
  CHECK_FALSE(r.flash.read(kSize - 4, 8, v));
  CHECK_FALSE(r.flash.write(1, 2, 0));
  CHECK_FALSE(r.flash.write(0, 3, 0));
  CHECK(r.flash.write(kSize - 8, 8, r.rep(0xFF)));
}

TEST_CASE("geometries CFI cannot describe are refused") {
  std::vector<uint8_t> mem(1 << 20);
  CHECK_THROWS_AS(CfiFlash(mem.data(), 3 << 18, 4, 1 << 16), std::invalid_argument);
  CHECK_THROWS_AS(CfiFlash(mem.data(), 1 << 20, 3, 1 << 16), std::invalid_argument);
  CHECK_THROWS_AS(CfiFlash(mem.data(), 1 << 20, 2, 1 << 16, 4), std::invalid_argument);
  CHECK_THROWS_AS(CfiFlash(mem.data(), 1 << 20, 4, 256), std::invalid_argument);  // 128 B/chip.
  CHECK_THROWS_AS(CfiFlash(nullptr, 1 << 20, 4, 1 << 16), std::invalid_argument);
  CfiFlash x8(mem.data(), 1 << 20, 1, 1 << 16);
  CHECK(x8.device_width() == 1);
  CHECK(x8.query_table()[0x28] == 0);  // x8 interface code.
}

}  // namespace
}  // namespace el2
