// Reads typed values off a fuzzer's input bytes, front to back; past the end
// every value is zero. (libFuzzer's FuzzedDataProvider is clang-only, and the
// harnesses also build with gcc as corpus tests.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

namespace el2::fuzz_input {

class Reader {
 public:
  Reader(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  template <typename T>
  T take() {
    T v{};
    const size_t n = pos_ < size_ ? std::min(sizeof(T), size_ - pos_) : 0;
    if (n) std::memcpy(&v, data_ + pos_, n);
    pos_ += sizeof(T);
    return v;
  }
  uint64_t u64() { return take<uint64_t>(); }
  uint32_t u32() { return take<uint32_t>(); }
  uint16_t u16() { return take<uint16_t>(); }
  uint8_t u8() { return take<uint8_t>(); }
  // What is left.
  std::span<const uint8_t> rest() const {
    return pos_ < size_ ? std::span<const uint8_t>(data_ + pos_, size_ - pos_)
                        : std::span<const uint8_t>();
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

}  // namespace el2::fuzz_input
