// Where a UART's received characters come from. Sources never block the
// emulator on their own: a guest polling its UART must not stall the run loop,
// so read_byte() answers "nothing yet" instead of waiting.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

namespace el2 {

class CharSource {
 public:
  virtual ~CharSource() = default;
  // The next byte, or -1 when none is available right now.
  virtual int read_byte() = 0;
  // True once no byte will ever be available again.
  virtual bool at_eof() const = 0;
  // Blocks until a byte is available (true) or the source reached its end
  // (false). For the machine's idle loop, when every core waits for input.
  virtual bool wait_for_input() = 0;
};

// A fixed string, for tests and scripted input.
class StringCharSource : public CharSource {
 public:
  explicit StringCharSource(std::string text) : text_(std::move(text)) {}
  int read_byte() override {
    return pos_ < text_.size() ? static_cast<uint8_t>(text_[pos_++]) : -1;
  }
  bool at_eof() const override { return pos_ >= text_.size(); }
  bool wait_for_input() override { return !at_eof(); }

 private:
  std::string text_;
  size_t pos_ = 0;
};

// A host file descriptor, normally stdin. read_byte() polls it with a zero
// timeout and reads whatever is ready into a small buffer, so it works the same
// on terminals, pipes and regular files without changing the fd's flags (stdin
// may be shared with the shell). Putting a terminal into raw mode is the
// caller's business.
class FdCharSource : public CharSource {
 public:
  explicit FdCharSource(int fd) : fd_(fd) {}
  int read_byte() override;
  bool at_eof() const override { return eof_ && pos_ == len_; }
  bool wait_for_input() override;

 private:
  // Waits up to `timeout_ms` (-1: forever) for the fd and reads what is ready.
  void fill(int timeout_ms);

  int fd_;
  std::array<uint8_t, 256> buf_{};
  size_t pos_ = 0, len_ = 0;
  bool eof_ = false;
};

}  // namespace el2
