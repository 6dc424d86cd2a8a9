// Starting a guest on the virt board the way QEMU's virt machine does:
// firmware in flash (--bios, DTB at the start of RAM), a Linux arm64 Image
// (the boot protocol: x0 = DTB), or ELF images; the device tree generated for
// the board that runs, or a user's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "platform/machine.h"
#include "platform/virt_board.h"

namespace el2 {

struct VirtBootSpec {
  std::string bios;                // Raw firmware image for flash bank 0.
  std::string kernel;              // A Linux arm64 Image.
  std::string initrd;              // With `kernel`: an initramfs.
  std::vector<std::string> elves;  // ELF images (the first one's entry starts).
  std::string dtb_file;            // A user's DTB instead of the generated one.
  std::string bootargs;            // /chosen/bootargs.
};

struct VirtBootInfo {
  uint64_t entry = 0;
  uint64_t dtb_addr = 0;
  uint64_t dtb_size = 0;
  uint64_t kernel_addr = 0;  // Linux only.
  uint64_t initrd_addr = 0, initrd_size = 0;
};

// The device tree describing `machine` on the virt board, with the given
// bootargs and initrd range (size 0: none).
std::vector<uint8_t> virt_device_tree(const Machine& machine, const std::string& bootargs,
                                      uint64_t initrd_addr = 0, uint64_t initrd_size = 0);

// Loads everything `spec` names, places the DTB, and resets the boot core at
// the entry point in the machine's entry EL with x0 = the DTB's address
// (Linux) or 0. Throws LoadError for bad or misplaced images.
VirtBootInfo boot_virt(Machine& machine, VirtBoard& board, const VirtBootSpec& spec);

}  // namespace el2
