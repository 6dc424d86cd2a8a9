"""Debian's arm64 cloud kernel on el2emu's virt board, entered at EL2 on two
cores: the real hyp stub, KVM's nVHE initialisation through HVC_SET_VECTORS,
the secondary started by PSCI CPU_ON, up to the root-fs panic; `panic=-1`
makes the kernel reset through PSCI SYSTEM_RESET, which ends the run. Every
stub hypercall is checked against the linux-6.1 contract.

The kernel comes from tools/fetch-images (cached); the test skips only when
the Debian mirror cannot be reached."""
import os
import subprocess
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


if __name__ == "__main__":
    unittest.main()
