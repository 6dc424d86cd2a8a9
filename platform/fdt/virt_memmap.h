// Where things are on the virt board, as on QEMU's `virt` machine (see
// ../shared/spec/qemu-virt-el2-gicv3-smp2.dts): addresses, sizes and the GIC
// interrupt numbers the device tree gives each device. The board and the
// device tree builder both take them from here, so they cannot disagree.
#pragma once

#include <cstdint>

namespace el2::virt {

inline constexpr uint64_t kFlashBase = 0x0000'0000;
inline constexpr uint64_t kFlashBankSize = 64ull << 20;  // Two banks, back to back.
inline constexpr unsigned kFlashBanks = 2;
inline constexpr unsigned kFlashBankWidth = 4;             // Bytes; two x16 chips.
inline constexpr uint64_t kFlashBlockSize = 256ull << 10;  // Erase block, both chips.

inline constexpr uint64_t kGicDistBase = 0x0800'0000;
inline constexpr uint64_t kGicDistSize = 0x1'0000;
inline constexpr uint64_t kGicRedistBase = 0x080A'0000;  // GICv3.
inline constexpr uint64_t kGicRedistStride = 0x2'0000;   // RD_base + SGI_base per CPU.
inline constexpr uint64_t kGicCpuBase = 0x0801'0000;     // GICv2 CPU interface.
inline constexpr uint64_t kGicCpuSize = 0x1'0000;
inline constexpr uint64_t kGicHypBase = 0x0803'0000;   // GICv2 virtual interface control.
inline constexpr uint64_t kGicVcpuBase = 0x0804'0000;  // GICv2 virtual CPU interface.
inline constexpr uint64_t kGicV2VirtSize = 0x1'0000;

inline constexpr uint64_t kUartBase = 0x0900'0000;
inline constexpr uint64_t kRtcBase = 0x0901'0000;
inline constexpr uint64_t kPrimeCellSize = 0x1000;

inline constexpr uint64_t kVirtioBase = 0x0A00'0000;
inline constexpr uint64_t kVirtioStride = 0x200;
inline constexpr unsigned kVirtioMaxSlots = 32;

inline constexpr uint64_t kRamBase = 0x4000'0000;

// Interrupts: SPI numbers (GIC INTID - 32) and PPI numbers (INTID - 16), as
// the GIC device tree binding counts them.
inline constexpr unsigned kUartSpi = 1;
inline constexpr unsigned kRtcSpi = 2;
inline constexpr unsigned kVirtioFirstSpi = 16;  // Slot n: SPI 16 + n.
inline constexpr unsigned kGicMaintenancePpi = 9;
inline constexpr unsigned kTimerSecurePhysPpi = 13;
inline constexpr unsigned kTimerPhysPpi = 14;
inline constexpr unsigned kTimerVirtPpi = 11;
inline constexpr unsigned kTimerHypPhysPpi = 10;
inline constexpr unsigned kPmuPpi = 7;

inline constexpr uint32_t kApbClockHz = 24'000'000;  // The PrimeCells' apb_pclk.

}  // namespace el2::virt
