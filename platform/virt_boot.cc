#include "platform/virt_boot.h"

#include <fmt/format.h>

#include "platform/fdt/virt_dtb.h"
#include "platform/image_loader.h"

namespace el2 {

namespace {

constexpr uint64_t kDtbMaxSize = 2 << 20;  // Boot protocol: at most 2 MiB.

std::vector<uint8_t> user_dtb(const std::string& path) {
  std::vector<uint8_t> dtb = read_file(path);
  std::string error;
  if (!validate_dtb(dtb, error))
    throw LoadError(kExitBadImage,
                    fmt::format("{}: not a valid device tree blob: {}", path, error));
  if (dtb.size() > kDtbMaxSize)
    throw LoadError(kExitBadImage, fmt::format("{}: device tree larger than 2 MiB", path));
  return dtb;
}

void place(Machine& m, uint64_t addr, const std::vector<uint8_t>& bytes, const char* what) {
  if (!m.memory().is_ram(addr, std::max<uint64_t>(bytes.size(), 1)) ||
      !m.memory().write_phys(addr, bytes.data(), bytes.size()))
    throw LoadError(kExitBadImage,
                    fmt::format("the {} ({} bytes) does not fit in guest RAM at {:#x}", what,
                                bytes.size(), addr));
}

}  // namespace

std::vector<uint8_t> virt_device_tree(const Machine& m, const std::string& bootargs,
                                      uint64_t initrd_addr, uint64_t initrd_size) {
  VirtBoardDesc d;
  d.cpus = m.core_count();
  d.cpu_compatible = fmt::format("arm,{}", m.model().name);
  d.ram_base = m.config().ram_base;
  d.ram_size = m.config().ram_size;
  d.psci_1_0 = psci_version_code(m.psci().vm_version()) >= psci_version_code(PsciVersion::k1_0);
  d.psci_method = m.config().psci_config.conduit == PsciConduit::kSmc ? "smc" : "hvc";
  d.bootargs = bootargs;
  if (initrd_size) {
    d.initrd_start = initrd_addr;
    d.initrd_end = initrd_addr + initrd_size;
  }
  return build_virt_dtb(d);
}

VirtBootInfo boot_virt(Machine& m, VirtBoard& board, const VirtBootSpec& spec) {
  VirtBootInfo info;
  const uint64_t ram_base = m.config().ram_base;
  const uint64_t ram_size = m.config().ram_size;
  std::vector<uint8_t> initrd;
  if (!spec.initrd.empty()) {
    if (spec.kernel.empty()) throw LoadError(kExitUsage, "--initrd needs a Linux kernel Image");
    initrd = read_file(spec.initrd);
  }
  std::vector<uint8_t> dtb;
  if (!spec.dtb_file.empty()) dtb = user_dtb(spec.dtb_file);

  if (!spec.kernel.empty()) {
    const std::vector<uint8_t> image = read_file(spec.kernel);
    const LinuxImageInfo header = parse_linux_image_header(image, spec.kernel);
    // The generated tree's size does not depend on where the initrd goes, so
    // a first build sizes the layout and a second one records the addresses.
    const uint64_t dtb_size =
        dtb.empty() ? virt_device_tree(m, spec.bootargs, 1, initrd.size()).size() : dtb.size();
    const LinuxBootLayout layout =
        plan_linux_boot(header, image.size(), ram_base, ram_size, dtb_size, initrd.size());
    place(m, layout.kernel_addr, image, "kernel Image");
    if (!initrd.empty()) place(m, layout.initrd_addr, initrd, "initrd");
    if (dtb.empty()) dtb = virt_device_tree(m, spec.bootargs, layout.initrd_addr, initrd.size());
    place(m, layout.dtb_addr, dtb, "device tree");
    info.kernel_addr = info.entry = layout.kernel_addr;
    info.dtb_addr = layout.dtb_addr;
    info.initrd_addr = initrd.empty() ? 0 : layout.initrd_addr;
    info.initrd_size = initrd.size();
  } else {
    // Firmware (U-Boot on QEMU's virt) finds the tree at the start of RAM.
    if (dtb.empty()) dtb = virt_device_tree(m, spec.bootargs);
    info.dtb_addr = ram_base;
    place(m, ram_base, dtb, "device tree");
  }
  info.dtb_size = dtb.size();

  if (!spec.bios.empty()) {
    const std::vector<uint8_t> fw = read_file(spec.bios);
    if (fw.size() > virt::kFlashBankSize)
      throw LoadError(kExitBadImage, fmt::format("{}: {} bytes do not fit in the 64 MiB flash",
                                                 spec.bios, fw.size()));
    std::memcpy(board.flash(0), fw.data(), fw.size());
    if (spec.kernel.empty()) info.entry = virt::kFlashBase;
  }
  std::optional<uint64_t> elf_entry;
  for (const auto& path : spec.elves) {
    const uint64_t e = m.load_elf(path).entry;
    if (!elf_entry) elf_entry = e;
  }
  if (elf_entry && spec.bios.empty() && spec.kernel.empty()) info.entry = *elf_entry;
  if (spec.bios.empty() && spec.kernel.empty() && !elf_entry)
    throw LoadError(kExitUsage, "nothing to run: give an ELF, a Linux Image or --bios FILE");

  m.reset(info.entry);
  // Boot protocol (Documentation/arch/arm64/booting.rst): x0 = the DTB's
  // physical address, x1-x3 = 0. Firmware gets zeroes, as from reset.
  m.cpu(0).state().x[0] = spec.kernel.empty() ? 0 : info.dtb_addr;
  return info;
}

}  // namespace el2
