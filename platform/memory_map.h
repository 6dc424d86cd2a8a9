// The physical address space of a machine: RAM regions backed by host memory
// and MMIO windows backed by devices. Anything else is "nothing": an access
// there is reported to the caller, which turns it into an external abort.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace el2 {

// A memory-mapped device. Offsets are relative to the window's base.
class MmioDevice {
 public:
  virtual ~MmioDevice() = default;
  virtual std::string name() const = 0;
  // Returns false for an access the device does not decode (bus error).
  virtual bool read(uint64_t offset, unsigned size, uint64_t& value) = 0;
  virtual bool write(uint64_t offset, unsigned size, uint64_t value) = 0;
};

struct RamRegion {
  std::string name;
  uint64_t base = 0;
  uint64_t size = 0;
  uint8_t* host = nullptr;  // Owned by MemoryMap.
  bool read_only = false;   // Flash: guest writes are bus errors...
  // ...unless a device decodes them: NOR flash takes commands by writes, and
  // while it is not in read-array mode (overlay_active) reads go to it too.
  // Whoever sets overlay_active must flush the cores' fast paths
  // (Cpu::control_state_changed()), which may hold host pointers into it.
  MmioDevice* overlay = nullptr;
  bool overlay_active = false;
};

struct MmioWindow {
  uint64_t base = 0;
  uint64_t size = 0;
  MmioDevice* device = nullptr;
};

class MemoryMap {
 public:
  MemoryMap() = default;
  MemoryMap(const MemoryMap&) = delete;
  MemoryMap& operator=(const MemoryMap&) = delete;
  ~MemoryMap();

  // Both throw std::invalid_argument when the new range overlaps an existing one
  // or wraps around the address space.
  RamRegion& add_ram(std::string name, uint64_t base, uint64_t size, bool read_only = false);
  void add_mmio(uint64_t base, uint64_t size, MmioDevice* device);

  // Host pointer for [pa, pa+len) when the whole range is in one RAM region.
  uint8_t* ram_ptr(uint64_t pa, uint64_t len) const {
    const RamRegion* r = find_ram(pa, len);
    return r ? r->host + (pa - r->base) : nullptr;
  }
  const RamRegion* find_ram(uint64_t pa, uint64_t len) const;
  RamRegion* find_ram(uint64_t pa, uint64_t len) {
    return const_cast<RamRegion*>(std::as_const(*this).find_ram(pa, len));
  }
  const MmioWindow* find_mmio(uint64_t pa, unsigned size) const;

  // Generic physical accesses used off the fast path (loaders, semihosting,
  // debuggers, MMIO). They return false when any byte maps to nothing.
  bool read_phys(uint64_t pa, void* dst, uint64_t len) const;
  bool write_phys(uint64_t pa, const void* src, uint64_t len);
  bool is_ram(uint64_t pa, uint64_t len) const { return find_ram(pa, len) != nullptr; }

  const std::vector<RamRegion>& ram_regions() const { return ram_; }

 private:
  bool overlaps(uint64_t base, uint64_t size) const;

  std::vector<RamRegion> ram_;
  std::vector<MmioWindow> mmio_;
};

}  // namespace el2
