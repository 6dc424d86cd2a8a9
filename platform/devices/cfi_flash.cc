#include "platform/devices/cfi_flash.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>

namespace el2 {

namespace {

// Commands (first bus cycle), Intel/Sharp command set.
constexpr uint8_t kCmdReadArray = 0xFF;
constexpr uint8_t kCmdAmdReset = 0xF0;  // AMD's reset; CFI probes send it to any chip.
constexpr uint8_t kCmdReadStatus = 0x70;
constexpr uint8_t kCmdClearStatus = 0x50;
constexpr uint8_t kCmdReadId = 0x90;
constexpr uint8_t kCmdReadQuery = 0x98;
constexpr uint8_t kCmdProgram = 0x40;
constexpr uint8_t kCmdProgramAlt = 0x10;
constexpr uint8_t kCmdBlockErase = 0x20;
constexpr uint8_t kCmdBufferedProgram = 0xE8;
constexpr uint8_t kCmdLockSetup = 0x60;
constexpr uint8_t kCmdSuspend = 0xB0;
constexpr uint8_t kCmdConfirm = 0xD0;  // Erase/buffer confirm, resume, unlock.
constexpr uint8_t kCmdLockBlock = 0x01;
constexpr uint8_t kCmdLockDown = 0x2F;

// Offsets in the CFI query structure (JESD68), in chip words.
constexpr size_t kQueryString = 0x10;       // "QRY".
constexpr size_t kPrimaryCmdSet = 0x13;     // 0x0001 = Intel/Sharp extended.
constexpr size_t kPrimaryTable = 0x15;      // Address of the primary extended table.
constexpr size_t kVccMin = 0x1B;            // BCD volts, e.g. 0x27 = 2.7 V.
constexpr size_t kTypWordProgram = 0x1F;    // 2^n us.
constexpr size_t kTypBufferProgram = 0x20;  // 2^n us; 0 = no buffered program.
constexpr size_t kTypBlockErase = 0x21;     // 2^n ms.
constexpr size_t kMaxWordProgram = 0x23;    // 2^n times typical.
constexpr size_t kDeviceSize = 0x27;        // 2^n bytes.
constexpr size_t kInterface = 0x28;         // Device interface code.
constexpr size_t kMaxWriteBuffer = 0x2A;    // 2^n bytes.
constexpr size_t kEraseRegions = 0x2C;
constexpr size_t kEraseRegion1 = 0x2D;  // Blocks - 1 (16 bits), block size / 256 (16 bits).
// Intel primary extended query table ("PRI"), placed right after the above.
constexpr size_t kPri = 0x31;
constexpr size_t kQueryTableSize = 0x50;

// Device interface codes (JESD68): x8, x16, x32 asynchronous.
uint16_t interface_code(unsigned device_width) {
  return device_width == 1 ? 0x0000 : device_width == 2 ? 0x0001 : 0x0003;
}

bool valid_width(unsigned w) { return w == 1 || w == 2 || w == 4; }

}  // namespace

CfiFlash::CfiFlash(uint8_t* data, uint64_t size, unsigned bank_width, uint64_t block_size,
                   unsigned device_width, std::string name)
    : data_(data),
      size_(size),
      bank_width_(bank_width),
      device_width_(device_width != 0 ? device_width : std::min(2u, bank_width)),
      block_size_(block_size),
      name_(std::move(name)) {
  if (data_ == nullptr) throw std::invalid_argument("cfi flash: no backing memory");
  if (!valid_width(bank_width_) || !valid_width(device_width_) || device_width_ > bank_width_)
    throw std::invalid_argument("cfi flash: bank and chip widths must be 1, 2 or 4 bytes");
  if (!std::has_single_bit(size_) || !std::has_single_bit(block_size_) || block_size_ > size_)
    throw std::invalid_argument("cfi flash: size and block size must be powers of two");
  const uint64_t chip_block = block_size_ / chips();
  if (chip_block < 256 || chip_block / 256 > 0xFFFF || size_ / block_size_ > 0x10000)
    throw std::invalid_argument("cfi flash: block geometry not expressible in CFI");
  build_query_table();
}

void CfiFlash::build_query_table() {
  query_.assign(kQueryTableSize, 0);
  auto put16 = [this](size_t at, uint64_t v) {
    query_[at] = static_cast<uint8_t>(v);
    query_[at + 1] = static_cast<uint8_t>(v >> 8);
  };
  const uint64_t chip_size = size_ / chips();
  const uint64_t chip_block = block_size_ / chips();
  const uint64_t blocks = size_ / block_size_;

  query_[kQueryString] = 'Q';
  query_[kQueryString + 1] = 'R';
  query_[kQueryString + 2] = 'Y';
  put16(kPrimaryCmdSet, 0x0001);
  put16(kPrimaryTable, kPri);
  // No alternate command set or table (0x17-0x1A stay 0).
  query_[kVccMin] = 0x27;      // 2.7 V ..
  query_[kVccMin + 1] = 0x36;  // .. 3.6 V; no Vpp pin (0x1D, 0x1E = 0).
  // Timeouts only pace a driver's polling; operations here finish at once.
  // Buffered program must be non-zero: drivers use it only when advertised.
  query_[kTypWordProgram] = 6;    // 64 us.
  query_[kTypBufferProgram] = 8;  // 256 us.
  query_[kTypBlockErase] = 10;    // 1 s; no chip erase (0x22 = 0).
  query_[kMaxWordProgram] = 4;
  query_[kMaxWordProgram + 1] = 4;
  query_[kMaxWordProgram + 2] = 4;
  query_[kDeviceSize] = static_cast<uint8_t>(std::countr_zero(chip_size));
  put16(kInterface, interface_code(device_width_));
  put16(kMaxWriteBuffer, kWriteBufferLog2);
  query_[kEraseRegions] = 1;  // Uniform blocks.
  put16(kEraseRegion1, blocks - 1);
  put16(kEraseRegion1 + 2, chip_block / 256);

  // Primary extended table, version 1.0: no optional features (so drivers
  // neither suspend nor lock), one protection field (Linux sizes the rest of
  // the table from this count minus one), Vcc optimum 3.3 V.
  query_[kPri] = 'P';
  query_[kPri + 1] = 'R';
  query_[kPri + 2] = 'I';
  query_[kPri + 3] = '1';
  query_[kPri + 4] = '0';
  // kPri + 5..8 feature support, + 9 suspend commands, + 0xA..0xB block
  // status register mask: all 0.
  query_[kPri + 0xC] = 0x33;
  query_[kPri + 0xE] = 1;
}

bool CfiFlash::decodes(uint64_t offset, unsigned size) const {
  if (size != 1 && size != 2 && size != 4 && size != 8) return false;
  return offset % size == 0 && offset < size_ && size_ - offset >= size;
}

uint32_t CfiFlash::chip_response(uint64_t word) const {
  switch (mode_) {
    case Mode::kStatus:
      return status_;
    case Mode::kQuery:
      return word < query_.size() ? query_[word] : 0;
    case Mode::kId:
      // Identifier codes repeat in every block: manufacturer at word 0, device
      // at word 1, the block's lock state at word 2 (0: unlocked).
      switch (word % (block_size_ / bank_width_)) {
        case 0:
          return kManufacturerId;
        case 1:
          return kDeviceId;
        default:
          return 0;
      }
    case Mode::kArray:
      break;
  }
  return 0;
}

uint8_t CfiFlash::read_byte(uint64_t offset) const {
  if (mode_ == Mode::kArray) return data_[offset];
  // Each chip drives its own device_width_ lanes of the bus word.
  const unsigned byte_in_chip = static_cast<unsigned>(offset % bank_width_) % device_width_;
  return static_cast<uint8_t>(chip_response(offset / bank_width_) >> (8 * byte_in_chip));
}

bool CfiFlash::read(uint64_t offset, unsigned size, uint64_t& value) {
  if (!decodes(offset, size)) return false;
  value = 0;
  if (mode_ == Mode::kArray) {
    std::memcpy(&value, data_ + offset, size);  // Little-endian host.
    return true;
  }
  for (unsigned i = 0; i < size; ++i) value |= uint64_t{read_byte(offset + i)} << (8 * i);
  return true;
}

void CfiFlash::set_mode(Mode mode) { mode_ = mode; }

void CfiFlash::program(uint64_t offset, unsigned size, uint64_t value) {
  // Programming moves bits from 1 to 0 only; erase is the way back to 1.
  for (unsigned i = 0; i < size; ++i) data_[offset + i] &= static_cast<uint8_t>(value >> (8 * i));
}

void CfiFlash::buffer_data(uint64_t offset, unsigned size, uint64_t value) {
  if (buffered_.empty()) buffer_window_ = offset & ~(write_buffer_size() - 1);
  buffered_.push_back({offset, size, value});
  const uint64_t words = std::max<uint64_t>(1, size / bank_width_);
  buffer_words_left_ -= std::min(buffer_words_left_, words);
  if (buffer_words_left_ == 0) pending_ = Pending::kBufferConfirm;
}

void CfiFlash::command(uint64_t offset, uint8_t cmd) {
  (void)offset;  // First-cycle addresses select nothing in this command set.
  switch (cmd) {
    case kCmdReadArray:
    case kCmdAmdReset:
      set_mode(Mode::kArray);
      break;
    case kCmdReadStatus:
      set_mode(Mode::kStatus);
      break;
    case kCmdClearStatus:
      // Clears the error bits and, as on Intel parts, returns to read array.
      status_ = kStatusReady;
      set_mode(Mode::kArray);
      break;
    case kCmdReadId:
      set_mode(Mode::kId);
      break;
    case kCmdReadQuery:
      set_mode(Mode::kQuery);
      break;
    case kCmdProgram:
    case kCmdProgramAlt:
      pending_ = Pending::kProgram;
      set_mode(Mode::kStatus);
      break;
    case kCmdBlockErase:
      pending_ = Pending::kErase;
      set_mode(Mode::kStatus);
      break;
    case kCmdLockSetup:
      pending_ = Pending::kLock;
      set_mode(Mode::kStatus);
      break;
    case kCmdBufferedProgram:
      // Reads now return the extended status: bit 7 = a buffer is available,
      // which it always is.
      pending_ = Pending::kBufferCount;
      set_mode(Mode::kStatus);
      break;
    case kCmdSuspend:  // Nothing is ever running, so nothing to suspend ..
    case kCmdConfirm:  // .. or resume.
      set_mode(Mode::kStatus);
      break;
    default:
      // Unknown commands return to read array, as a reset would; probes for
      // other command sets (AMD unlock cycles) rely on this being harmless.
      set_mode(Mode::kArray);
      break;
  }
}

bool CfiFlash::write(uint64_t offset, unsigned size, uint64_t value) {
  if (!decodes(offset, size)) return false;
  const bool was_array = array_mode();
  const auto cmd = static_cast<uint8_t>(value);  // Lane 0 of the first chip.
  const Pending pending = pending_;
  if (pending != Pending::kBufferData) pending_ = Pending::kNone;
  switch (pending) {
    case Pending::kNone:
      command(offset, cmd);
      break;
    case Pending::kProgram:
      program(offset, size, value);
      set_mode(Mode::kStatus);
      break;
    case Pending::kErase:
      // The confirm cycle's address selects the block.
      if (cmd == kCmdConfirm) {
        std::memset(data_ + (offset & ~(block_size_ - 1)), 0xFF, block_size_);
      } else {
        status_ |= kStatusSequenceError;
      }
      set_mode(Mode::kStatus);
      break;
    case Pending::kLock:
      if (cmd != kCmdLockBlock && cmd != kCmdConfirm && cmd != kCmdLockDown)
        status_ |= kStatusSequenceError;
      set_mode(Mode::kStatus);
      break;
    case Pending::kBufferCount: {
      // Word count minus one, per chip, in each chip's lanes.
      const uint64_t lane_mask =
          device_width_ == 4 ? 0xFFFF'FFFFull : (1ull << (8 * device_width_)) - 1;
      const uint64_t words = (value & lane_mask) + 1;
      if (words * device_width_ > (uint64_t{1} << kWriteBufferLog2)) {
        status_ |= kStatusSequenceError;
      } else {
        buffer_words_left_ = words;
        buffered_.clear();
        pending_ = Pending::kBufferData;
      }
      set_mode(Mode::kStatus);
      break;
    }
    case Pending::kBufferData:
      buffer_data(offset, size, value);
      break;
    case Pending::kBufferConfirm: {
      // Data is held until the confirm, so an aborted sequence writes nothing.
      const uint64_t window = write_buffer_size();
      const bool in_window = std::all_of(buffered_.begin(), buffered_.end(), [&](auto& w) {
        return w.offset >= buffer_window_ && w.offset + w.size <= buffer_window_ + window;
      });
      if (cmd == kCmdConfirm && in_window) {
        for (const BufferedWrite& w : buffered_) program(w.offset, w.size, w.value);
      } else {
        status_ |= kStatusSequenceError;
      }
      buffered_.clear();
      set_mode(Mode::kStatus);
      break;
    }
  }
  if (was_array != array_mode() && on_mode_change) on_mode_change();
  return true;
}

void CfiFlash::reset() {
  const bool was_array = array_mode();
  mode_ = Mode::kArray;
  pending_ = Pending::kNone;
  status_ = kStatusReady;
  buffered_.clear();
  buffer_words_left_ = 0;
  if (!was_array && on_mode_change) on_mode_change();
}

}  // namespace el2
