"""Debian's U-Boot (u-boot-qemu, the qemu_arm64 build) on el2emu's virt board:
from flash at 0 to its prompt, at EL2 and at EL1, answering commands typed on
the UART, and `poweroff` ending the run through PSCI SYSTEM_OFF (exit 0).

The commands arrive on stdin all at once: the first key stops the autoboot
countdown and the rest are read at the prompt. Typed-ahead input meets
U-Boot's Ctrl-C check: `md` reads (and drops) one pending character while it
prints, so a throw-away line follows it."""
import os
import re
import subprocess
import sys
import unittest

UBOOT = "/usr/lib/u-boot/qemu_arm64/u-boot.bin"
EL2EMU = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "el2emu")
COMMANDS = "x\nversion\nbdinfo\ndm tree\nmd.l 0x40000000 4\nxx\npoweroff\n"


def el2emu_path():
    runfiles = os.environ.get("RUNFILES_DIR") or os.environ.get("TEST_SRCDIR")
    if runfiles:
        p = os.path.join(runfiles, "el2emu", "tools", "el2emu")
        if os.path.exists(p):
            return p
    return EL2EMU


def boot(*extra, commands=COMMANDS, max_insns=2_000_000_000):
    r = subprocess.run([el2emu_path(), "run", "--bios", UBOOT, "--stats", "--max-insns",
                        str(max_insns), *extra],
                       input=commands, capture_output=True, text=True, timeout=600)
    return r.returncode, r.stdout, r.stderr


@unittest.skipUnless(os.path.exists(UBOOT), "u-boot-qemu is not installed: U-Boot test skipped")
class UBootTest(unittest.TestCase):
    def check_session(self, code, out, err, el):
        self.assertEqual(code, 0, f"exit {code}\nstdout:\n{out[-3000:]}\nstderr:\n{err[-2000:]}")
        self.assertIn("U-Boot 2023.01", out)
        self.assertIn("=> ", out)
        # `version`: the banner again, with the compiler that built it.
        self.assertGreaterEqual(out.count("U-Boot 2023.01"), 2)
        # `bdinfo`: the DRAM bank is the board's 1 GiB at 0x40000000.
        self.assertRegex(out, r"-> start\s+= 0x0*40000000")
        self.assertRegex(out, r"-> size\s+= 0x0*40000000")
        # `md.l`: the device tree sits at the start of RAM (FDT magic
        # 0xd00dfeed, stored big-endian, read as a little-endian word).
        self.assertRegex(out, r"40000000: edfe0dd0")
        # `dm tree`: the PL011 was probed by its driver.
        self.assertRegex(out, r"serial\s+\d+\s+\[ \+ \]\s+serial_pl01x")
        self.assertIn("PSCI SYSTEM_OFF", err)
        # The cycle report: every instruction ran at the entry EL (U-Boot
        # stays there; PSCI is answered by the built-in firmware).
        self.assertRegex(err, rf"EL{el}:\s+\d+ cycles \(100\.0%\)")

    def test_el2_prompt_commands_poweroff(self):
        code, out, err = boot()
        self.check_session(code, out, err, 2)

    def test_el1_prompt_commands_poweroff(self):
        code, out, err = boot("--no-el2")
        self.check_session(code, out, err, 1)

    def test_closed_stdin_at_the_prompt_is_a_clean_stop(self):
        # No poweroff: once input ends U-Boot polls the UART forever; the
        # instruction limit ends the run with its documented exit code.
        code, out, err = boot(commands="x\n", max_insns=200_000_000)
        self.assertEqual(code, 71, err)
        self.assertIn("=> ", out)
        self.assertIn("instruction limit", err)


if __name__ == "__main__":
    unittest.main()
