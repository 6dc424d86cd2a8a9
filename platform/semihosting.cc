#include "platform/semihosting.h"

#include <string>

#include <fmt/format.h>

#include "cpu/cpu.h"

namespace el2::semihosting {

namespace {

constexpr uint64_t kMaxString = 1 << 20;  // A runaway SYS_WRITE0 stops here.

bool read_u64(Cpu& cpu, uint64_t va, uint64_t& out) { return cpu.debug_read(va, &out, 8); }

}  // namespace

void handle(Cpu& cpu, std::FILE* console) {
  const uint32_t op = cpu.w(0);
  const uint64_t param = cpu.x(1);
  uint64_t result = 0;
  switch (op) {
    case kSysWritec: {
      uint8_t c;
      if (cpu.debug_read(param, &c, 1)) std::fputc(c, console);
      break;
    }
    case kSysWrite0: {
      std::string s;
      uint8_t c;
      for (uint64_t i = 0; i < kMaxString && cpu.debug_read(param + i, &c, 1) && c; ++i) s += c;
      std::fwrite(s.data(), 1, s.size(), console);
      break;
    }
    case kSysWrite: {
      // Block: {fd, buffer, length}. Returns the number of bytes NOT written.
      uint64_t fd, buf, len;
      if (!read_u64(cpu, param, fd) || !read_u64(cpu, param + 8, buf) ||
          !read_u64(cpu, param + 16, len)) {
        result = ~uint64_t{0};
        break;
      }
      uint64_t written = 0;
      uint8_t c;
      while (written < len && written < kMaxString && cpu.debug_read(buf + written, &c, 1)) {
        std::fputc(c, fd == 2 ? stderr : console);
        ++written;
      }
      result = len - written;
      break;
    }
    case kSysExit:
    case kSysExitExtended: {
      // A64 passes a block {reason, subcode}.
      uint64_t reason = 0, subcode = 0;
      read_u64(cpu, param, reason);
      read_u64(cpu, param + 8, subcode);
      const int code = reason == kAdpStoppedApplicationExit ? static_cast<int>(subcode & 0xFF) : 1;
      std::fflush(console);
      cpu.request_stop(StopReason::kGuestExit, code,
                       reason == kAdpStoppedApplicationExit
                           ? std::string{}
                           : fmt::format("semihosting exit reason {:#x}", reason));
      break;
    }
    default:
      // Operations el2emu does not provide return -1, as the specification asks.
      result = ~uint64_t{0};
      break;
  }
  cpu.set_x(0, result);
}

}  // namespace el2::semihosting
