// An empty virtio-mmio transport slot (Virtio 1.1 §4.2.2): the magic value and
// version say "virtio-mmio transport here", DeviceID 0 says "no device behind
// it", which drivers skip (Linux's virtio_mmio probe returns -ENODEV for it).
// The virt board has 32 of these at 0x0a000000 + n * 0x200, so guests that
// expect QEMU's slots find them, and nothing else.
#pragma once

#include <cstdint>
#include <string>

#include "platform/memory_map.h"

namespace el2 {

class VirtioMmioEmpty : public MmioDevice {
 public:
  static constexpr uint64_t kWindowSize = 0x200;

  static constexpr uint64_t kMagicValue = 0x000;
  static constexpr uint64_t kVersion = 0x004;
  static constexpr uint64_t kDeviceId = 0x008;
  static constexpr uint64_t kVendorId = 0x00C;
  static constexpr uint64_t kConfig = 0x100;  // Device-specific configuration.

  static constexpr uint32_t kMagic = 0x7472'6976;   // "virt", little-endian.
  static constexpr uint32_t kTransportVersion = 2;  // Virtio 1.x (non-legacy).
  // Our own vendor id: the bytes "EL2E" read as a little-endian word, the way
  // QEMU's 0x554D4551 spells "QEMU". Nothing keys on it for an empty slot.
  static constexpr uint32_t kVendor = 0x4532'4C45;

  std::string name() const override { return "virtio-mmio (empty)"; }
  // Registers are 32-bit only (§4.2.2.2: "32 bit wide and aligned"); the
  // configuration space (offset 0x100 on) also takes 8- and 16-bit accesses.
  // Everything but the four identification registers reads 0; writes are
  // ignored.
  bool read(uint64_t offset, unsigned size, uint64_t& value) override;
  bool write(uint64_t offset, unsigned size, uint64_t value) override;

 private:
  static bool decodes(uint64_t offset, unsigned size);
};

}  // namespace el2
