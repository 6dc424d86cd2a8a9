"""The GDB stub (`el2emu run --gdb`), driven by Debian's gdb-multiarch in batch
mode against tests/gdb/hvc_calls.S and tests/gdb/watch_target.c (watchpoints),
and by a raw-socket client for what batch GDB cannot do (Ctrl-C, malformed
packets, the exact watchpoint stop replies).

Every el2emu is started with --gdb 0 (the stub picks a free loopback port and
prints it), runs under a timeout, and is killed if still alive at the end.
"""
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import unittest

from tests.gdb.elf_symbols import symbols

EL2EMU = os.path.join(os.getcwd(), "tools/el2emu")
IMAGE = os.path.join(os.getcwd(), "tests/gdb/hvc_calls.elf")
LOOP = os.path.join(os.getcwd(), "tests/images/loop.elf")
WATCH = os.path.join(os.getcwd(), "tests/gdb/watch_target.elf")
ALIAS_VA = 0x100000000  # watch_target.c maps `watched`'s page here too.
GDB = shutil.which("gdb-multiarch")
TIMEOUT = 60


class Emulator:
    """el2emu run IMAGE --gdb 0 [...] in the background; .port once listening."""

    def __init__(self, image, *extra):
        self.proc = subprocess.Popen(
            [EL2EMU, "run", image, "--entry-el", "2", "--gdb", "0", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stderr.readline()  # Blocks until the stub listens (or el2emu dies).
        m = re.search(r"listening on 127\.0\.0\.1:(\d+)", line)
        if not m:
            self.close()
            raise AssertionError(f"no listening line from el2emu: {line!r}")
        self.port = int(m.group(1))

    def wait(self):
        out, err = self.proc.communicate(timeout=TIMEOUT)
        return self.proc.returncode, out, err

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.communicate()


def gdb_batch(port, *commands, image=IMAGE):
    args = [GDB, "-nx", "-batch", "-ex", "set architecture aarch64",
            "-ex", "set confirm off", "-ex", f"target remote :{port}"]
    for c in commands:
        args += ["-ex", c]
    args.append(image)  # Symbols.
    r = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT,
                       stdin=subprocess.DEVNULL)
    return r.stdout + r.stderr


def el_of(out, label):
    """The EL field of a `p/x $cpsr` printed as `$N = 0x...` after `echo label`."""
    m = re.search(re.escape(label) + r"\n\$\d+ = (0x[0-9a-f]+)", out)
    if not m:
        raise AssertionError(f"no cpsr after {label!r} in:\n{out}")
    return (int(m.group(1), 16) >> 2) & 3


@unittest.skipIf(GDB is None, "gdb-multiarch is not installed (Debian package gdb-multiarch)")
class GdbMultiarchTest(unittest.TestCase):
    def test_break_step_over_eret_sysregs_memory_and_exit(self):
        emu = Emulator(IMAGE, "--gdb-wait")
        try:
            out = gdb_batch(
                emu.port,
                "break el2_eret", "c",
                "echo PC_AT_BREAK\\n", "p/x $pc",
                "echo CPSR_EL2\\n", "p/x $cpsr",
                "echo VBAR\\n", "p/x $VBAR_EL2",
                "echo VECTORS\\n", "p/x (unsigned long)&hyp_vectors",
                "echo HCR\\n", "p/x $HCR_EL2",
                "stepi",
                "echo PC_AFTER_ERET\\n", "p/x $pc",
                "echo CPSR_EL1\\n", "p/x $cpsr",
                "echo MAGIC\\n", "x/gx &gdb_magic",
                "break hyp_hvc_handler", "c",
                "echo X0_AT_HVC\\n", "p/x $x0",
                "monitor el",
                "monitor sysreg VBAR_EL2",
                "monitor tlb",
                "info threads",
                "delete", "c")
            code, _, err = emu.wait()
        finally:
            emu.close()
        self.assertEqual(code, 5, err + out)
        symbols = dict(re.findall(r"(\w+)\n\$\d+ = (0x[0-9a-f]+)", out))
        vectors = int(symbols["VECTORS"], 16)
        self.assertIn("Breakpoint 1, 0x", out)
        self.assertIn("in el2_eret", out)
        self.assertEqual(el_of(out, "CPSR_EL2"), 2, out)
        # The image writes adr(hyp_vectors) to VBAR_EL2 and HCR_EL2.RW (bit 31).
        self.assertEqual(int(symbols["VBAR"], 16), vectors, out)
        self.assertEqual(vectors % 2048, 0)
        self.assertEqual(int(symbols["HCR"], 16), 1 << 31, out)
        # Stepping over the ERET lands at el1_entry at EL1.
        self.assertEqual(el_of(out, "CPSR_EL1"), 1, out)
        self.assertNotEqual(symbols["PC_AFTER_ERET"], symbols["PC_AT_BREAK"])
        self.assertIn("0x0000000040000040 in el1_entry", out)
        self.assertRegex(out, r"MAGIC\n0x[0-9a-f]+(?: <gdb_magic>)?:\s+0x1122334455667788")
        # The first hypercall (x0 = 0x10) stops in the EL2 handler.
        self.assertIn("in hyp_hvc_handler", out)
        self.assertEqual(symbols["X0_AT_HVC"], "0x10", out)
        self.assertIn("core 0: EL2", out)
        self.assertIn(f"VBAR_EL2 = {vectors:#018x}", out)
        self.assertIn("valid TLB entries", out)
        self.assertIn("Thread 1 (core 0 EL2", out)
        self.assertIn("exited with code 05", out)
        self.assertIn("guest exited with code 5", err)

    def test_watch_stops_after_the_store_with_the_new_value(self):
        # AArch64 watchpoints stop before the access; GDB then steps over the
        # store itself and reports the stop after it, with old and new values.
        sym = symbols(WATCH)
        alias = ALIAS_VA + (sym["watched"] & 0xFFF)
        emu = Emulator(WATCH, "--gdb-wait")
        try:
            out = gdb_batch(
                emu.port,
                "watch watched", "c",
                "echo PC_AFTER_STORE\\n", "p/x $pc",
                "echo VALUE\\n", "p/x watched",
                "delete",
                # The same variable through the alias VA: the current regime
                # translates it (stage 1 is on by now).
                f"watch *(unsigned long *){alias:#x}", "c",
                "echo PC_AFTER_ALIAS_STORE\\n", "p/x $pc",
                "delete",
                "rwatch watched", "c",
                "echo PC_AFTER_LOAD\\n", "p/x $pc",
                "delete", "c",
                image=WATCH)
            code, _, err = emu.wait()
        finally:
            emu.close()
        self.assertEqual(code, 0, err + out)
        values = dict(re.findall(r"(\w+)\n\$\d+ = (0x[0-9a-f]+)", out))
        self.assertIn("Hardware watchpoint 1: watched", out)
        self.assertRegex(out, r"Old value = 0\nNew value = 4369\n")
        self.assertEqual(int(values["PC_AFTER_STORE"], 16), sym["store64"] + 4, out)
        self.assertEqual(values["VALUE"], "0x1111")
        self.assertRegex(out, r"Old value = 4369\nNew value = 8738\n")
        self.assertEqual(int(values["PC_AFTER_ALIAS_STORE"], 16), sym["store64"] + 4, out)
        self.assertIn("Hardware read watchpoint 3: watched", out)
        self.assertRegex(out, r"Value = 8738\n")
        self.assertEqual(int(values["PC_AFTER_LOAD"], 16), sym["load64"] + 4, out)
        self.assertIn("exited normally", out)


class RawClient:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.buf = b""

    def send(self, payload):
        data = payload.encode()
        self.sock.sendall(b"$%s#%02x" % (data, sum(data) & 0xFF))
        return self.reply()

    def read_until(self, pred):
        deadline = time.time() + TIMEOUT
        while not pred(self.buf):
            if time.time() > deadline:
                raise AssertionError(f"timeout; have {self.buf!r}")
            chunk = self.sock.recv(4096)
            if not chunk:
                raise AssertionError(f"connection closed; have {self.buf!r}")
            self.buf += chunk

    def reply(self):
        self.read_until(lambda b: re.search(rb"\$[^#]*#..", b))
        m = re.search(rb"\$([^#]*)#(..)", self.buf)
        self.buf = self.buf[m.end():]
        body = m.group(1)
        assert int(m.group(2), 16) == sum(body) & 0xFF
        self.sock.sendall(b"+")
        return body.decode()


class RawProtocolTest(unittest.TestCase):
    def test_ctrl_c_malformed_packets_and_kill(self):
        emu = Emulator(LOOP, "--gdb-wait")
        try:
            c = RawClient(emu.port)
            self.assertIn("qXfer:features:read+", c.send("qSupported:multiprocess+"))
            xml = c.send("qXfer:features:read:target.xml:0,3000")
            self.assertIn("org.gnu.gdb.aarch64.core", xml)
            self.assertIn('name="VBAR_EL2"', xml)
            # A bad checksum is NACKed and the stub keeps serving.
            c.sock.sendall(b"$g#00")
            c.read_until(lambda b: b"-" in b)
            c.buf = c.buf.replace(b"+", b"").replace(b"-", b"", 1)
            self.assertEqual(c.send("qC"), "QC1")
            self.assertRegex(c.send("p20"), r"^[0-9a-f]{16}$")  # pc (register 32)
            self.assertEqual(c.send("p9999"), "E01")
            self.assertEqual(c.send("m0,4"), "E14")  # Nothing mapped at 0.
            self.assertEqual(c.send("Z2,40000000,4"), "OK")
            self.assertEqual(c.send("Z2,40000000,0"), "E01")  # An empty range.
            self.assertEqual(c.send("z2,40000000,4"), "OK")
            # Run the endless loop and interrupt it.
            c.sock.sendall(b"$c#63")
            time.sleep(0.3)
            c.sock.sendall(b"\x03")
            self.assertTrue(c.reply().startswith("T02thread:1;"))
            c.sock.sendall(b"$k#6b")
            code, _, err = emu.wait()
            c.sock.close()
        finally:
            emu.close()
        self.assertIn("killed by the debugger", err)

    def test_watchpoint_stop_replies(self):
        sym = symbols(WATCH)
        watched = sym["watched"]
        alias = ALIAS_VA + (watched & 0xFFF)
        pc = lambda c: int.from_bytes(bytes.fromhex(c.send("p20")), "little")  # Register 32.
        emu = Emulator(WATCH, "--gdb-wait")
        try:
            c = RawClient(emu.port)
            # A write watchpoint on the upper half of `watched`: the reply
            # names an address inside the watched range. The first write is
            # _start clearing the BSS (MMU off); continuing without stepping
            # over the store that hit lets it through once. The next stops
            # before store64's store: PC on it, memory unchanged.
            self.assertEqual(c.send(f"Z2,{watched + 4:x},4"), "OK")
            self.assertEqual(c.send("c"), f"T05watch:{watched + 4:x};thread:1;")
            self.assertTrue(sym["_start"] < pc(c) < sym["main"])
            self.assertEqual(c.send("c"), f"T05watch:{watched + 4:x};thread:1;")
            self.assertEqual(pc(c), sym["store64"])
            self.assertEqual(c.send(f"m{watched:x},8"), "00" * 8)
            self.assertEqual(c.send(f"z2,{watched + 4:x},4"), "OK")
            # An access watchpoint on the alias VA (stage 1 is on by now).
            self.assertEqual(c.send(f"Z4,{alias:x},8"), "OK")
            self.assertEqual(c.send("c"), f"T05awatch:{alias:x};thread:1;")
            self.assertEqual(pc(c), sym["store64"])
            self.assertEqual(c.send(f"m{watched:x},8"), "1111000000000000")
            self.assertEqual(c.send(f"z4,{alias:x},8"), "OK")
            # A read watchpoint: the alias store passes, load64's load stops.
            self.assertEqual(c.send(f"Z3,{watched:x},8"), "OK")
            self.assertEqual(c.send("c"), f"T05rwatch:{watched:x};thread:1;")
            self.assertEqual(pc(c), sym["load64"])
            self.assertEqual(c.send("c"), "W00")  # The load passes once; the program ends.
            code, _, err = emu.wait()
            c.sock.close()
        finally:
            emu.close()
        self.assertEqual(code, 0, err)

    def test_stopping_at_a_watchpoint_leaves_no_trace(self):
        # The instruction that hits stops before it has any effect: traced
        # once (when it runs), counted once, whatever the stops in between.
        sym = symbols(WATCH)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "t.jsonl")
            emu = Emulator(WATCH, "--gdb-wait", "--trace", "insn", "--trace-format", "jsonl",
                           "--trace-file", path)
            try:
                c = RawClient(emu.port)
                self.assertEqual(c.send(f"Z2,{sym['watched']:x},8"), "OK")
                self.assertTrue(c.send("c").startswith("T05watch:"))  # _start's BSS clear.
                self.assertTrue(c.send("c").startswith("T05watch:"))  # store64.
                # The store through the alias VA does not match a watchpoint on
                # `watched`'s own VA: the run ends.
                self.assertEqual(c.send("c"), "W00")
                code, _, err = emu.wait()
                c.sock.close()
            finally:
                emu.close()
            self.assertEqual(code, 0, err)
            insns = [json.loads(line) for line in open(path)]
        plain = subprocess.run([EL2EMU, "run", WATCH, "--entry-el", "2"], capture_output=True,
                               text=True, timeout=TIMEOUT)
        self.assertIn(f"after {len(insns)} instructions", plain.stderr)
        self.assertIn(f"after {len(insns)} instructions", err)
        self.assertEqual([e["count"] for e in insns], list(range(len(insns))))
        stores = [e for e in insns if int(e["pc"], 16) == sym["store64"]]
        self.assertEqual([len(e["mem"]) for e in stores], [1, 1])


if __name__ == "__main__":
    unittest.main()
