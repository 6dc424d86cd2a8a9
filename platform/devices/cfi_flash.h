// Parallel NOR flash with the Intel/Sharp command set (CFI primary command set
// 0x0001), like the virt board's two 64 MiB banks at 0x0 and 0x04000000.
// References: JEDEC JESD68 (Common Flash Interface) for the query structure;
// the Intel StrataFlash / Intel CFI application notes for the commands.
//
// A bank is `bank_width` bytes wide and built from bank_width / device_width
// identical chips side by side, each answering on its own byte lane. QEMU's
// virt board uses two x16 chips on a 32-bit bus, and firmware probes for that:
// U-Boot and Linux read "QRY" replicated per chip and scale geometry by the
// chip count. Every chip gets the same command (drivers replicate commands
// into each lane; this model decodes lane 0).
//
// The board owns the contents (`data`, e.g. a RamRegion's host memory). In
// read-array mode it serves reads straight from that buffer and sends only
// writes here; in any other mode every access comes here (array_mode(),
// on_mode_change). Operations complete instantly: status always reads ready.
// Programming can only clear bits, as on real flash; erase sets a block to
// 0xFF. Not modelled: block locking (blocks read as unlocked, lock commands are
// accepted and do nothing), suspend/resume (accepted, nothing to suspend),
// protection/OTP registers, chip erase, timing, Vpp.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "platform/memory_map.h"

namespace el2 {

class CfiFlash : public MmioDevice {
 public:
  // JEP106 manufacturer id of Intel and the device id QEMU's virt flash
  // reports; firmware prints them and does not key on them.
  static constexpr uint16_t kManufacturerId = 0x0089;
  static constexpr uint16_t kDeviceId = 0x0018;
  // Write buffer of each chip: 2^11 bytes (CFI query offset 0x2A).
  static constexpr unsigned kWriteBufferLog2 = 11;

  // Status register bits (Intel SR / CFI "WSM" status).
  static constexpr uint8_t kStatusReady = 0x80;         // SR.7: state machine ready.
  static constexpr uint8_t kStatusEraseError = 0x20;    // SR.5.
  static constexpr uint8_t kStatusProgramError = 0x10;  // SR.4.
  // SR.5 and SR.4 together: improper command sequence.
  static constexpr uint8_t kStatusSequenceError = kStatusEraseError | kStatusProgramError;

  // `data`/`size`: the bank's contents, not owned. `bank_width`: bus width in
  // bytes (1, 2 or 4). `block_size`: erase block as the bus sees it (all chips
  // together). `device_width`: width of one chip in bytes; 0 picks x16 chips
  // (min(2, bank_width)), as on QEMU's virt board. Sizes must be powers of two
  // with at least 256 bytes of block per chip and at most 65536 blocks.
  // Throws std::invalid_argument for a geometry CFI cannot describe.
  CfiFlash(uint8_t* data, uint64_t size, unsigned bank_width, uint64_t block_size,
           unsigned device_width = 0, std::string name = "cfi-flash");

  std::string name() const override { return name_; }
  // Naturally aligned 1-, 2-, 4- and 8-byte accesses inside the bank.
  bool read(uint64_t offset, unsigned size, uint64_t& value) override;
  bool write(uint64_t offset, unsigned size, uint64_t value) override;

  // True while reads return the array (the contents), so the board may serve
  // them from the buffer directly.
  bool array_mode() const { return mode_ == Mode::kArray; }
  // Called after each change of array_mode().
  std::function<void()> on_mode_change;

  // Power-on state: read array, status ready, no command in progress.
  void reset();

  uint8_t status() const { return status_; }
  uint64_t size() const { return size_; }
  unsigned bank_width() const { return bank_width_; }
  unsigned device_width() const { return device_width_; }
  unsigned chips() const { return bank_width_ / device_width_; }
  uint64_t block_size() const { return block_size_; }
  // Bytes one buffered program may cover, all chips together.
  uint64_t write_buffer_size() const { return uint64_t{chips()} << kWriteBufferLog2; }
  // One chip's CFI query structure, indexed by query offset.
  const std::vector<uint8_t>& query_table() const { return query_; }

 private:
  enum class Mode : uint8_t { kArray, kStatus, kQuery, kId };
  // Second and later cycles of multi-cycle commands.
  enum class Pending : uint8_t {
    kNone,
    kProgram,
    kErase,
    kLock,
    kBufferCount,
    kBufferData,
    kBufferConfirm
  };
  struct BufferedWrite {
    uint64_t offset;
    unsigned size;
    uint64_t value;
  };

  bool decodes(uint64_t offset, unsigned size) const;
  void build_query_table();
  // What one chip drives on its lane for bus word `word` in a non-array mode.
  uint32_t chip_response(uint64_t word) const;
  uint8_t read_byte(uint64_t offset) const;
  void command(uint64_t offset, uint8_t cmd);
  void program(uint64_t offset, unsigned size, uint64_t value);
  void buffer_data(uint64_t offset, unsigned size, uint64_t value);
  void set_mode(Mode mode);

  uint8_t* data_;
  uint64_t size_;
  unsigned bank_width_;
  unsigned device_width_;
  uint64_t block_size_;
  std::string name_;
  std::vector<uint8_t> query_;

  Mode mode_ = Mode::kArray;
  Pending pending_ = Pending::kNone;
  uint8_t status_ = kStatusReady;
  uint64_t buffer_words_left_ = 0;
  uint64_t buffer_window_ = 0;  // Start of the write-buffer window in use.
  std::vector<BufferedWrite> buffered_;
};

}  // namespace el2
