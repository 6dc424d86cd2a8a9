// libFuzzer harness: Linux Image header parsing and boot placement
// (platform/image_loader.h) on any bytes. The last bytes choose the RAM size
// and the DTB and initrd sizes placement is asked for. Bad input must end in
// a LoadError; a placement must lie inside RAM and keep its pieces apart.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "platform/image_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> bytes(data, size);
  el2::is_linux_image(bytes);
  el2::is_elf(bytes);
  if (size < 3) return 0;
  const uint64_t ram_base = 0x4000'0000;
  const uint64_t ram_size = uint64_t{1} << (20 + data[size - 1] % 20);
  const uint64_t dtb_size = uint64_t{data[size - 2]} << 12;
  const uint64_t initrd_size = uint64_t{data[size - 3]} << 20;
  try {
    const el2::LinuxImageInfo info = el2::parse_linux_image_header(bytes, "fuzz-Image");
    const el2::LinuxBootLayout l =
        el2::plan_linux_boot(info, size, ram_base, ram_size, dtb_size, initrd_size);
    const uint64_t ram_end = ram_base + ram_size;
    const bool inside = l.kernel_addr >= ram_base && l.kernel_end <= ram_end &&
                        l.kernel_addr < l.kernel_end && l.dtb_addr >= l.kernel_end &&
                        l.dtb_addr + dtb_size <= ram_end && l.dtb_addr % 8 == 0;
    const bool initrd_ok =
        !initrd_size || (l.initrd_addr >= l.dtb_addr + dtb_size &&
                         l.initrd_end == l.initrd_addr + initrd_size && l.initrd_end <= ram_end);
    if (!inside || !initrd_ok) std::abort();  // A placement the loader should have refused.
  } catch (const el2::LoadError&) {
  }
  return 0;
}
