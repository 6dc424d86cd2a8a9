"""Robustness of the el2emu command line (docs/FUZZING.md, "Robustness"):
malformed or truncated ELF, Image and DTB files, guests that never stop, wait
for nothing or touch unmapped memory, and a closed stdin each end with one line
on stderr and the exit code README.md documents: never a host crash (a signal),
a hang (the timeout) or a traceback. tests/integration/cli_test.py and
board_cli_test.py cover bad flags, missing files, non-ELF and non-AArch64
files, exception storms and the first bad-Image cases.
"""
import os
import struct
import subprocess
import tempfile
import unittest

EL2EMU = os.path.join(os.getcwd(), "tools/el2emu")
IMAGES = os.path.join(os.getcwd(), "tests/images")
GUESTS = os.path.join(os.getcwd(), "tests/fuzz")
EXIT_BAD_IMAGE, EXIT_INSN_LIMIT, EXIT_FATAL_GUEST = 65, 71, 72
EC_DATA_ABORT_SAME_EL, EC_INSN_ABORT_SAME_EL = 0x25, 0x21


def el2emu(*args, closed_stdin=False):
    kwargs = {"preexec_fn": lambda: os.close(0)} if closed_stdin else {"stdin": subprocess.DEVNULL}
    return subprocess.run([EL2EMU, *args], capture_output=True, timeout=60, **kwargs)


def image_header(image_size=0x10000, flags=0xA):
    return struct.pack("<IIQQQQQQII", 0x14000000, 0, 0, image_size, flags, 0, 0, 0, 0x644D5241, 0)


def dtb(total=None, version=17, last_comp=16, struct_block=None):
    """A flattened device tree: / with no properties (devicetree spec ch. 5)."""
    sb = struct_block if struct_block is not None else struct.pack(">IIII", 1, 0, 2, 9)
    off_rsv, off_struct = 40, 56
    off_strings = off_struct + len(sb)
    size = total if total is not None else off_strings
    header = struct.pack(">IIIIIIIIII", 0xD00DFEED, size, off_struct, off_strings, off_rsv, version,
                         last_comp, 0, 0, len(sb))
    return header + b"\0" * 16 + sb


class RobustnessTest(unittest.TestCase):
    def assert_clean_exit(self, r):
        self.assertGreaterEqual(r.returncode, 0, f"el2emu died of signal {-r.returncode}")
        self.assertNotIn(b"Traceback", r.stderr)
        self.assertNotIn(b"internal error", r.stderr)

    def assert_one_line_error(self, r, code, fragment=b""):
        self.assert_clean_exit(r)
        self.assertEqual(r.returncode, code, r.stderr)
        lines = r.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, r.stderr)
        self.assertTrue(lines[0].startswith(b"el2emu: "), lines[0])
        self.assertIn(fragment, lines[0])

    def with_file(self, data, suffix=""):
        f = tempfile.NamedTemporaryFile(suffix=suffix)
        f.write(data)
        f.flush()
        self.addCleanup(f.close)
        return f.name

    def test_truncated_elf(self):
        with open(os.path.join(IMAGES, "hello.elf"), "rb") as f:
            elf = f.read()
        # In the ELF header and the program headers every cut is an error; later
        # ones may still load (sections past the segments are optional).
        for cut in (0, 1, 4, 16, 52, 63, 64, 65, 100, 119, 120):
            with self.subTest(cut=cut):
                self.assert_one_line_error(el2emu("run", self.with_file(elf[:cut], ".elf")),
                                           EXIT_BAD_IMAGE)
        for cut in (len(elf) // 4, len(elf) // 2, len(elf) - 1):
            with self.subTest(cut=cut):
                r = el2emu("run", self.with_file(elf[:cut], ".elf"))
                self.assert_clean_exit(r)
                if r.returncode != 7:  # hello.elf's own exit code, if it still loads.
                    self.assert_one_line_error(r, EXIT_BAD_IMAGE)

    def test_truncated_and_malformed_images(self):
        cases = {
            "header cut": image_header()[:60],
            "image_size below the file": image_header(image_size=0x10) + b"\0" * 0x100,
            "big-endian": image_header(flags=0x1) + b"\0" * 0x100,
        }
        for name, data in cases.items():
            with self.subTest(case=name):
                self.assert_one_line_error(el2emu("run", self.with_file(data)), EXIT_BAD_IMAGE)

    def test_truncated_and_malformed_dtbs(self):
        hello = os.path.join(IMAGES, "hello.elf")
        good = dtb()
        self.assertEqual(el2emu("run", "--board", "virt", "--dtb", self.with_file(good, ".dtb"),
                                hello).returncode, 7)
        cases = {
            "empty": b"",
            "header cut": good[:20],
            "cut before totalsize": good[:-4],
            "totalsize past the end": dtb(total=0x1000),
            "bad magic": b"\xd0\x0d\xfe\xee" + good[4:],
            "no end tag": dtb(struct_block=struct.pack(">III", 1, 0, 2)),
            "unknown tag": dtb(struct_block=struct.pack(">IIIII", 1, 0, 7, 2, 9)),
            # Found by tests/fuzz:dtb_fuzzer: libfdt 1.6 adds this length to an
            # int offset, steps backwards and its fdt_check_full never returns.
            "property length wraps": dtb(
                struct_block=struct.pack(">IIIIIII", 1, 0, 3, 0xFFFFFFF4, 0, 2, 9)),
        }
        for name, data in cases.items():
            with self.subTest(case=name):
                r = el2emu("run", "--board", "virt", "--dtb", self.with_file(data, ".dtb"), hello)
                self.assert_one_line_error(r, EXIT_BAD_IMAGE)

    # Found by tests/fuzz:dtb_fuzzer: libfdt 1.6's fdt_check_full dereferences
    # NULL for a blob whose header claims a version before 16 (with
    # last_comp_version 0, which fdt_check_header accepts); validate_dtb
    # (platform/fdt/virt_dtb.cc) now refuses those versions first.
    def test_old_dtb_version_is_refused(self):
        old = self.with_file(dtb(version=6, last_comp=0), ".dtb")
        r = el2emu("run", "--board", "virt", "--dtb", old, os.path.join(IMAGES, "hello.elf"))
        self.assert_one_line_error(r, EXIT_BAD_IMAGE)

    def test_guest_that_never_stops(self):
        for board in ("bare", "virt"):
            with self.subTest(board=board):
                r = el2emu("run", "--board", board, os.path.join(IMAGES, "loop.elf"),
                           "--max-insns", "5000")
                self.assert_one_line_error(r, EXIT_INSN_LIMIT, b"instruction limit reached")

    def test_unmapped_memory_is_an_external_abort_for_the_guest(self):
        for image, ec in (("unmapped_load", EC_DATA_ABORT_SAME_EL),
                          ("unmapped_fetch", EC_INSN_ABORT_SAME_EL)):
            with self.subTest(image=image):
                r = el2emu("run", os.path.join(GUESTS, image + ".elf"), "--entry-el", "1")
                self.assert_clean_exit(r)
                self.assertEqual(r.returncode, ec, r.stderr)

    def test_waiting_for_nothing_with_stdin_closed(self):
        # On the virt board a waiting guest could be woken by UART input; with
        # stdin closed none can come, so the run must stop, not wait forever.
        for closed in (True, False):
            with self.subTest(closed_stdin=closed):
                r = el2emu("run", "--board", "virt", os.path.join(GUESTS, "wfi_forever.elf"),
                           closed_stdin=closed)
                self.assert_one_line_error(r, EXIT_FATAL_GUEST, b"deadlock")

    def test_closed_stdin(self):
        r = el2emu("run", os.path.join(IMAGES, "hello.elf"), "--entry-el", "2", closed_stdin=True)
        self.assertEqual(r.returncode, 7, r.stderr)
        r = el2emu("run", "--board", "virt", os.path.join(IMAGES, "hello.elf"), closed_stdin=True)
        self.assertEqual(r.returncode, 7, r.stderr)


if __name__ == "__main__":
    unittest.main()
