#include "platform/devices/pl031.h"

#include <utility>

#include "platform/devices/apb_register.h"

namespace el2 {

Pl031::Pl031(uint32_t epoch, Clock seconds_since_boot, IrqLine irq)
    : clock_(std::move(seconds_since_boot)), irq_(std::move(irq)), offset_(epoch) {
  last_ = counter();
}

uint32_t Pl031::counter() const { return static_cast<uint32_t>(clock_() + offset_); }

void Pl031::update_irq() {
  const bool level = (ris_ & imsc_) != 0;
  if (level == irq_level_) return;
  irq_level_ = level;
  if (irq_) irq_(level);
}

void Pl031::check_match() {
  const uint32_t now = counter();
  if (now == last_) return;
  // Did the counter step onto MR in (last_, now]? Modulo 2^32, so a counter
  // that wraps past 0xFFFFFFFF still matches.
  const uint32_t stepped = now - last_;
  if (mr_ - last_ - 1 < stepped) ris_ = 1;
  last_ = now;
}

void Pl031::poll() {
  check_match();
  update_irq();
}

bool Pl031::read(uint64_t offset, unsigned size, uint64_t& value) {
  ApbAccess a;
  if (!decode_apb_access(offset, size, kWindowSize, a)) return false;
  check_match();
  uint32_t v = 0;
  switch (a.reg) {
    case kDR:
      v = counter();
      break;
    case kMR:
      v = mr_;
      break;
    case kLR:
      v = lr_;  // The value last loaded.
      break;
    case kCR:
      v = 1;  // Always running: see write().
      break;
    case kIMSC:
      v = imsc_;
      break;
    case kRIS:
      v = ris_;
      break;
    case kMIS:
      v = ris_ & imsc_;
      break;
    default:
      if (!primecell_id_register(a.reg, kPeriphId, v)) v = 0;  // Reserved: zero.
  }
  value = (v >> a.shift) & a.mask;
  update_irq();
  return true;
}

bool Pl031::write(uint64_t offset, unsigned size, uint64_t value) {
  ApbAccess a;
  if (!decode_apb_access(offset, size, kWindowSize, a)) return false;
  check_match();
  switch (a.reg) {
    case kMR:
      mr_ = merge_apb_write(mr_, a, value);
      // Matching the present second interrupts at once rather than 2^32 s on.
      if (counter() == mr_) ris_ = 1;
      break;
    case kLR: {
      const uint32_t target = lr_ = merge_apb_write(lr_, a, value);
      offset_ = static_cast<uint32_t>(target - clock_());
      last_ = target;
      if (target == mr_) ris_ = 1;
      break;
    }
    case kCR:
      // Once started the RTC can only be stopped by reset (RTCCR); this one
      // counts guest time from boot, as if firmware had started it, so
      // writes change nothing and CR reads 1.
      break;
    case kIMSC:
      imsc_ = merge_apb_write(imsc_, a, value) & 1;
      break;
    case kICR:
      if (((value & a.mask) << a.shift) & 1) ris_ = 0;
      break;
    default:
      break;  // Read-only and reserved registers ignore writes.
  }
  update_irq();
  return true;
}

}  // namespace el2
