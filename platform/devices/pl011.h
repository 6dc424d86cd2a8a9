// Arm PrimeCell UART (PL011), as the virt board's console at 0x09000000.
// Arm DDI 0183G ("PrimeCell UART (PL011) Technical Reference Manual", r1p5).
//
// Model: transmission is instant (TX FIFO always empty, never busy); received
// bytes are taken from a CharSource into the RX FIFO when the guest looks (FR
// or DR reads) or when the board calls poll_input(). Baud rate, line control
// and DMA registers hold their values and have no effect. Not modelled: modem
// control and its interrupts (the line reads as connected: CTS, DSR, DCD set),
// break/framing/parity/overrun errors (a full FIFO leaves bytes in the source,
// so nothing is ever lost), the receive-timeout interrupt and RX FIFO trigger
// levels (RX interrupt = "a byte is waiting", see Pl011::raw_interrupts()),
// IrDA, and the test registers (0x080-0x08C read as zero).
#pragma once

#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <string>

#include "platform/devices/apb_register.h"
#include "platform/devices/char_source.h"
#include "platform/memory_map.h"

namespace el2 {

class Pl011 : public MmioDevice {
 public:
  // The UARTINTR output (combined, masked interrupts); called on each change.
  using IrqLine = std::function<void(bool level)>;

  static constexpr uint64_t kWindowSize = 0x1000;

  // Register offsets (DDI 0183G, "Summary of registers").
  static constexpr uint64_t kDR = 0x000;
  static constexpr uint64_t kRSR = 0x004;  // Read: RSR; write: ECR.
  static constexpr uint64_t kFR = 0x018;
  static constexpr uint64_t kILPR = 0x020;
  static constexpr uint64_t kIBRD = 0x024;
  static constexpr uint64_t kFBRD = 0x028;
  static constexpr uint64_t kLCR_H = 0x02C;
  static constexpr uint64_t kCR = 0x030;
  static constexpr uint64_t kIFLS = 0x034;
  static constexpr uint64_t kIMSC = 0x038;
  static constexpr uint64_t kRIS = 0x03C;
  static constexpr uint64_t kMIS = 0x040;
  static constexpr uint64_t kICR = 0x044;
  static constexpr uint64_t kDMACR = 0x048;

  // UARTFR bits.
  static constexpr uint32_t kFrCts = 1u << 0;
  static constexpr uint32_t kFrDsr = 1u << 1;
  static constexpr uint32_t kFrDcd = 1u << 2;
  static constexpr uint32_t kFrBusy = 1u << 3;
  static constexpr uint32_t kFrRxfe = 1u << 4;
  static constexpr uint32_t kFrTxff = 1u << 5;
  static constexpr uint32_t kFrRxff = 1u << 6;
  static constexpr uint32_t kFrTxfe = 1u << 7;

  // Interrupt bits shared by IMSC, RIS, MIS and ICR.
  static constexpr uint32_t kIntRx = 1u << 4;
  static constexpr uint32_t kIntTx = 1u << 5;
  static constexpr uint32_t kIntRt = 1u << 6;
  static constexpr uint32_t kIntAll = 0x7FF;

  static constexpr uint32_t kLcrhFen = 1u << 4;  // FIFOs enabled.
  static constexpr uint32_t kCrLbe = 1u << 7;    // Loopback.

  // Reset values (register summary).
  static constexpr uint32_t kCrReset = 0x0300;  // TXE, RXE; UART disabled.
  static constexpr uint32_t kIflsReset = 0x12;  // Both trigger levels at 1/2.

  // PeriphID = 0x00341011: part 0x011, designer 0x41 (Arm), revision 3 (r1p5,
  // UARTPeriphID2). Linux binds its pl011 driver to 0x00041011 under mask 0x000FFFFF,
  // and takes revision >= 3 to mean 32-entry FIFOs, which is what r1p5 has.
  static constexpr uint32_t kPeriphId = 0x0034'1011;
  static constexpr unsigned kFifoDepth = 32;

  // `out` receives transmitted bytes (not owned; may be null to drop them);
  // `in` supplies received ones (not owned; may be null for no input).
  Pl011(std::FILE* out, CharSource* in, IrqLine irq = {});

  std::string name() const override { return "pl011"; }
  bool read(uint64_t offset, unsigned size, uint64_t& value) override;
  bool write(uint64_t offset, unsigned size, uint64_t value) override;

  // Takes in host input that arrived since the last look, updates the
  // interrupt output and flushes pending output. The board calls this periodically, so a guest
  // sleeping in WFI gets its RX interrupt without touching the UART.
  void poll_input();
  // Output reaches `out` through stdio, flushed at each newline, when the
  // guest polls FR twice with nothing transmitted in between (waiting for
  // input after a prompt; a transmit loop, which also reads FR before each
  // byte, is not flushed byte by byte), and at poll_input(). flush() forces it.
  void flush();
  void reset();

  bool irq_level() const { return irq_level_; }
  // RIS: TX is latched when a write to DR drains the FIFO through its trigger
  // level (instantly here) and cleared by ICR: the TRM's UARTTXINTR follows a
  // transition through the level, not the level itself; RX is asserted while the RX
  // FIFO holds a byte, i.e. a trigger level of one character, which stands in
  // for the receive-timeout interrupt that would report a short burst.
  uint32_t raw_interrupts() const;

 private:
  uint32_t read_register(uint64_t reg, bool side_effects);
  void write_register(uint64_t reg, uint32_t value, const ApbAccess& a, uint64_t raw);
  void transmit(uint8_t byte);
  void fill_rx();
  void update_irq();

  std::FILE* out_;
  CharSource* in_;
  IrqLine irq_;
  std::deque<uint8_t> rx_;
  uint32_t ilpr_ = 0, ibrd_ = 0, fbrd_ = 0, lcr_h_ = 0, cr_ = kCrReset, ifls_ = kIflsReset;
  uint32_t imsc_ = 0, dmacr_ = 0;
  uint32_t latched_ = 0;        // Interrupts set by events and cleared by ICR (TX).
  bool unflushed_ = false;      // Bytes sent since the last flush.
  bool sent_since_fr_ = false;  // Bytes sent since the last FR read.
  bool irq_level_ = false;
};

}  // namespace el2
