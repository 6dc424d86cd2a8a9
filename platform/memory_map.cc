#include "platform/memory_map.h"

#include <sys/mman.h>

#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace el2 {

namespace {

bool range_valid(uint64_t base, uint64_t size) { return size != 0 && base + size - 1 >= base; }

bool contains(uint64_t base, uint64_t size, uint64_t pa, uint64_t len) {
  return pa >= base && len <= size && pa - base <= size - len;
}

}  // namespace

MemoryMap::~MemoryMap() {
  for (auto& r : ram_) munmap(r.host, r.size);
}

bool MemoryMap::overlaps(uint64_t base, uint64_t size) const {
  const uint64_t last = base + size - 1;
  for (const auto& r : ram_)
    if (base <= r.base + r.size - 1 && r.base <= last) return true;
  for (const auto& m : mmio_)
    if (base <= m.base + m.size - 1 && m.base <= last) return true;
  return false;
}

RamRegion& MemoryMap::add_ram(std::string name, uint64_t base, uint64_t size, bool read_only) {
  if (!range_valid(base, size) || overlaps(base, size))
    throw std::invalid_argument(fmt::format("RAM region {} at {:#x}+{:#x} overlaps or wraps", name,
                                            base, size));
  // Anonymous mappings are zero-filled and only take host memory when touched,
  // so a large guest RAM costs what the guest uses.
  void* host = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                    -1, 0);
  if (host == MAP_FAILED)
    throw std::invalid_argument(fmt::format("cannot allocate {:#x} bytes for {}", size, name));
  ram_.push_back(RamRegion{std::move(name), base, size, static_cast<uint8_t*>(host), read_only});
  return ram_.back();
}

void MemoryMap::add_mmio(uint64_t base, uint64_t size, MmioDevice* device) {
  if (!range_valid(base, size) || overlaps(base, size))
    throw std::invalid_argument(fmt::format("MMIO window {} at {:#x}+{:#x} overlaps or wraps",
                                            device->name(), base, size));
  mmio_.push_back(MmioWindow{base, size, device});
}

const RamRegion* MemoryMap::find_ram(uint64_t pa, uint64_t len) const {
  for (const auto& r : ram_)
    if (contains(r.base, r.size, pa, len)) return &r;
  return nullptr;
}

const MmioWindow* MemoryMap::find_mmio(uint64_t pa, unsigned size) const {
  for (const auto& m : mmio_)
    if (contains(m.base, m.size, pa, size)) return &m;
  return nullptr;
}

bool MemoryMap::read_phys(uint64_t pa, void* dst, uint64_t len) const {
  auto* out = static_cast<uint8_t*>(dst);
  while (len > 0) {
    const RamRegion* r = find_ram(pa, 1);
    if (!r) return false;
    const uint64_t chunk = std::min(len, r->base + r->size - pa);
    std::memcpy(out, r->host + (pa - r->base), chunk);
    out += chunk;
    pa += chunk;
    len -= chunk;
  }
  return true;
}

bool MemoryMap::write_phys(uint64_t pa, const void* src, uint64_t len) {
  const auto* in = static_cast<const uint8_t*>(src);
  while (len > 0) {
    const RamRegion* r = find_ram(pa, 1);
    if (!r) return false;
    const uint64_t chunk = std::min(len, r->base + r->size - pa);
    std::memcpy(r->host + (pa - r->base), in, chunk);
    in += chunk;
    pa += chunk;
    len -= chunk;
  }
  return true;
}

}  // namespace el2
