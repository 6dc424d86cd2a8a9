#include "platform/virt_board.h"

#include <sys/mman.h>

#include <fmt/format.h>

#include <cstring>

#include "platform/machine.h"

namespace el2 {

VirtBoard& VirtBoard::attach(Machine& machine, const VirtBoardOptions& options) {
  auto board = std::unique_ptr<VirtBoard>(new VirtBoard(machine, options));
  VirtBoard& ref = *board;
  machine.set_board(std::move(board));
  return ref;
}

VirtBoard::VirtBoard(Machine& machine, const VirtBoardOptions& options) : machine_(machine) {
  MemoryMap& mem = machine.memory();
  std::vector<Cpu*> cores;
  for (unsigned i = 0; i < machine.core_count(); ++i) cores.push_back(&machine.cpu(i));
  timer_levels_.assign(cores.size(), 0);

  gic_ = std::make_unique<GicV3>(cores, virt::kNumSpis);
  mem.add_mmio(virt::kGicDistBase, GicV3::kDistributorSize, &gic_->distributor());
  mem.add_mmio(virt::kGicRedistBase, virt::kGicRedistLimit - virt::kGicRedistBase,
               &gic_->redistributors());

  if (options.serial_in_fd >= 0) input_ = std::make_unique<FdCharSource>(options.serial_in_fd);
  uart_ = std::make_unique<Pl011>(options.serial_out, input_.get(), [this](bool level) {
    gic_->set_spi(32 + virt::kUartSpi, level);
  });
  mem.add_mmio(virt::kUartBase, Pl011::kWindowSize, uart_.get());

  // Seconds of guest time: the boot core's clock (cores agree at slice ends).
  rtc_ = std::make_unique<Pl031>(
      virt::kRtcEpoch, [this] { return machine_.cpu(0).cycles() / Cpu::kCoreHz; },
      [this](bool level) { gic_->set_spi(32 + virt::kRtcSpi, level); });
  mem.add_mmio(virt::kRtcBase, Pl031::kWindowSize, rtc_.get());

  for (unsigned i = 0; i < virt::kVirtioSlots; ++i) {
    virtio_.push_back(std::make_unique<VirtioMmioEmpty>());
    mem.add_mmio(virt::kVirtioBase + i * VirtioMmioEmpty::kWindowSize, VirtioMmioEmpty::kWindowSize,
                 virtio_.back().get());
  }

  for (unsigned bank = 0; bank < 2; ++bank) {
    const uint64_t base = virt::kFlashBase + bank * virt::kFlashBankSize;
    RamRegion& r = mem.add_ram(fmt::format("flash{}", bank), base, virt::kFlashBankSize,
                               /*read_only=*/true);
    // Erased NOR flash reads as all ones. Filling it touches every page, so
    // ask for huge pages first: 64 page faults per bank instead of 16384,
    // most of el2emu's start-up time otherwise (a hint; failure is harmless).
    madvise(r.host, r.size, MADV_HUGEPAGE);
    std::memset(r.host, 0xFF, r.size);
    flash_data_[bank] = r.host;
    flash_[bank] =
        std::make_unique<CfiFlash>(r.host, r.size, virt::kFlashBankWidth, virt::kFlashBlockSize);
    flash_[bank]->on_mode_change = [this, bank] { flash_mode_changed(bank); };
    r.overlay = flash_[bank].get();
  }
}

VirtBoard::~VirtBoard() {
  if (uart_) uart_->flush();
}

// In read-array mode the flash is plain memory (code runs from it); in any
// other mode (query, status) every read goes to the device, so the cores'
// fast paths, which may hold host pointers into the bank, are flushed.
void VirtBoard::flash_mode_changed(unsigned bank) {
  RamRegion* r = machine_.memory().find_ram(virt::kFlashBase + bank * virt::kFlashBankSize, 1);
  r->overlay_active = !flash_[bank]->array_mode();
  for (unsigned i = 0; i < machine_.core_count(); ++i) machine_.cpu(i).control_state_changed();
}

void VirtBoard::set_timer_outputs(Cpu& cpu, const TimerOutputs& outputs) {
  const unsigned core = cpu.core_index();
  uint8_t levels = 0;
  for (unsigned t = 0; t < kTimerCount; ++t) levels |= uint8_t{outputs.asserted[t]} << t;
  const uint8_t changed = levels ^ timer_levels_[core];
  if (!changed) return;
  timer_levels_[core] = levels;
  for (unsigned t = 0; t < kTimerCount; ++t)
    if (changed & (1u << t)) gic_->set_ppi(core, kTimerPpi[t], levels & (1u << t));
}

void VirtBoard::poll_host_input() { uart_->poll_input(); }

// Only an interrupt wakes a waiting core: if the input that arrives does not
// raise one (the guest left the UART's RX interrupt masked), nothing ever will.
bool VirtBoard::wait_for_host_input() {
  if (!input_) return false;
  uart_->flush();
  if (!input_->wait_for_input()) return false;
  uart_->poll_input();
  for (unsigned i = 0; i < machine_.core_count(); ++i)
    if (machine_.cpu(i).wake_condition()) return true;
  return false;
}

}  // namespace el2
