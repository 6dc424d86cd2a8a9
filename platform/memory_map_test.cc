#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <stdexcept>

#include "platform/memory_map.h"

namespace el2 {
namespace {

class Recorder : public MmioDevice {
 public:
  std::string name() const override { return "recorder"; }
  bool read(uint64_t offset, unsigned size, uint64_t& value) override {
    last_offset = offset;
    last_size = size;
    value = 0xABCD;
    return offset < 0x100;
  }
  bool write(uint64_t offset, unsigned size, uint64_t value) override {
    last_offset = offset;
    last_size = size;
    last_value = value;
    return offset < 0x100;
  }
  uint64_t last_offset = 0, last_value = 0;
  unsigned last_size = 0;
};

TEST_CASE("RAM regions hold data and refuse ranges outside them") {
  MemoryMap mem;
  mem.add_ram("ram", 0x4000'0000, 0x10000);
  const uint32_t word = 0x12345678;
  CHECK(mem.write_phys(0x4000'0100, &word, 4));
  uint32_t back = 0;
  CHECK(mem.read_phys(0x4000'0100, &back, 4));
  CHECK(back == word);
  CHECK(mem.ram_ptr(0x4000'0000, 0x10000) != nullptr);
  CHECK(mem.ram_ptr(0x4000'FFFF, 2) == nullptr);  // Crosses the end.
  CHECK(mem.ram_ptr(0x3FFF'FFFF, 1) == nullptr);
  CHECK_FALSE(mem.read_phys(0x4001'0000, &back, 4));
  CHECK_FALSE(mem.write_phys(0x3FFF'FFFE, &word, 4));
  CHECK(mem.is_ram(0x4000'0000, 1));
  CHECK_FALSE(mem.is_ram(0x5000'0000, 1));
}

TEST_CASE("new RAM is zero") {
  MemoryMap mem;
  mem.add_ram("ram", 0x1000, 0x1000);
  uint64_t v = 1;
  CHECK(mem.read_phys(0x1ff8, &v, 8));
  CHECK(v == 0);
}

TEST_CASE("accesses spanning two adjacent regions are split") {
  MemoryMap mem;
  mem.add_ram("a", 0x1000, 0x1000);
  mem.add_ram("b", 0x2000, 0x1000);
  const uint64_t v = 0x1122334455667788;
  CHECK(mem.write_phys(0x1ffc, &v, 8));
  uint64_t back = 0;
  CHECK(mem.read_phys(0x1ffc, &back, 8));
  CHECK(back == v);
  CHECK(mem.ram_ptr(0x1ffc, 8) == nullptr);  // No single host pointer.
}

TEST_CASE("overlapping or wrapping regions are rejected") {
  MemoryMap mem;
  Recorder dev;
  mem.add_ram("ram", 0x1000, 0x1000);
  CHECK_THROWS_AS(mem.add_ram("x", 0x1800, 0x1000), std::invalid_argument);
  CHECK_THROWS_AS(mem.add_ram("x", 0x0, 0x1001), std::invalid_argument);
  CHECK_THROWS_AS(mem.add_ram("x", ~uint64_t{0} - 10, 0x100), std::invalid_argument);
  CHECK_THROWS_AS(mem.add_ram("x", 0x5000, 0), std::invalid_argument);
  CHECK_THROWS_AS(mem.add_mmio(0x1ff0, 0x100, &dev), std::invalid_argument);
  mem.add_mmio(0x9000, 0x1000, &dev);
  CHECK_THROWS_AS(mem.add_ram("x", 0x9800, 0x1000), std::invalid_argument);
}

TEST_CASE("MMIO windows are found with device-relative offsets") {
  MemoryMap mem;
  Recorder dev;
  mem.add_mmio(0x0900'0000, 0x1000, &dev);
  const MmioWindow* w = mem.find_mmio(0x0900'0018, 4);
  REQUIRE(w != nullptr);
  CHECK(w->device == &dev);
  CHECK(0x0900'0018 - w->base == 0x18);
  CHECK(mem.find_mmio(0x0900'0FFE, 4) == nullptr);  // Runs past the window.
  CHECK(mem.find_mmio(0x0800'0000, 4) == nullptr);
  CHECK_FALSE(mem.is_ram(0x0900'0000, 4));  // MMIO is not RAM for loaders.
}

}  // namespace
}  // namespace el2
