#include "platform/devices/char_source.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>

namespace el2 {

void FdCharSource::fill(int timeout_ms) {
  if (eof_ || pos_ < len_) return;
  if (fd_ < 0) {  // poll() would silently skip it, forever "not ready".
    eof_ = true;
    return;
  }
  pollfd p{fd_, POLLIN, 0};
  const int ready = ::poll(&p, 1, timeout_ms);
  if (ready <= 0) return;  // Nothing yet, or EINTR: try again next time.
  if (p.revents & POLLNVAL) {
    eof_ = true;
    return;
  }
  // POLLHUP and POLLERR also end in read(): it returns the last bytes, then 0
  // or an error, which is how end of input is told apart from "not yet".
  const ssize_t n = ::read(fd_, buf_.data(), buf_.size());
  if (n > 0) {
    pos_ = 0;
    len_ = static_cast<size_t>(n);
  } else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
    eof_ = true;
  }
}

int FdCharSource::read_byte() {
  fill(0);
  return pos_ < len_ ? buf_[pos_++] : -1;
}

bool FdCharSource::wait_for_input() {
  while (pos_ == len_ && !eof_) fill(-1);
  return pos_ < len_;
}

}  // namespace el2
