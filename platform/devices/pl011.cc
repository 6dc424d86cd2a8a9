#include "platform/devices/pl011.h"

namespace el2 {

namespace {
constexpr uint32_t kDrData = 0xFF;
}  // namespace

Pl011::Pl011(std::FILE* out, CharSource* in, IrqLine irq)
    : out_(out), in_(in), irq_(std::move(irq)) {}

void Pl011::reset() {
  rx_.clear();
  ilpr_ = ibrd_ = fbrd_ = lcr_h_ = imsc_ = dmacr_ = latched_ = 0;
  cr_ = kCrReset;
  ifls_ = kIflsReset;
  update_irq();
}

uint32_t Pl011::raw_interrupts() const { return latched_ | (rx_.empty() ? 0 : kIntRx); }

void Pl011::update_irq() {
  const bool level = (raw_interrupts() & imsc_) != 0;
  if (level == irq_level_) return;
  irq_level_ = level;
  if (irq_) irq_(level);
}

void Pl011::fill_rx() {
  // With FIFOs disabled the receiver holds one character (LCR_H.FEN). Input is
  // taken whether or not the guest enabled the receiver (CR.UARTEN/RXE):
  // simple bare-metal programs poll an unconfigured UART, as QEMU allows.
  const size_t depth = (lcr_h_ & kLcrhFen) ? kFifoDepth : 1;
  while (in_ != nullptr && rx_.size() < depth) {
    const int b = in_->read_byte();
    if (b < 0) break;
    rx_.push_back(static_cast<uint8_t>(b));
  }
}

void Pl011::poll_input() {
  if (unflushed_) flush();
  fill_rx();
  update_irq();
}

void Pl011::flush() {
  if (out_ != nullptr) std::fflush(out_);
  unflushed_ = false;
}

void Pl011::transmit(uint8_t byte) {
  // Enables are ignored on transmit too: a byte written is a byte shown.
  if (cr_ & kCrLbe) {
    // Loopback (CR.LBE): the transmitter feeds the receiver, not the line.
    const size_t depth = (lcr_h_ & kLcrhFen) ? kFifoDepth : 1;
    if (rx_.size() < depth) rx_.push_back(byte);
  } else if (out_ != nullptr) {
    std::fputc(byte, out_);
    // Line by line, so output keeps pace with the guest when stdout is a
    // file or pipe; a prompt without a newline shows when the guest polls FR.
    unflushed_ = true;
    sent_since_fr_ = true;
    if (byte == '\n') flush();
  }
  latched_ |= kIntTx;
}

uint32_t Pl011::read_register(uint64_t reg, bool side_effects) {
  switch (reg) {
    case kDR: {
      if (rx_.empty()) fill_rx();
      if (rx_.empty()) return 0;
      const uint32_t byte = rx_.front();  // Error bits [11:8] are always clear.
      if (side_effects) {
        rx_.pop_front();
        fill_rx();
      }
      return byte;
    }
    case kRSR:
      return 0;
    case kFR: {
      // FR read again with nothing sent since: the guest is waiting, so show
      // its output (a prompt) and look for input.
      if (side_effects) {
        if (unflushed_ && !sent_since_fr_) flush();
        sent_since_fr_ = false;
      }
      fill_rx();
      const size_t depth = (lcr_h_ & kLcrhFen) ? kFifoDepth : 1;
      uint32_t fr = kFrTxfe | kFrCts | kFrDsr | kFrDcd;
      if (rx_.empty()) fr |= kFrRxfe;
      if (rx_.size() >= depth) fr |= kFrRxff;
      return fr;
    }
    case kILPR:
      return ilpr_;
    case kIBRD:
      return ibrd_;
    case kFBRD:
      return fbrd_;
    case kLCR_H:
      return lcr_h_;
    case kCR:
      return cr_;
    case kIFLS:
      return ifls_;
    case kIMSC:
      return imsc_;
    case kRIS:
      return raw_interrupts();
    case kMIS:
      return raw_interrupts() & imsc_;
    case kDMACR:
      return dmacr_;
    default: {
      uint32_t id = 0;
      if (primecell_id_register(reg, kPeriphId, id)) return id;
      return 0;  // Reserved and test registers read as zero.
    }
  }
}

bool Pl011::read(uint64_t offset, unsigned size, uint64_t& value) {
  ApbAccess a;
  if (!decode_apb_access(offset, size, kWindowSize, a)) return false;
  // Only an access that includes DR's data byte takes it from the FIFO.
  const uint32_t full = read_register(a.reg, a.shift == 0);
  value = (full >> a.shift) & a.mask;
  update_irq();
  return true;
}

void Pl011::write_register(uint64_t reg, uint32_t value, const ApbAccess& a, uint64_t raw) {
  switch (reg) {
    case kDR:
      if (a.shift == 0) transmit(static_cast<uint8_t>(raw & kDrData));
      break;
    case kRSR:
      break;  // ECR: clears the (never set) error flags.
    case kILPR:
      ilpr_ = value & 0xFF;
      break;
    case kIBRD:
      ibrd_ = value & 0xFFFF;
      break;
    case kFBRD:
      fbrd_ = value & 0x3F;
      break;
    case kLCR_H:
      lcr_h_ = value & 0xFF;
      break;
    case kCR:
      cr_ = value & 0xFF87;  // Bits [6:3] are reserved.
      break;
    case kIFLS:
      ifls_ = value & 0x3F;
      break;
    case kIMSC:
      imsc_ = value & kIntAll;
      break;
    case kICR:
      // Write-one-to-clear of the bytes written, not a read-modify-write.
      latched_ &= ~((static_cast<uint32_t>(raw) & a.mask) << a.shift);
      break;
    case kDMACR:
      dmacr_ = value & 0x7;
      break;
    default:
      break;  // Read-only, reserved and test registers ignore writes.
  }
}

bool Pl011::write(uint64_t offset, unsigned size, uint64_t value) {
  ApbAccess a;
  if (!decode_apb_access(offset, size, kWindowSize, a)) return false;
  uint32_t merged = 0;
  switch (a.reg) {
    case kDR:
    case kRSR:
    case kICR:
      break;  // Not read-modify-write registers.
    default:
      merged = merge_apb_write(read_register(a.reg, false), a, value);
  }
  write_register(a.reg, merged, a, value);
  update_irq();
  return true;
}

}  // namespace el2
