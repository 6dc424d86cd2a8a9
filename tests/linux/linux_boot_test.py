"""Debian's arm64 cloud kernel on el2emu's virt board, entered at EL2 on two
cores: the real hyp stub, KVM's nVHE initialisation through HVC_SET_VECTORS,
the secondary started by PSCI CPU_ON, up to the root-fs panic; `panic=-1`
makes the kernel reset through PSCI SYSTEM_RESET, which ends the run. Every
stub hypercall is checked against the linux-6.1 contract.

The kernel comes from tools/fetch-images (cached); the test skips only when
the Debian mirror cannot be reached."""
import os
import queue
import subprocess
import tempfile
import threading
import time
import unittest

RUNFILES = os.path.join(os.environ.get("TEST_SRCDIR", ""), "el2emu")
EL2EMU = os.path.join(RUNFILES, "tools", "el2emu")
FETCH = os.path.join(RUNFILES, "tools", "fetch-images")
APPEND = "earlycon=pl011,0x9000000 console=ttyAMA0 panic=-1"


def fetch_kernel():
    r = subprocess.run([FETCH, "--what", "kernel"], capture_output=True, text=True, timeout=900)
    if r.returncode == 3:
        raise unittest.SkipTest(r.stderr.strip().splitlines()[-1])
    if r.returncode != 0:
        raise AssertionError(f"fetch-images failed ({r.returncode}): {r.stderr}")
    return r.stdout.splitlines()[0]


class Console:
    """el2emu's UART on pipes, driven like a user at a terminal: wait for the
    prompt, then type. (Input typed ahead of the shell is dropped by the tty
    when the shell sets up its line editing, as on real hardware.)"""

    def __init__(self, cmd):
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        self.out = b""
        self.q = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        for chunk in iter(lambda: self.p.stdout.read1(4096), b""):
            self.q.put(chunk)
        self.q.put(None)

    def expect(self, text, timeout=900):
        deadline = time.monotonic() + timeout
        while text.encode() not in self.out:
            try:
                chunk = self.q.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"timed out waiting for {text!r}:\n{self.text()[-3000:]}")
            if chunk is None:
                raise AssertionError(f"el2emu ended before {text!r}:\n{self.text()[-3000:]}")
            self.out += chunk

    def type(self, line):
        self.p.stdin.write(line.encode() + b"\n")
        self.p.stdin.flush()

    def text(self):
        return self.out.decode(errors="replace")


class LinuxBootTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.kernel = fetch_kernel()
        r = subprocess.run([EL2EMU, "boot-linux", "--kernel", cls.kernel, "--smp", "2",
                            "--append", APPEND, "--check-abi", "linux-6.1",
                            "--max-insns", "4000000000"],
                           capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=1800)
        cls.code, cls.console, cls.report = r.returncode, r.stdout, r.stderr

    def test_console_milestones(self):
        for line in [
            "Booting Linux on physical CPU 0x0000000000 [0x411fd070]",
            "earlycon: pl11 at MMIO 0x0000000009000000",
            "psci: PSCIv1.1 detected in firmware.",
            "GICv3: CPU0: found redistributor 0 region 0:0x00000000080a0000",
            "arch_timer: cp15 timer(s) running at 62.50MHz (phys).",
            "CPU1: Booted secondary processor 0x0000000001 [0x411fd070]",
            "smp: Brought up 1 node, 2 CPUs",
            "CPU: All CPU(s) started at EL2",
            "kvm [1]: GIC system register CPU interface enabled",
            "kvm [1]: Hyp mode initialized successfully",
            "Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)",
        ]:
            self.assertIn(line, self.console, f"missing from the console: {line}")
        for bad in ["WARNING:", "Unhandled", "Internal error", "BUG:", "inconsistent"]:
            self.assertNotIn(bad, self.console, self.console[-4000:])

    def test_ends_by_psci_system_reset(self):
        self.assertEqual(self.code, 0, self.report[-3000:])
        self.assertIn("PSCI SYSTEM_RESET", self.report)

    def test_every_stub_hypercall_passes_the_linux_6_1_contract(self):
        self.assertIn("result: PASS", self.report)
        self.assertRegex(self.report, r"\d+ stub calls observed, [1-9]\d* answered by the stub")
        self.assertRegex(self.report, r"PASS\s+set-vectors.vbar")
        self.assertRegex(self.report, r"PASS\s+finalise.outcome")


class LinuxShellTest(unittest.TestCase):
    """With Debian's static busybox as an initramfs, the kernel runs /init at
    EL0 (busybox init, a shell on ttyAMA0); commands typed on stdin run, and
    `poweroff` ends the run through PSCI SYSTEM_OFF."""

    def test_shell_commands_and_poweroff(self):
        kernel = fetch_kernel()
        with tempfile.TemporaryDirectory() as d:
            initrd = os.path.join(d, "initrd.cpio.gz")
            r = subprocess.run([FETCH, "--initramfs", initrd], capture_output=True, text=True,
                               timeout=900)
            if r.returncode == 3:
                raise unittest.SkipTest(r.stderr.strip().splitlines()[-1])
            self.assertEqual(r.returncode, 0, r.stderr)
            c = Console([EL2EMU, "boot-linux", "--kernel", kernel, "--initrd", initrd,
                         "--smp", "2", "--append", "console=ttyAMA0 panic=-1",
                         "--timing", "off", "--max-insns", "20000000000"])
            c.expect("el2emu initramfs: shell ready")
            c.expect("/ # ")
            c.type("echo hello-from-$((6*7))")
            c.expect("hello-from-42")
            c.type("uname -m; cat /proc/cpuinfo | grep -c processor")
            c.expect("aarch64")
            c.expect("aarch64\r\n2\r\n")  # uname -m, then both CPUs online.
            c.type("poweroff")
            c.expect("reboot: Power down")
            _, err = c.p.communicate(timeout=300)
            self.assertEqual(c.p.returncode, 0, err.decode())
            self.assertIn(b"PSCI SYSTEM_OFF", err)


if __name__ == "__main__":
    unittest.main()
