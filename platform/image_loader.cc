#include "platform/image_loader.h"

#include <fmt/format.h>

#include <cstring>

namespace el2 {

namespace {

constexpr uint64_t k2MiB = 2ull << 20;
constexpr uint64_t k1GiB = 1ull << 30;
constexpr uint64_t kInitrdWindow = 32ull << 30;

// Header layout (booting.rst): code0/code1 at 0, then little-endian fields.
constexpr size_t kTextOffsetAt = 8;
constexpr size_t kImageSizeAt = 16;
constexpr size_t kFlagsAt = 24;
constexpr size_t kMagicAt = 56;

constexpr uint64_t kFlagBigEndian = 1ull << 0;
constexpr unsigned kFlagPageSizeShift = 1;  // Bits [2:1].
constexpr uint64_t kFlagPhysAnywhere = 1ull << 3;

template <typename T>
T le_at(std::span<const uint8_t> b, size_t at) {
  T v = 0;
  for (size_t i = 0; i < sizeof(T); ++i) v |= static_cast<T>(b[at + i]) << (8 * i);
  return v;
}

// Rounds up to a power-of-two alignment; false on overflow.
bool align_up(uint64_t v, uint64_t align, uint64_t& out) {
  if (v > UINT64_MAX - (align - 1)) return false;
  out = (v + align - 1) & ~(align - 1);
  return true;
}

bool add(uint64_t a, uint64_t b, uint64_t& out) { return !__builtin_add_overflow(a, b, &out); }

[[noreturn]] void fail(const std::string& msg) { throw LoadError(kExitBadImage, msg); }

}  // namespace

bool is_linux_image(std::span<const uint8_t> bytes) {
  return bytes.size() >= kLinuxImageHeaderSize &&
         le_at<uint32_t>(bytes, kMagicAt) == kLinuxImageMagic;
}

bool is_elf(std::span<const uint8_t> bytes) {
  return bytes.size() >= 4 && std::memcmp(bytes.data(),
                                          "\x7F"
                                          "ELF",
                                          4) == 0;
}

LinuxImageInfo parse_linux_image_header(std::span<const uint8_t> bytes, const std::string& name) {
  // Distributions ship vmlinuz gzip-compressed; the protocol takes the raw Image.
  if (bytes.size() >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
    fail(fmt::format("{}: gzip-compressed kernel; decompress it (e.g. zcat) to get the Image",
                     name));
  if (bytes.size() < kLinuxImageHeaderSize)
    fail(fmt::format("{}: too short for an arm64 Image header ({} bytes, need {})", name,
                     bytes.size(), kLinuxImageHeaderSize));
  if (le_at<uint32_t>(bytes, kMagicAt) != kLinuxImageMagic)
    fail(fmt::format("{}: not an arm64 Linux Image (no \"ARM\\x64\" magic at offset {:#x})", name,
                     kMagicAt));

  LinuxImageInfo info;
  info.image_size = le_at<uint64_t>(bytes, kImageSizeAt);
  info.flags = le_at<uint64_t>(bytes, kFlagsAt);
  info.efi_stub = bytes[0] == 'M' && bytes[1] == 'Z';
  if (info.image_size == 0) {
    // Before Linux 3.17 the header had no size and text_offset's endianness
    // was unspecified; booting.rst says to assume 0x80000 then.
    info.legacy = true;
    info.text_offset = kLinuxLegacyTextOffset;
    return info;
  }
  info.text_offset = le_at<uint64_t>(bytes, kTextOffsetAt);
  if (info.flags & kFlagBigEndian)
    fail(fmt::format("{}: big-endian kernel (flags bit 0); only little-endian guests run here",
                     name));
  const unsigned page_field = (info.flags >> kFlagPageSizeShift) & 3;
  info.page_size = page_field == 0 ? 0 : 4096u << (2 * (page_field - 1));
  info.phys_anywhere = (info.flags & kFlagPhysAnywhere) != 0;
  if (info.image_size < bytes.size())
    fail(fmt::format("{}: header image_size {:#x} is smaller than the file ({:#x} bytes)", name,
                     info.image_size, bytes.size()));
  return info;
}

LinuxBootLayout plan_linux_boot(const LinuxImageInfo& info, uint64_t file_size, uint64_t ram_base,
                                uint64_t ram_size, uint64_t dtb_size, uint64_t initrd_size) {
  uint64_t ram_end = 0;
  if (ram_size == 0 || !add(ram_base, ram_size, ram_end)) fail("Linux boot: no usable RAM");
  if (dtb_size == 0 || dtb_size > kLinuxMaxDtbSize)
    fail(fmt::format("Linux boot: device tree is {:#x} bytes; the boot protocol allows 1 to {:#x}",
                     dtb_size, kLinuxMaxDtbSize));

  uint64_t extent = info.image_size;
  if (info.legacy) {
    uint64_t rounded = 0;
    if (!align_up(file_size, k2MiB, rounded) || !add(rounded, kLinuxLegacyBssAllowance, extent))
      fail("Linux boot: kernel too large");
  }

  LinuxBootLayout l;
  uint64_t base = 0, dtb_block_end = 0, end = 0;
  const bool placed =
      align_up(ram_base, k2MiB, base) && add(base, info.text_offset, l.kernel_addr) &&
      add(l.kernel_addr, extent, l.kernel_end) && align_up(l.kernel_end, k2MiB, l.dtb_addr) &&
      add(l.dtb_addr, k2MiB, dtb_block_end);
  if (!placed) fail("Linux boot: kernel placement overflows the address space");
  end = l.dtb_addr + dtb_size;
  if (initrd_size != 0) {
    l.initrd_addr = dtb_block_end;
    if (!add(l.initrd_addr, initrd_size, l.initrd_end))
      fail("Linux boot: initrd placement overflows the address space");
    end = l.initrd_end;
    // booting.rst: the initrd must lie in a 1 GiB-aligned window of at most
    // 32 GiB that also covers the kernel Image.
    const uint64_t window = base & ~(k1GiB - 1);
    if (l.initrd_end - window > kInitrdWindow)
      fail(fmt::format("Linux boot: initrd ends at {:#x}, beyond the 32 GiB window from {:#x}",
                       l.initrd_end, window));
  }
  if (end > ram_end) {
    fail(fmt::format(
        "Linux boot: kernel ({:#x} bytes at {:#x}), device tree{} need RAM up to {:#x}, but RAM "
        "ends at {:#x}; give the machine more memory",
        extent, l.kernel_addr, initrd_size ? " and initrd" : "", end, ram_end));
  }
  return l;
}

}  // namespace el2
