// The virt board's flattened device tree, generated with libfdt from a
// description of the board that actually runs: it mirrors the tree QEMU makes
// for its `virt` machine (../shared/spec/qemu-virt-el2-gicv3-smp2.dts) for the
// devices we have, and leaves out those we do not (fw-cfg, PCIe, GIC ITS or
// v2m, PL061 GPIO and gpio-keys, the dynamic platform bus).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace el2 {

struct VirtBoardDesc {
  unsigned cpus = 1;  // cpu@N with reg = N (MPIDR Aff0); 1..8.
  std::string cpu_compatible = "arm,cortex-a57";
  uint64_t ram_base = 0x4000'0000;
  uint64_t ram_size = 1ull << 30;

  // PSCI conduit, "smc" (firmware at EL3, e.g. a guest entered at EL2) or
  // "hvc" (firmware at EL2, guest at EL1). CPUs use enable-method "psci".
  std::string psci_method = "smc";
  bool psci_1_0 = true;  // Adds "arm,psci-1.0" before "arm,psci-0.2".

  bool gic_v3 = true;
  unsigned gic_redist_count = 0;  // GICv3 redistributors; 0 = one per CPU.
  // The CPUs have EL2: describe the GIC's maintenance interrupt (and, for
  // GICv2, its virtual interface frames), which KVM needs.
  bool gic_virtualization = true;

  bool pl031 = true;
  unsigned virtio_slots = 32;  // Empty virtio-mmio slots, 0..32.
  bool flash = true;           // flash@0: both 64 MiB CFI banks.
  bool pmu = false;            // "arm,armv8-pmuv3" on PPI 7; off: our PMU raises no interrupt.

  // /chosen. Empty/zero means absent.
  std::string bootargs;
  uint64_t initrd_start = 0, initrd_end = 0;  // [start, end); 0, 0 = no initrd.
  // Fixed seeds keep runs reproducible; without kaslr-seed Linux does not
  // randomise its placement when booted without EFI.
  std::optional<uint64_t> kaslr_seed;
  std::vector<uint8_t> rng_seed;

  // Free space left inside the blob for firmware that edits it in place
  // (U-Boot's fdt commands, boot-time fix-ups of /chosen).
  uint32_t extra_space = 0x1000;
};

// Builds the blob. Throws std::invalid_argument for a description that cannot
// be a virt board (no CPUs, too many, RAM overlapping devices, bad method).
std::vector<uint8_t> build_virt_dtb(const VirtBoardDesc& desc);

// Checks a user-supplied blob (--dtb) before it is handed to a guest: header,
// sizes and the structure block, via libfdt's fdt_check_full. On failure
// returns false with a one-line reason in `error`; never crashes on garbage.
bool validate_dtb(std::span<const uint8_t> blob, std::string& error);

}  // namespace el2
