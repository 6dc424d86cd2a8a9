#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "platform/devices/pl011.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace el2 {
namespace {

// A PL011 whose output goes to a temporary file and whose interrupt line is
// recorded.
struct Rig {
  explicit Rig(std::string input = "") : in(std::move(input)) {
    out = std::tmpfile();
    REQUIRE(out != nullptr);
    uart = std::make_unique<Pl011>(out, &in, [this](bool level) { edges.push_back(level); });
  }
  ~Rig() { std::fclose(out); }
  uint64_t rd(uint64_t off, unsigned size = 4) {
    uint64_t v = 0xDEAD;
    REQUIRE(uart->read(off, size, v));
    return v;
  }
  void wr(uint64_t off, uint64_t v, unsigned size = 4) { REQUIRE(uart->write(off, size, v)); }
  std::string output() {
    std::fflush(out);
    std::rewind(out);
    std::string s;
    for (int c; (c = std::fgetc(out)) != EOF;) s.push_back(static_cast<char>(c));
    return s;
  }
  StringCharSource in;
  std::FILE* out = nullptr;
  std::vector<bool> edges;
  std::unique_ptr<Pl011> uart;
};

TEST_CASE("reset values match the TRM's register summary") {
  Rig r;
  CHECK(r.rd(Pl011::kCR) == Pl011::kCrReset);
  CHECK(r.rd(Pl011::kIFLS) == Pl011::kIflsReset);
  CHECK(r.rd(Pl011::kIMSC) == 0);
  CHECK(r.rd(Pl011::kRIS) == 0);  // TX interrupt waits for a transition.
  CHECK(r.rd(Pl011::kLCR_H) == 0);
  // Empty input: TX FIFO empty, RX FIFO empty, never busy or full.
  const uint64_t fr = r.rd(Pl011::kFR);
  CHECK((fr & Pl011::kFrTxfe) != 0);
  CHECK((fr & Pl011::kFrRxfe) != 0);
  CHECK((fr & (Pl011::kFrBusy | Pl011::kFrTxff | Pl011::kFrRxff)) == 0);
}

TEST_CASE("PrimeCell id registers identify an Arm PL011 to the AMBA bus") {
  Rig r;
  uint32_t periph = 0, cell = 0;
  for (unsigned i = 0; i < 4; ++i) {
    periph |= static_cast<uint32_t>(r.rd(0xFE0 + 4 * i)) << (8 * i);
    cell |= static_cast<uint32_t>(r.rd(0xFF0 + 4 * i)) << (8 * i);
  }
  CHECK(cell == 0xB105F00D);
  CHECK((periph & 0x000FFFFF) == 0x00041011);  // Linux's match for the pl011 driver.
  CHECK(((periph >> 20) & 0xF) >= 3);          // A revision with 32-entry FIFOs.
}

TEST_CASE("bytes written to DR go to the output, by byte, halfword or word") {
  Rig r;
  r.wr(Pl011::kDR, 'o', 1);
  r.wr(Pl011::kDR, 0x0F00 | 'k', 2);  // Only the data byte is transmitted.
  r.wr(Pl011::kDR, '\n');
  CHECK(r.output() == "ok\n");
  r.wr(Pl011::kDR + 1, 'x', 1);  // The error-flag byte of DR is read-only.
  CHECK(r.output() == "ok\n");
}

TEST_CASE("output is flushed at newlines and when the guest waits, not per byte") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  REQUIRE(::fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0);
  std::FILE* out = ::fdopen(fds[1], "w");
  REQUIRE(out != nullptr);
  std::setvbuf(out, nullptr, _IOFBF, 4096);  // As stdout is when redirected.
  StringCharSource none("");
  Pl011 uart(out, &none);
  auto shown = [&] {
    char buf[64];
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    return n > 0 ? std::string(buf, n) : std::string();
  };
  auto rd = [&](uint64_t off) {
    uint64_t v = 0;
    REQUIRE(uart.read(off, 4, v));
    return v;
  };
  for (char c : std::string("boot")) {  // A transmit loop: FR, DR, FR, DR, ...
    rd(Pl011::kFR);
    REQUIRE(uart.write(Pl011::kDR, 4, static_cast<uint8_t>(c)));
  }
  CHECK(shown().empty());
  REQUIRE(uart.write(Pl011::kDR, 4, '\n'));
  CHECK(shown() == "boot\n");
  REQUIRE(uart.write(Pl011::kDR, 4, '>'));
  rd(Pl011::kFR);  // Right after a transmit: maybe more to come.
  CHECK(shown().empty());
  rd(Pl011::kFR);  // Polled again with nothing sent: waiting for input.
  CHECK(shown() == ">");
  REQUIRE(uart.write(Pl011::kDR, 4, '.'));
  uart.poll_input();  // The board's periodic poll flushes too.
  CHECK(shown() == ".");
  std::fclose(out);
  ::close(fds[0]);
}

TEST_CASE("received bytes appear in DR and FR, with FIFO enable deciding the depth") {
  Rig r("abc");
  CHECK((r.rd(Pl011::kFR) & Pl011::kFrRxfe) == 0);
  // FIFOs off: a one-character holding register, which is then "full".
  CHECK((r.rd(Pl011::kFR) & Pl011::kFrRxff) != 0);
  CHECK(r.rd(Pl011::kDR + 1, 1) == 0);  // Error flags; does not take the byte.
  CHECK(r.rd(Pl011::kDR) == 'a');
  r.wr(Pl011::kLCR_H, Pl011::kLcrhFen | 0x60);  // 8N1, FIFOs on.
  CHECK((r.rd(Pl011::kFR) & Pl011::kFrRxff) == 0);
  CHECK(r.rd(Pl011::kDR, 2) == 'b');
  CHECK(r.rd(Pl011::kDR, 1) == 'c');
  CHECK((r.rd(Pl011::kFR) & Pl011::kFrRxfe) != 0);
  CHECK(r.rd(Pl011::kDR) == 0);  // Reading an empty FIFO.
}

TEST_CASE("the RX interrupt follows waiting input and the mask") {
  Rig r("xy");
  r.wr(Pl011::kIMSC, Pl011::kIntRx | Pl011::kIntRt);
  CHECK(r.edges.empty());  // Input is only taken when looked for ..
  r.uart->poll_input();    // .. such as by the board's periodic poll.
  REQUIRE(r.edges.size() == 1);
  CHECK(r.edges[0] == true);
  CHECK(r.uart->irq_level());
  CHECK(r.rd(Pl011::kMIS) == Pl011::kIntRx);
  r.wr(Pl011::kICR, Pl011::kIntAll);  // Cannot clear it while data waits.
  CHECK(r.uart->irq_level());
  CHECK(r.rd(Pl011::kDR) == 'x');
  CHECK(r.uart->irq_level());  // 'y' moved in behind it.
  CHECK(r.rd(Pl011::kDR) == 'y');
  CHECK_FALSE(r.uart->irq_level());
  CHECK(r.edges == std::vector<bool>{true, false});
}

TEST_CASE("the TX interrupt is set by a transmitted byte and cleared by ICR") {
  Rig r;
  r.wr(Pl011::kIMSC, Pl011::kIntTx);
  CHECK_FALSE(r.uart->irq_level());
  r.wr(Pl011::kDR, '.');
  CHECK(r.uart->irq_level());
  CHECK(r.rd(Pl011::kRIS) == Pl011::kIntTx);
  r.wr(Pl011::kICR, Pl011::kIntRx);  // Another bit: no effect.
  CHECK(r.uart->irq_level());
  r.wr(Pl011::kICR, Pl011::kIntTx);
  CHECK_FALSE(r.uart->irq_level());
  r.wr(Pl011::kDR, '.');
  r.wr(Pl011::kIMSC, 0);  // Masking drops the output but keeps RIS.
  CHECK_FALSE(r.uart->irq_level());
  CHECK(r.rd(Pl011::kRIS) == Pl011::kIntTx);
  CHECK(r.edges == std::vector<bool>{true, false, true, false});
}

TEST_CASE("loopback sends transmitted bytes to the receiver") {
  Rig r;
  r.wr(Pl011::kLCR_H, Pl011::kLcrhFen);
  r.wr(Pl011::kCR, 0x0301 | Pl011::kCrLbe);
  r.wr(Pl011::kDR, 'L');
  CHECK(r.output().empty());
  CHECK(r.rd(Pl011::kDR) == 'L');
}

TEST_CASE("control registers hold what was written, within their widths") {
  Rig r;
  r.wr(Pl011::kIBRD, 0x1FFFF);
  CHECK(r.rd(Pl011::kIBRD) == 0xFFFF);
  r.wr(Pl011::kFBRD, 0xFF);
  CHECK(r.rd(Pl011::kFBRD) == 0x3F);
  r.wr(Pl011::kCR + 1, 0x03, 1);  // Byte write into bits [15:8].
  CHECK(r.rd(Pl011::kCR) == 0x0300);
  r.wr(Pl011::kCR, 0x0301, 2);
  CHECK(r.rd(Pl011::kCR) == 0x0301);
  r.wr(Pl011::kDMACR, 0xFF);
  CHECK(r.rd(Pl011::kDMACR) == 0x7);
  r.wr(Pl011::kFR, 0);  // Read-only: ignored.
  CHECK((r.rd(Pl011::kFR) & Pl011::kFrTxfe) != 0);
  r.uart->reset();
  CHECK(r.rd(Pl011::kCR) == Pl011::kCrReset);
  CHECK(r.rd(Pl011::kIBRD) == 0);
}

TEST_CASE("misaligned, 64-bit and out-of-window accesses are bus errors") {
  Rig r;
  uint64_t v = 0;
  CHECK_FALSE(r.uart->read(Pl011::kFR + 2, 4, v));
  CHECK_FALSE(r.uart->read(Pl011::kFR + 1, 2, v));
  CHECK_FALSE(r.uart->read(Pl011::kDR, 8, v));
  CHECK_FALSE(r.uart->write(Pl011::kDR, 3, 0));
  CHECK_FALSE(r.uart->read(Pl011::kWindowSize, 4, v));
  CHECK(r.uart->read(0xFFC, 4, v));
  CHECK(r.uart->read(0x500, 4, v));  // Reserved: reads as zero.
  CHECK(v == 0);
}

}  // namespace
}  // namespace el2
