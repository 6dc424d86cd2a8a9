#include "platform/devices/virtio_mmio_empty.h"

namespace el2 {

bool VirtioMmioEmpty::decodes(uint64_t offset, unsigned size) {
  if (offset >= kWindowSize || kWindowSize - offset < size) return false;
  if (size != 1 && size != 2 && size != 4) return false;
  if (offset % size != 0) return false;
  return offset >= kConfig || size == 4;
}

bool VirtioMmioEmpty::read(uint64_t offset, unsigned size, uint64_t& value) {
  if (!decodes(offset, size)) return false;
  switch (offset) {
    case kMagicValue:
      value = kMagic;
      break;
    case kVersion:
      value = kTransportVersion;
      break;
    case kVendorId:
      value = kVendor;
      break;
    default:
      value = 0;  // Including DeviceID: no device.
  }
  return true;
}

bool VirtioMmioEmpty::write(uint64_t offset, unsigned size, uint64_t) {
  return decodes(offset, size);
}

}  // namespace el2
