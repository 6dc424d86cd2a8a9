// The Linux arm64 `Image` format and where its pieces go in RAM, per the
// kernel's boot protocol (Linux Documentation/arch/arm64/booting.rst, "Call
// the kernel image"): a 64-byte header, then code. Parsing and placement are
// pure functions; copying bytes into memory is the caller's job.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "platform/elf_loader.h"

namespace el2 {

// The header fields that matter for booting (all little-endian in the file).
struct LinuxImageInfo {
  uint64_t text_offset = 0;  // Effective: 0x80000 when image_size is 0 (see below).
  uint64_t image_size = 0;   // Bytes the kernel needs from its start, bss included; 0 = unknown.
  uint64_t flags = 0;
  unsigned page_size = 0;      // Flags bits [2:1]: 0 unspecified, else 4096, 16384 or 65536.
  bool phys_anywhere = false;  // Flags bit 3: the 2 MiB-aligned base may be anywhere in RAM.
  bool efi_stub = false;       // "MZ" at offset 0: also a PE/COFF (EFI) image; ignored here.
  bool legacy = false;         // image_size 0: a kernel before 3.17, header fields not trusted.
};

struct LinuxBootLayout {
  uint64_t kernel_addr = 0;  // Load address and entry point (x0 = DTB, x1-x3 = 0).
  uint64_t kernel_end = 0;   // End of what the kernel may use: kernel_addr + effective size.
  uint64_t dtb_addr = 0;
  uint64_t initrd_addr = 0;  // 0 without an initrd.
  uint64_t initrd_end = 0;
};

inline constexpr uint32_t kLinuxImageMagic = 0x644D'5241;  // "ARM\x64", little-endian.
inline constexpr uint64_t kLinuxImageHeaderSize = 64;
inline constexpr uint64_t kLinuxLegacyTextOffset = 0x80000;
inline constexpr uint64_t kLinuxMaxDtbSize = 2ull << 20;

// Cheap checks for `run`'s auto-detection of its input file.
bool is_linux_image(std::span<const uint8_t> bytes);
bool is_elf(std::span<const uint8_t> bytes);

// Validates the header of an Image file given whole (its size is checked
// against image_size). Throws LoadError (kExitBadImage) with a one-line
// message naming `name`.
LinuxImageInfo parse_linux_image_header(std::span<const uint8_t> bytes,
                                        const std::string& name = "Image");

// Places kernel, DTB and initrd in RAM [ram_base, ram_base + ram_size):
// - kernel at the lowest 2 MiB-aligned address in RAM plus text_offset. That
//   is mandatory without flags bit 3 (older kernels cannot use memory below
//   their base) and a fine choice with it, so both cases land there.
// - the kernel's area is image_size bytes; for a legacy header (size unknown)
//   the file size rounded up to 2 MiB plus kLinuxLegacyBssAllowance.
// - DTB at the first 2 MiB boundary after that area: 8-byte aligned as the
//   protocol requires, alone in its 2 MiB block, at most 2 MiB long.
// - initrd (if initrd_size > 0) at the next 2 MiB boundary after the DTB's
//   block, inside the 32 GiB window from the 1 GiB boundary below the kernel.
// Throws LoadError (kExitBadImage) when something does not fit.
// Only the fit check reads dtb_size (the DTB owns a whole 2 MiB block), so a
// board can plan with an upper bound such as kLinuxMaxDtbSize, then build the
// DTB with the initrd addresses this returns.
inline constexpr uint64_t kLinuxLegacyBssAllowance = 16ull << 20;
LinuxBootLayout plan_linux_boot(const LinuxImageInfo& info, uint64_t file_size, uint64_t ram_base,
                                uint64_t ram_size, uint64_t dtb_size, uint64_t initrd_size);

}  // namespace el2
