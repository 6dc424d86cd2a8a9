#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "platform/devices/virtio_mmio_empty.h"

#include <doctest/doctest.h>

namespace el2 {
namespace {

uint64_t rd(VirtioMmioEmpty& d, uint64_t off, unsigned size = 4) {
  uint64_t v = 0xDEAD;
  REQUIRE(d.read(off, size, v));
  return v;
}

TEST_CASE("an empty slot is a virtio-mmio v2 transport with no device") {
  VirtioMmioEmpty d;
  CHECK(rd(d, VirtioMmioEmpty::kMagicValue) == 0x74726976);  // "virt"
  CHECK(rd(d, VirtioMmioEmpty::kVersion) == 2);
  CHECK(rd(d, VirtioMmioEmpty::kDeviceId) == 0);
  CHECK(rd(d, VirtioMmioEmpty::kVendorId) == VirtioMmioEmpty::kVendor);
  CHECK(rd(d, 0x070) == 0);  // Status.
  CHECK(rd(d, 0x100, 1) == 0);
}

TEST_CASE("writes are ignored") {
  VirtioMmioEmpty d;
  CHECK(d.write(0x070, 4, 0xF));  // Status: ACKNOWLEDGE etc.
  CHECK(rd(d, 0x070) == 0);
  CHECK(d.write(0x104, 2, 0xFFFF));
  CHECK(rd(d, 0x104, 2) == 0);
}

TEST_CASE("register accesses must be 32-bit and aligned; the window is 0x200 bytes") {
  VirtioMmioEmpty d;
  uint64_t v = 0;
  CHECK_FALSE(d.read(VirtioMmioEmpty::kMagicValue, 1, v));
  CHECK_FALSE(d.read(VirtioMmioEmpty::kVersion, 8, v));
  CHECK_FALSE(d.read(0x102, 4, v));
  CHECK_FALSE(d.read(0x200, 4, v));
  CHECK_FALSE(d.write(0x1FE, 4, 0));
  CHECK(d.read(0x1FC, 4, v));
}

}  // namespace
}  // namespace el2
