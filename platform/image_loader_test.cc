#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "platform/image_loader.h"

#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

namespace el2 {
namespace {

constexpr uint64_t kMiB = 1ull << 20;
constexpr uint64_t kRamBase = 0x4000'0000;
constexpr uint64_t kRamSize = 1ull << 30;

void put_le(std::vector<uint8_t>& b, size_t at, uint64_t v, unsigned bytes) {
  for (unsigned i = 0; i < bytes; ++i) b[at + i] = static_cast<uint8_t>(v >> (8 * i));
}

// An Image file of `file_size` bytes with the header fields given, laid out
// as booting.rst describes.
std::vector<uint8_t> make_image(uint64_t text_offset, uint64_t image_size, uint64_t flags,
                                size_t file_size = 4096, uint32_t magic = 0x644D5241) {
  std::vector<uint8_t> b(file_size, 0);
  if (file_size < 64) return b;
  put_le(b, 0, 0x14000010, 4);  // code0: a branch over the header, as kernels have.
  put_le(b, 8, text_offset, 8);
  put_le(b, 16, image_size, 8);
  put_le(b, 24, flags, 8);
  put_le(b, 56, magic, 4);
  return b;
}

std::string load_error(std::span<const uint8_t> bytes) {
  try {
    parse_linux_image_header(bytes, "vmlinux.img");
  } catch (const LoadError& e) {
    CHECK(e.code() == kExitBadImage);
    const std::string msg = e.what();
    CHECK(msg.find('\n') == std::string::npos);
    CHECK(msg.rfind("vmlinux.img: ", 0) == 0);
    return msg;
  }
  FAIL("no LoadError");
  return "";
}

uint64_t align2m(uint64_t v) { return (v + 2 * kMiB - 1) / (2 * kMiB) * (2 * kMiB); }

TEST_CASE("auto-detection tells Images, ELF files and other bytes apart") {
  const auto img = make_image(0, 8192, 0xA);
  CHECK(is_linux_image(img));
  CHECK_FALSE(is_elf(img));
  const std::vector<uint8_t> elf = {0x7F, 'E', 'L', 'F', 2, 1, 1};
  CHECK(is_elf(elf));
  CHECK_FALSE(is_linux_image(elf));
  CHECK_FALSE(is_linux_image(make_image(0, 8192, 0, 4096, 0x12345678)));
  CHECK_FALSE(is_linux_image(std::span(img).first(63)));
  CHECK_FALSE(is_elf(std::span(elf).first(3)));
}

TEST_CASE("a modern header: fields as written, flags decoded") {
  auto img = make_image(0x10000, 0x1AA0000, 0xA);  // LE, 4K pages, anywhere.
  img[0] = 'M';
  img[1] = 'Z';
  const LinuxImageInfo info = parse_linux_image_header(img);
  CHECK(info.text_offset == 0x10000);
  CHECK(info.image_size == 0x1AA0000);
  CHECK(info.flags == 0xA);
  CHECK(info.page_size == 4096);
  CHECK(info.phys_anywhere);
  CHECK(info.efi_stub);
  CHECK_FALSE(info.legacy);

  // Page size field, bits [2:1].
  const uint64_t sizes[] = {0, 4096, 16384, 65536};
  for (uint64_t field = 0; field < 4; ++field) {
    const LinuxImageInfo i = parse_linux_image_header(make_image(0, 8192, field << 1));
    CHECK(i.page_size == sizes[field]);
    CHECK_FALSE(i.phys_anywhere);
    CHECK_FALSE(i.efi_stub);
  }
}

TEST_CASE("a legacy header (image_size 0) gets text_offset 0x80000 whatever it says") {
  const LinuxImageInfo info = parse_linux_image_header(make_image(0x0000'0800'0000'0000, 0, 0));
  CHECK(info.legacy);
  CHECK(info.text_offset == 0x80000);
  CHECK(info.image_size == 0);
}

TEST_CASE("each malformed header has its own one-line LoadError") {
  CHECK(load_error(make_image(0, 0, 0, 63)).find("too short") != std::string::npos);
  CHECK(load_error({}).find("too short") != std::string::npos);
  CHECK(load_error(make_image(0, 8192, 0, 4096, 0x644D5242)).find("magic") != std::string::npos);
  std::vector<uint8_t> gz = {0x1F, 0x8B, 8, 0, 0, 0, 0, 0};
  CHECK(load_error(gz).find("gzip") != std::string::npos);
  CHECK(load_error(make_image(0, 8192, 0xB)).find("big-endian") != std::string::npos);
  // image_size covers at least the file: here it is one byte short.
  CHECK(load_error(make_image(0, 4095, 0, 4096)).find("smaller than the file") !=
        std::string::npos);
  CHECK_NOTHROW(parse_linux_image_header(make_image(0, 4096, 0, 4096)));
}

TEST_CASE("placement: kernel at the 2 MiB-aligned RAM base + text_offset, DTB after its area") {
  const LinuxImageInfo info = parse_linux_image_header(make_image(0x80000, 0x1234567, 0x2));
  const LinuxBootLayout l = plan_linux_boot(info, 4096, kRamBase, kRamSize, 0x3000, 0);
  CHECK(l.kernel_addr == kRamBase + 0x80000);
  CHECK(l.kernel_end == l.kernel_addr + 0x1234567);
  CHECK(l.dtb_addr == align2m(l.kernel_end));
  CHECK(l.dtb_addr % 8 == 0);
  CHECK(l.initrd_addr == 0);
  CHECK(l.initrd_end == 0);

  // Same placement when the kernel may go anywhere (flags bit 3).
  const LinuxImageInfo anywhere = parse_linux_image_header(make_image(0x80000, 0x1234567, 0xA));
  const LinuxBootLayout a = plan_linux_boot(anywhere, 4096, kRamBase, kRamSize, 0x3000, 0);
  CHECK(a.kernel_addr == l.kernel_addr);
}

TEST_CASE("placement: RAM not 2 MiB-aligned moves the base up to the next boundary") {
  const LinuxImageInfo info = parse_linux_image_header(make_image(0, 8 * kMiB, 0xA));
  const uint64_t ram = kRamBase + 0x1000;
  const LinuxBootLayout l = plan_linux_boot(info, 4096, ram, kRamSize, 0x1000, 0);
  CHECK(l.kernel_addr == align2m(ram));
  CHECK(l.kernel_addr % (2 * kMiB) == 0);
}

TEST_CASE("placement: the initrd follows the DTB's 2 MiB block, nothing overlaps") {
  const LinuxImageInfo info = parse_linux_image_header(make_image(0, 0x1AA0000, 0xA));
  const uint64_t dtb = 0x2345, initrd = 5 * kMiB + 7;
  const LinuxBootLayout l = plan_linux_boot(info, 4096, kRamBase, kRamSize, dtb, initrd);
  CHECK(l.kernel_end <= l.dtb_addr);
  CHECK(l.initrd_addr == l.dtb_addr + 2 * kMiB);
  CHECK(l.dtb_addr + dtb <= l.initrd_addr);
  CHECK(l.initrd_end == l.initrd_addr + initrd);
  CHECK(l.initrd_end <= kRamBase + kRamSize);
}

TEST_CASE("placement: a legacy kernel reserves its file plus the bss allowance") {
  const LinuxImageInfo info = parse_linux_image_header(make_image(0, 0, 0));
  const uint64_t file = 3 * kMiB + 5;
  const LinuxBootLayout l = plan_linux_boot(info, file, kRamBase, kRamSize, 0x1000, 0);
  CHECK(l.kernel_addr == kRamBase + 0x80000);
  CHECK(l.kernel_end == l.kernel_addr + align2m(file) + kLinuxLegacyBssAllowance);
  CHECK(l.dtb_addr == align2m(l.kernel_end));
}

TEST_CASE("placement errors: too little RAM, oversized DTB, initrd outside the window") {
  const LinuxImageInfo info = parse_linux_image_header(make_image(0, 30 * kMiB, 0xA));
  // Kernel 30 MiB, DTB block 2 MiB: 32 MiB RAM holds exactly kernel + DTB.
  CHECK_NOTHROW(plan_linux_boot(info, 4096, kRamBase, 32 * kMiB, 2 * kMiB, 0));
  CHECK_THROWS_AS(plan_linux_boot(info, 4096, kRamBase, 32 * kMiB, 2 * kMiB, 1), LoadError);
  CHECK_THROWS_AS(plan_linux_boot(info, 4096, kRamBase, 30 * kMiB, 0x1000, 0), LoadError);
  CHECK_THROWS_AS(plan_linux_boot(info, 4096, kRamBase, kRamSize, 2 * kMiB + 1, 0), LoadError);
  CHECK_THROWS_AS(plan_linux_boot(info, 4096, kRamBase, kRamSize, 0, 0), LoadError);
  CHECK_THROWS_AS(plan_linux_boot(info, 4096, kRamBase, 0, 0x1000, 0), LoadError);
  // 64 GiB of RAM, but an initrd reaching past 32 GiB from the kernel's 1 GiB window.
  CHECK_THROWS_AS(plan_linux_boot(info, 4096, kRamBase, 64ull << 30, 0x1000, 32ull << 30),
                  LoadError);
  // A huge text_offset cannot wrap around the address space.
  LinuxImageInfo wild = info;
  wild.text_offset = ~0ull - kMiB;
  CHECK_THROWS_AS(plan_linux_boot(wild, 4096, kRamBase, kRamSize, 0x1000, 0), LoadError);
  try {
    plan_linux_boot(info, 4096, kRamBase, 16 * kMiB, 0x1000, 0);
  } catch (const LoadError& e) {
    CHECK(std::string(e.what()).find("more memory") != std::string::npos);
  }
}

}  // namespace
}  // namespace el2
