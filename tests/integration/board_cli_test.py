"""The virt board on the command line: the generated device tree (dumpdtb,
checked with dtc), and one-line errors with documented exit codes for bad
device trees, bad Linux Images and contradictory options."""
import os
import shutil
import struct
import subprocess
import tempfile
import unittest

EL2EMU = os.path.join(os.getcwd(), "tools/el2emu")
IMAGES = os.path.join(os.getcwd(), "tests/images")
DTC = shutil.which("dtc")

EXIT_USAGE = 64
EXIT_BAD_IMAGE = 65


def el2emu(*args):
    return subprocess.run([EL2EMU, *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)


def image_header(flags=0xA, image_size=0x10000, magic=0x644D5241):
    """A Linux arm64 Image header (Documentation/arch/arm64/booting.rst)."""
    return struct.pack("<IIQQQQQQII", 0x14000000, 0, 0, image_size, flags, 0, 0, 0, magic, 0)


class BoardCliTest(unittest.TestCase):
    def assert_one_line_error(self, r, code, fragment):
        self.assertEqual(r.returncode, code, r.stderr)
        lines = r.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, r.stderr)
        self.assertIn(fragment, lines[0])

    def dump(self, *args):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "virt.dtb")
            r = el2emu("dumpdtb", path, *args)
            self.assertEqual(r.returncode, 0, r.stderr)
            dts = subprocess.run([DTC, "-I", "dtb", "-O", "dts", path], capture_output=True,
                                 text=True)
            self.assertEqual(dts.returncode, 0, dts.stderr)
            self.assertEqual(dts.stderr, "", "dtc warned about the generated tree")
            return dts.stdout

    @unittest.skipUnless(DTC, "dtc (device-tree-compiler) is not installed")
    def test_dumpdtb_describes_the_board_that_runs(self):
        dts = self.dump("--smp", "2", "-m", "512M", "--append", "console=ttyAMA0 quiet")
        self.assertIn('compatible = "arm,gic-v3";', dts)
        self.assertIn("cpu@1 {", dts)
        self.assertNotIn("cpu@2 {", dts)
        self.assertIn('enable-method = "psci";', dts)
        self.assertIn('method = "smc";', dts)  # EL2 without EL3: firmware at "EL3".
        self.assertIn("reg = <0x00 0x40000000 0x00 0x20000000>;", dts)  # 512 MiB of RAM.
        self.assertIn('bootargs = "console=ttyAMA0 quiet";', dts)
        self.assertIn('stdout-path = "/pl011@9000000";', dts)

    @unittest.skipUnless(DTC, "dtc (device-tree-compiler) is not installed")
    def test_dumpdtb_without_el2_uses_hvc(self):
        self.assertIn('method = "hvc";', self.dump("--no-el2"))

    def test_bad_dtb_is_refused(self):
        with tempfile.NamedTemporaryFile(suffix=".dtb") as f:
            f.write(b"\xd0\x0d\xfe\xed" + b"\x00" * 60)
            f.flush()
            r = el2emu("run", "--board", "virt", "--dtb", f.name,
                       os.path.join(IMAGES, "hello.elf"))
            self.assert_one_line_error(r, EXIT_BAD_IMAGE, "not a valid device tree blob")

    def test_bad_linux_images_are_refused(self):
        cases = [
            (image_header(flags=0xB), "big-endian"),
            (image_header(image_size=0x10), "image_size"),
        ]
        for header, fragment in cases:
            with self.subTest(fragment=fragment), tempfile.NamedTemporaryFile() as f:
                f.write(header + b"\x00" * 0x100)
                f.flush()
                r = el2emu("run", f.name)
                self.assert_one_line_error(r, EXIT_BAD_IMAGE, fragment)

    def test_contradictory_board_options(self):
        r = el2emu("run", "--board", "bare", "--bios", os.path.join(IMAGES, "hello.elf"))
        self.assert_one_line_error(r, EXIT_USAGE, "--bios needs --board virt")
        r = el2emu("run", "--board", "pc", os.path.join(IMAGES, "hello.elf"))
        self.assert_one_line_error(r, EXIT_USAGE, "expected bare or virt")
        r = el2emu("boot-linux", "--smp", "2")
        self.assert_one_line_error(r, EXIT_USAGE, "needs --kernel")

    def test_semihosting_elf_runs_on_the_virt_board(self):
        # hello.elf exits with 7; on virt it starts at EL2 (no EL3 there).
        r = el2emu("run", "--board", "virt", os.path.join(IMAGES, "hello.elf"))
        self.assertEqual(r.returncode, 7, r.stderr)
        self.assertIn("hello from EL2", r.stdout)


if __name__ == "__main__":
    unittest.main()
