// The `virt` board: QEMU's virt machine memory map (hw/arm/virt.c's layout,
// as observed in ../shared/spec/qemu-virt-el2-gicv3-smp2.dts), so firmware and
// kernels built for it run unchanged: two CFI flash banks at 0, a GICv3, a
// PL011 console, a PL031 RTC and 32 empty virtio-mmio slots. Everything else
// below RAM is nothing: an access there is a synchronous external abort.
#pragma once

#include <array>
#include <cstdio>
#include <memory>
#include <vector>

#include "platform/board.h"
#include "platform/devices/cfi_flash.h"
#include "platform/devices/char_source.h"
#include "platform/devices/pl011.h"
#include "platform/devices/pl031.h"
#include "platform/devices/virtio_mmio_empty.h"
#include "platform/gic/gicv3.h"

namespace el2 {

class Machine;

namespace virt {
constexpr uint64_t kFlashBase = 0x0000'0000;
constexpr uint64_t kFlashBankSize = 0x0400'0000;  // Two banks of 64 MiB.
constexpr uint64_t kFlashBlockSize = 0x4'0000;    // 256 KiB erase blocks, as QEMU's virt.
constexpr unsigned kFlashBankWidth = 4;
constexpr uint64_t kGicDistBase = 0x0800'0000;
constexpr uint64_t kGicRedistBase = 0x080A'0000;
constexpr uint64_t kGicRedistLimit = 0x0900'0000;  // Room for 123 cores' frames.
constexpr uint64_t kUartBase = 0x0900'0000;
constexpr uint64_t kRtcBase = 0x0901'0000;
constexpr uint64_t kVirtioBase = 0x0A00'0000;
constexpr unsigned kVirtioSlots = 32;
constexpr uint64_t kRamBase = 0x4000'0000;
// SPI numbers (INTID - 32) of the devices, as QEMU's virt wires them.
constexpr unsigned kUartSpi = 1;
constexpr unsigned kRtcSpi = 2;
constexpr unsigned kVirtioFirstSpi = 16;
constexpr unsigned kGicMaintenancePpi = 25;  // INTID; PPI 9.
constexpr unsigned kNumSpis = 64;
// The RTC's time at boot: fixed, so runs are deterministic (2026-01-01 UTC).
constexpr uint32_t kRtcEpoch = 1'767'225'600;
}  // namespace virt

struct VirtBoardOptions {
  std::FILE* serial_out = stdout;  // PL011 output; null drops it.
  int serial_in_fd = 0;            // PL011 input; -1 for none.
};

class VirtBoard final : public Board {
 public:
  // Builds the devices, maps them into the machine's memory, attaches the
  // GIC to its cores and hands the board to the machine, which owns it.
  static VirtBoard& attach(Machine& machine, const VirtBoardOptions& options);
  ~VirtBoard() override;

  GicV3& gic() { return *gic_; }
  Pl011& uart() { return *uart_; }
  // Host memory of flash bank 0 (firmware: --bios) and its size.
  uint8_t* flash(unsigned bank) const { return flash_data_[bank]; }

  // Board.
  void set_timer_outputs(Cpu& cpu, const TimerOutputs& outputs) override;
  void poll_host_input() override;
  bool wait_for_host_input() override;

 private:
  VirtBoard(Machine& machine, const VirtBoardOptions& options);
  void flash_mode_changed(unsigned bank);

  Machine& machine_;
  std::unique_ptr<CharSource> input_;
  std::unique_ptr<GicV3> gic_;
  std::unique_ptr<Pl011> uart_;
  std::unique_ptr<Pl031> rtc_;
  std::vector<std::unique_ptr<VirtioMmioEmpty>> virtio_;
  std::array<std::unique_ptr<CfiFlash>, 2> flash_;
  std::array<uint8_t*, 2> flash_data_{};
  // The timer levels last driven into the GIC, per core (one bit per timer).
  std::vector<uint8_t> timer_levels_;
};

}  // namespace el2
