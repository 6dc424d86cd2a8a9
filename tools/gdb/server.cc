#include "tools/gdb/server.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "mmu/regime.h"
#include "mmu/walk.h"
#include "tools/gdb/packet.h"
#include "tools/gdb/target_xml.h"
#include "tools/gdb/watchpoints.h"

namespace el2::gdb {

namespace {

// Instructions between two looks at the socket while the guest runs.
constexpr uint64_t kSlice = 1000;
constexpr uint64_t kMaxMemoryPacket = 4096;  // Bytes per 'm' reply (PacketSize 0x4000).

struct PhysReader final : mmu::DescriptorReader {
  const MemoryMap& mem;
  explicit PhysReader(const MemoryMap& m) : mem(m) {}
  bool read64(uint64_t pa, uint64_t& out) const override { return mem.read_phys(pa, &out, 8); }
};

// Why the machine stopped running under the stub.
enum class Halt : uint8_t {
  kNone,
  kBreakpoint,
  kWatchpoint,
  kStepped,
  kInterrupt,
  kGuestStop,
  kDeadlock,
  kLimit
};

class Server {
 public:
  Server(Machine& m, uint64_t max_insns, const ServerOptions& o)
      : m_(m),
        regs_(m.model()),
        limit_(m.total_insns() + max_insns),
        opts_(o),
        watch_(m),
        resume_pc_(m.core_count(), ~uint64_t{0}) {}
  ~Server() {
    close_client();
    if (listen_fd_ >= 0) ::close(listen_fd_);
  }

  RunResult run();

 private:
  // ---- Socket -----------------------------------------------------------------
  void listen_on(uint16_t port);
  bool accept_client(bool block);
  void close_client();
  void send_raw(const std::string& s);
  void send_packet(const std::string& payload);
  // Reads what the client sent (waits up to `timeout_ms`, -1 forever); false
  // when the client went away.
  bool read_client(int timeout_ms);

  // ---- Execution ----------------------------------------------------------------
  Halt execute(uint64_t budget);
  Halt step_core(unsigned core);
  bool at_breakpoint(const Cpu& c) const;
  RunResult result(Halt h) const;
  RunResult finish(Halt h);

  // ---- Packets ----------------------------------------------------------------
  // Serves packets while halted until the client resumes (true) or the
  // session ends (false: detached, killed or disconnected).
  enum class Action : uint8_t { kNone, kContinue, kStep, kDetach, kKill };
  Action serve_halted();
  Action handle(const std::string& p);
  std::string stop_reply() const;
  std::string query(const std::string& p);
  std::string read_memory(const std::string& args);
  std::string write_memory(const std::string& args);
  std::string breakpoint(const std::string& p);
  bool watch_hit();  // Takes a watchpoint hit into watch_hit_.
  std::string monitor(const std::string& cmd);
  Action vcont(const std::string& p);
  bool translate(const Cpu& c, uint64_t va, uint64_t& pa) const;
  std::optional<unsigned> thread_core(std::string_view tid) const;

  Machine& m_;
  RegisterMap regs_;
  uint64_t limit_;
  ServerOptions opts_;
  int listen_fd_ = -1, client_fd_ = -1;
  PacketDecoder decoder_;
  std::vector<Event> events_;
  std::string last_sent_;
  std::set<uint64_t> breakpoints_;  // Z0 and Z1 alike.
  Watchpoints watch_;               // Z2, Z3, Z4.
  Watchpoints::Hit watch_hit_{};    // What the last kWatchpoint halt hit.
  bool phys_ = false;
  unsigned g_core_ = 0;     // Hg: registers and memory.
  unsigned step_core_ = 0;  // The core 's' steps.
  unsigned sched_core_ = 0;
  uint64_t quantum_used_ = 0;
  std::vector<uint64_t> resume_pc_;  // Breakpoints at a core's resume PC are passed once.
  Halt last_halt_ = Halt::kInterrupt;
  unsigned halt_core_ = 0;
  bool killed_ = false;
  bool resumed_ = false;  // The client is waiting for a stop reply.
};

void Server::listen_on(uint16_t port) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0)
    throw std::runtime_error(fmt::format("gdb: socket: {}", std::strerror(errno)));
  const int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) < 0 ||
      ::listen(listen_fd_, 1) < 0)
    throw std::runtime_error(
        fmt::format("gdb: cannot listen on 127.0.0.1:{}: {}", port, std::strerror(errno)));
  socklen_t len = sizeof a;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
  fmt::print(stderr, "el2emu: gdb stub listening on 127.0.0.1:{}{}\n", ntohs(a.sin_port),
             opts_.wait ? " (waiting for a client)" : "");
  std::fflush(stderr);
}

bool Server::accept_client(bool block) {
  pollfd p{listen_fd_, POLLIN, 0};
  if (::poll(&p, 1, block ? -1 : 0) <= 0) return false;
  client_fd_ = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
  if (client_fd_ < 0) return false;
  const int one = 1;
  ::setsockopt(client_fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  decoder_.reset();
  phys_ = false;
  return true;
}

void Server::close_client() {
  if (client_fd_ >= 0) ::close(client_fd_);
  client_fd_ = -1;
}

void Server::send_raw(const std::string& s) {
  size_t done = 0;
  while (client_fd_ >= 0 && done < s.size()) {
    const ssize_t n = ::send(client_fd_, s.data() + done, s.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return close_client();
    done += static_cast<size_t>(n);
  }
}

void Server::send_packet(const std::string& payload) {
  last_sent_ = frame(payload);
  send_raw(last_sent_);
}

bool Server::read_client(int timeout_ms) {
  if (client_fd_ < 0) return false;
  pollfd p{client_fd_, POLLIN, 0};
  const int r = ::poll(&p, 1, timeout_ms);
  if (r < 0) return errno == EINTR;
  if (r == 0) return true;
  char buf[4096];
  const ssize_t n = ::recv(client_fd_, buf, sizeof buf, MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return true;
  if (n <= 0) {
    close_client();
    return false;
  }
  decoder_.feed(std::string_view(buf, static_cast<size_t>(n)), events_);
  return true;
}

bool Server::at_breakpoint(const Cpu& c) const {
  if (!breakpoints_.count(c.pc())) return false;
  return resume_pc_[c.core_index()] != c.pc();
}

// One instruction on one core (single step).
Halt Server::step_core(unsigned core) {
  Cpu& c = m_.cpu(core);
  if (c.activity() != Cpu::Activity::kRunning && c.wake_condition())
    c.set_activity(Cpu::Activity::kRunning);
  if (c.activity() == Cpu::Activity::kRunning) c.step();
  halt_core_ = core;
  if (c.stop_reason() != StopReason::kNone) return Halt::kGuestStop;
  return watch_hit() ? Halt::kWatchpoint : Halt::kStepped;
}

// Runs the cores round-robin with Machine::run's quantum for up to `budget`
// instructions. Without breakpoints each turn is one Cpu::run call (the fast
// path); with breakpoints the core steps and compares its PC before each.
Halt Server::execute(uint64_t budget) {
  uint64_t done = 0;
  unsigned idle = 0;
  const unsigned n = m_.core_count();
  while (done < budget) {
    if (m_.total_insns() >= limit_) return Halt::kLimit;
    Cpu& c = m_.cpu(sched_core_);
    if (c.activity() != Cpu::Activity::kRunning && c.wake_condition())
      c.set_activity(Cpu::Activity::kRunning);
    if (c.activity() != Cpu::Activity::kRunning || quantum_used_ >= Machine::kQuantum) {
      if (c.activity() != Cpu::Activity::kRunning && ++idle > n) return Halt::kDeadlock;
      sched_core_ = (sched_core_ + 1) % n;
      quantum_used_ = 0;
      continue;
    }
    idle = 0;
    const uint64_t turn =
        std::min({Machine::kQuantum - quantum_used_, budget - done, limit_ - m_.total_insns()});
    const uint64_t before = c.insn_count();
    if (breakpoints_.empty() && watch_.empty()) {
      c.run(turn);
    } else {
      for (uint64_t i = 0; i < turn; ++i) {
        if (at_breakpoint(c)) {
          quantum_used_ += c.insn_count() - before;
          halt_core_ = sched_core_;
          return Halt::kBreakpoint;
        }
        resume_pc_[sched_core_] = ~uint64_t{0};
        c.step();
        if (watch_hit()) {
          // Abandoned before its access: the PC is still on the instruction.
          quantum_used_ += c.insn_count() - before;
          halt_core_ = sched_core_;
          return Halt::kWatchpoint;
        }
        if (c.stop_reason() != StopReason::kNone || c.activity() != Cpu::Activity::kRunning) break;
      }
    }
    const uint64_t ran = c.insn_count() - before;
    if (ran) resume_pc_[sched_core_] = ~uint64_t{0};
    done += ran;
    quantum_used_ += ran;
    if (c.stop_reason() != StopReason::kNone) {
      halt_core_ = sched_core_;
      return Halt::kGuestStop;
    }
    if (ran == 0) quantum_used_ = Machine::kQuantum;  // Went to sleep: next core.
  }
  return Halt::kNone;
}

RunResult Server::result(Halt h) const {
  RunResult r;
  r.insns = m_.total_insns();
  if (killed_) {
    r.reason = StopReason::kFatal;
    r.message = "killed by the debugger";
  } else if (h == Halt::kLimit) {
    r.reason = StopReason::kInsnLimit;
  } else if (h == Halt::kDeadlock) {
    r.reason = StopReason::kFatal;
    r.message = "deadlock: every core is off or waiting (WFI/WFE) with nothing to wake it";
  } else {
    for (unsigned i = 0; i < m_.core_count(); ++i) {
      const Cpu& c = m_.cpu(i);
      if (c.stop_reason() == StopReason::kNone) continue;
      r.reason = c.stop_reason();
      r.exit_code = c.exit_code();
      r.message = c.stop_message();
      break;
    }
  }
  return r;
}

bool Server::watch_hit() {
  const auto h = watch_.take_hit();
  if (h) watch_hit_ = *h;
  return h.has_value();
}

std::string Server::stop_reply() const {
  const unsigned sig = last_halt_ == Halt::kInterrupt ? 2 : 5;
  std::string watch;
  if (last_halt_ == Halt::kWatchpoint) {
    const char* key = watch_hit_.kind == Watchpoints::kWrite  ? "watch"
                      : watch_hit_.kind == Watchpoints::kRead ? "rwatch"
                                                              : "awatch";
    watch = fmt::format("{}:{:x};", key, watch_hit_.addr);
  }
  return fmt::format("T{:02x}{}thread:{:x};", sig, watch, halt_core_ + 1);
}

std::optional<unsigned> Server::thread_core(std::string_view tid) const {
  if (tid == "-1" || tid == "0") return std::nullopt;
  const auto v = parse_hex(tid);
  if (!v || *v == 0 || *v > m_.core_count()) return std::nullopt;
  return static_cast<unsigned>(*v - 1);
}

RunResult Server::finish(Halt h) {
  const RunResult r = result(h);
  if (client_fd_ >= 0) {
    // The process is gone as far as GDB is concerned: W with the exit status.
    const int code = r.reason == StopReason::kGuestExit ? r.exit_code & 0xff : 0;
    send_packet(fmt::format("W{:02x}", code));
  }
  return r;
}

RunResult Server::run() {
  listen_on(opts_.port);
  bool halted = false;
  if (opts_.wait) {
    accept_client(true);
    last_halt_ = Halt::kStepped;  // Report SIGTRAP at the entry point.
    halted = client_fd_ >= 0;
  }
  for (;;) {
    if (halted) {
      halted = false;
      const Action a = serve_halted();
      if (a == Action::kKill) return result(Halt::kNone);
      if (a != Action::kContinue && a != Action::kStep) {
        close_client();  // Detached or gone: run on without a debugger.
        breakpoints_.clear();
        watch_.clear();
      }
      for (unsigned i = 0; i < m_.core_count(); ++i) resume_pc_[i] = m_.cpu(i).pc();
      if (last_halt_ == Halt::kWatchpoint)
        watch_.pass_once(halt_core_, m_.cpu(halt_core_).insn_count());
      if (a == Action::kStep) {
        const Halt h = step_core(step_core_);
        if (h == Halt::kGuestStop) return finish(h);
        last_halt_ = h;
        halted = true;
        continue;
      }
    }
    const Halt h = execute(kSlice);
    if (h == Halt::kGuestStop || h == Halt::kLimit || h == Halt::kDeadlock) return finish(h);
    if (h == Halt::kBreakpoint || h == Halt::kWatchpoint) {
      last_halt_ = h;
      halted = client_fd_ >= 0;
      continue;
    }
    // Between slices: Ctrl-C from the client, or a client attaching.
    if (client_fd_ < 0) {
      if (accept_client(false)) {
        last_halt_ = Halt::kInterrupt;
        halt_core_ = g_core_;
        halted = true;
      }
      continue;
    }
    read_client(0);
    std::vector<Event> evs;
    evs.swap(events_);
    for (const Event& e : evs)
      if (e.kind == Event::kInterrupt) {
        last_halt_ = Halt::kInterrupt;
        halt_core_ = g_core_;
        halted = true;
      }
  }
}

Server::Action Server::serve_halted() {
  if (last_halt_ != Halt::kNone) {
    g_core_ = halt_core_;
    // The stop reply for a resume; after --gdb-wait or an attach GDB asks with '?'.
    if (resumed_) send_packet(stop_reply());
  }
  for (;;) {
    std::vector<Event> evs;
    evs.swap(events_);
    for (size_t i = 0; i < evs.size(); ++i) {
      const Event& e = evs[i];
      if (e.kind == Event::kNack) {
        send_raw(last_sent_);
      } else if (e.kind == Event::kBadPacket) {
        send_raw("-");
      } else if (e.kind == Event::kPacket) {
        send_raw("+");
        const Action a = handle(e.payload);
        if (a != Action::kNone) {
          // Anything after a resume (a Ctrl-C typed early) is seen while running.
          events_.insert(events_.begin(), evs.begin() + static_cast<long>(i) + 1, evs.end());
          resumed_ = a == Action::kContinue || a == Action::kStep;
          return a;
        }
      }
    }
    if (!read_client(-1)) return Action::kDetach;
  }
}

Server::Action Server::handle(const std::string& p) {
  if (p.empty()) return send_packet(""), Action::kNone;
  const std::string args = p.substr(1);
  switch (p[0]) {
    case '?':
      send_packet(stop_reply());
      return Action::kNone;
    case 'g':
      send_packet(regs_.read_all(m_.cpu(g_core_)));
      return Action::kNone;
    case 'G':
      send_packet(regs_.write_all(m_.cpu(g_core_), args) ? "OK" : "E01");
      return Action::kNone;
    case 'p': {
      const auto n = parse_hex(args);
      const std::string v =
          n && *n < regs_.regs().size() ? regs_.read_hex(m_.cpu(g_core_), unsigned(*n)) : "";
      send_packet(v.empty() ? "E01" : v);
      return Action::kNone;
    }
    case 'P': {
      const size_t eq = args.find('=');
      const auto n = parse_hex(args.substr(0, eq));
      const bool ok = eq != std::string::npos && n && *n < regs_.regs().size() &&
                      regs_.write_hex(m_.cpu(g_core_), unsigned(*n), args.substr(eq + 1));
      send_packet(ok ? "OK" : "E01");
      return Action::kNone;
    }
    case 'm':
      send_packet(read_memory(args));
      return Action::kNone;
    case 'M':
      send_packet(write_memory(args));
      return Action::kNone;
    case 'c':
    case 's': {
      if (!args.empty()) {
        const auto addr = parse_hex(args);
        if (!addr) return send_packet("E01"), Action::kNone;
        m_.cpu(g_core_).state().pc = *addr;
      }
      step_core_ = g_core_;
      return p[0] == 'c' ? Action::kContinue : Action::kStep;
    }
    case 'v':
      if (p.rfind("vCont", 0) == 0) return vcont(p);
      if (p.rfind("vKill", 0) == 0) {
        send_packet("OK");
        killed_ = true;
        return Action::kKill;
      }
      send_packet("");
      return Action::kNone;
    case 'H': {
      if (args.size() < 2) return send_packet("E01"), Action::kNone;
      const std::string_view tid = std::string_view(args).substr(1);
      const auto core = thread_core(tid);
      if (!core && tid != "0" && tid != "-1") return send_packet("E01"), Action::kNone;
      if (core && args[0] == 'g') g_core_ = *core;
      if (core && args[0] == 'c') step_core_ = *core;
      send_packet("OK");
      return Action::kNone;
    }
    case 'T':
      send_packet(thread_core(args) ? "OK" : "E01");
      return Action::kNone;
    case 'Z':
    case 'z':
      send_packet(breakpoint(p));
      return Action::kNone;
    case 'q':
    case 'Q':
      send_packet(query(p));
      return Action::kNone;
    case 'D':
      send_packet("OK");
      return Action::kDetach;
    case 'k':
      killed_ = true;
      return Action::kKill;
    default:
      send_packet("");
      return Action::kNone;
  }
}

Server::Action Server::vcont(const std::string& p) {
  if (p == "vCont?") return send_packet("vCont;c;C;s;S"), Action::kNone;
  if (p.rfind("vCont;", 0) != 0) return send_packet(""), Action::kNone;
  // Actions apply in order to the threads they name; the first that applies
  // to a thread wins. All-stop: a step of one thread runs only that core.
  size_t at = 6;
  while (at <= p.size()) {
    size_t end = p.find(';', at);
    if (end == std::string::npos) end = p.size();
    const std::string action = p.substr(at, end - at);
    at = end + 1;
    if (action.empty()) continue;
    const size_t colon = action.find(':');
    const auto core =
        colon == std::string::npos ? std::nullopt : thread_core(action.substr(colon + 1));
    if (action[0] == 's' || action[0] == 'S') {
      step_core_ = core.value_or(g_core_);
      return Action::kStep;
    }
    if (action[0] == 'c' || action[0] == 'C') return Action::kContinue;
  }
  send_packet("E01");
  return Action::kNone;
}

bool Server::translate(const Cpu& c, uint64_t va, uint64_t& pa) const {
  if (phys_) {
    pa = va;
    return true;
  }
  const mmu::RegimeControls rc = mmu::regime_controls(c.state(), c.model(), c.state().pstate.el);
  if (!rc.enabled) {
    pa = va;
    return true;
  }
  const mmu::WalkResult w = mmu::walk(rc, va, mmu::Access::kRead, PhysReader(m_.memory()));
  if (!w.ok()) return false;
  pa = w.t.pa_of(mmu::canonical_va(rc, va));
  return true;
}

std::string Server::read_memory(const std::string& args) {
  const size_t comma = args.find(',');
  if (comma == std::string::npos) return "E01";
  const auto addr = parse_hex(args.substr(0, comma));
  const auto len = parse_hex(args.substr(comma + 1));
  if (!addr || !len) return "E01";
  std::vector<uint8_t> buf(std::min(*len, kMaxMemoryPacket));
  const Cpu& c = m_.cpu(g_core_);
  // Page by page, so a read running into unmapped memory returns what it got.
  size_t got = 0;
  while (got < buf.size()) {
    const uint64_t a = *addr + got;
    const size_t chunk = std::min<uint64_t>(buf.size() - got, 0x1000 - (a & 0xFFF));
    const bool ok = phys_ ? m_.memory().read_phys(a, buf.data() + got, chunk)
                          : c.debug_read(a, buf.data() + got, chunk);
    if (!ok) break;
    got += chunk;
  }
  if (got == 0 && !buf.empty()) return "E14";
  return hex_encode(buf.data(), got);
}

std::string Server::write_memory(const std::string& args) {
  const size_t comma = args.find(','), colon = args.find(':');
  if (comma == std::string::npos || colon == std::string::npos || colon < comma) return "E01";
  const auto addr = parse_hex(args.substr(0, comma));
  const auto len = parse_hex(args.substr(comma + 1, colon - comma - 1));
  const auto data = hex_decode(std::string_view(args).substr(colon + 1));
  if (!addr || !len || !data || data->size() != *len) return "E01";
  const Cpu& c = m_.cpu(g_core_);
  for (size_t done = 0; done < data->size();) {
    const uint64_t a = *addr + done;
    const size_t chunk = std::min<uint64_t>(data->size() - done, 0x1000 - (a & 0xFFF));
    uint64_t pa;
    if (!translate(c, a, pa) || !m_.memory().write_phys(pa, data->data() + done, chunk))
      return "E14";
    done += chunk;
  }
  return "OK";
}

std::string Server::breakpoint(const std::string& p) {
  // Z0/Z1 (software/hardware) are both PC compares; Z2/Z3/Z4 watch data
  // accesses to virtual addresses (watchpoints.h). "Zt,addr,kind": for
  // watchpoints the kind is the length in bytes.
  if (p.size() < 3 || p[1] < '0' || p[1] > '4' || p[2] != ',') return "";
  const size_t comma = p.find(',', 3);
  const auto addr =
      parse_hex(p.substr(3, comma == std::string::npos ? std::string::npos : comma - 3));
  if (!addr) return "E01";
  const bool insert = p[0] == 'Z';
  if (p[1] == '0' || p[1] == '1') {
    if (insert)
      breakpoints_.insert(*addr);
    else
      breakpoints_.erase(*addr);
    return "OK";
  }
  const auto len = comma == std::string::npos ? std::nullopt : parse_hex(p.substr(comma + 1));
  if (!len) return "E01";
  const auto kind = static_cast<Watchpoints::Kind>(p[1] - '0');
  if (insert) return watch_.insert(kind, *addr, *len) ? "OK" : "E01";
  watch_.remove(kind, *addr, *len);
  return "OK";
}

std::string Server::query(const std::string& p) {
  if (p.rfind("qSupported", 0) == 0) return "PacketSize=4000;qXfer:features:read+;vContSupported+";
  if (p.rfind("qXfer:features:read:", 0) == 0) {
    const std::string rest = p.substr(20);
    const size_t colon = rest.find(':');
    if (colon == std::string::npos) return "E01";
    if (rest.substr(0, colon) != "target.xml") return "E00";
    const std::string range = rest.substr(colon + 1);
    const size_t comma = range.find(',');
    if (comma == std::string::npos) return "E01";
    const auto off = parse_hex(range.substr(0, comma)), len = parse_hex(range.substr(comma + 1));
    if (!off || !len) return "E01";
    const std::string& xml = regs_.target_xml();
    if (*off >= xml.size()) return "l";
    const std::string part = xml.substr(*off, std::min<uint64_t>(*len, 0x3000));
    return (*off + part.size() >= xml.size() ? "l" : "m") + part;
  }
  if (p == "qC") return fmt::format("QC{:x}", g_core_ + 1);
  if (p == "qfThreadInfo") {
    std::string r = "m";
    for (unsigned i = 0; i < m_.core_count(); ++i) r += fmt::format("{}{:x}", i ? "," : "", i + 1);
    return r;
  }
  if (p == "qsThreadInfo") return "l";
  if (p == "qAttached") return "1";
  if (p.rfind("qThreadExtraInfo,", 0) == 0) {
    const auto core = thread_core(p.substr(17));
    if (!core) return "E01";
    const Cpu& c = m_.cpu(*core);
    static const char* const kAct[] = {"running", "WFI", "WFE", "off"};
    const std::string s =
        fmt::format("core {} EL{} {}", *core, c.state().pstate.el, kAct[int(c.activity())]);
    return hex_encode(s.data(), s.size());
  }
  if (p.rfind("qRcmd,", 0) == 0) {
    const auto cmd = hex_decode(std::string_view(p).substr(6));
    if (!cmd) return "E01";
    const std::string out = monitor(std::string(cmd->begin(), cmd->end()));
    return hex_encode(out.data(), out.size());
  }
  if (p.rfind("qSymbol", 0) == 0) return "OK";
  return "";
}

std::string Server::monitor(const std::string& line) {
  std::vector<std::string> w;
  for (size_t at = 0; at < line.size();) {
    const size_t sp = line.find(' ', at);
    const size_t end = sp == std::string::npos ? line.size() : sp;
    if (end > at) w.push_back(line.substr(at, end - at));
    at = end + 1;
  }
  if (w.empty() || w[0] == "help")
    return "monitor commands: el | sysreg NAME | tlb | phys on|off\n";
  if (w[0] == "el") {
    std::string out;
    for (unsigned i = 0; i < m_.core_count(); ++i)
      out += fmt::format("core {}: EL{}\n", i, m_.cpu(i).state().pstate.el);
    return out;
  }
  if (w[0] == "sysreg" && w.size() == 2) {
    const auto n = regs_.find(w[1]);
    if (!n || regs_.regs()[*n].kind != RegInfo::kSys)
      return fmt::format("no readable system register '{}'\n", w[1]);
    const RegInfo& r = regs_.regs()[*n];
    return fmt::format("{} = {:#018x}\n", r.name, read_sysreg(m_.cpu(g_core_), *r.def));
  }
  if (w[0] == "tlb") {
    std::string out;
    for (unsigned i = 0; i < m_.core_count(); ++i)
      out += fmt::format("core {}: {} valid TLB entries\n", i, m_.cpu(i).tlb().valid_entries());
    return out;
  }
  if (w[0] == "phys" && w.size() == 2 && (w[1] == "on" || w[1] == "off")) {
    phys_ = w[1] == "on";
    return fmt::format("memory accesses are {}\n", phys_ ? "physical" : "virtual (current regime)");
  }
  return fmt::format("unknown monitor command '{}' (try 'monitor help')\n", line);
}

}  // namespace

RunResult run_with_gdb(Machine& machine, uint64_t max_insns, const ServerOptions& options) {
  Server s(machine, max_insns, options);
  return s.run();
}

}  // namespace el2::gdb
