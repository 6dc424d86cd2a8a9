"""The el2emu command line: exit codes and one-line errors for bad input.

Expected codes come from README.md's exit-code table (platform/exit_codes.h).
"""
import os
import subprocess
import tempfile
import unittest

EL2EMU = os.path.join(os.getcwd(), "tools/el2emu")
IMAGES = os.path.join(os.getcwd(), "tests/images")

EXIT_USAGE = 64
EXIT_BAD_IMAGE = 65
EXIT_NO_INPUT = 66
EXIT_INSN_LIMIT = 71


def el2emu(*args, stdin=subprocess.DEVNULL):
    return subprocess.run([EL2EMU, *args], capture_output=True, text=True, stdin=stdin, timeout=120)


class CliTest(unittest.TestCase):
    def assert_one_line_error(self, r, code, fragment):
        self.assertEqual(r.returncode, code, r.stderr)
        lines = r.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, r.stderr)
        self.assertTrue(lines[0].startswith("el2emu: "), lines[0])
        self.assertIn(fragment, lines[0])

    def test_run_hello_passes_guest_exit_code(self):
        r = el2emu("run", f"{IMAGES}/hello.elf", "--entry-el", "2")
        self.assertEqual(r.returncode, 7, r.stderr)
        self.assertEqual(r.stdout, "hello from EL2\n")
        self.assertIn("guest exited with code 7", r.stderr)

    def test_demo_boots_the_stub_and_makes_each_call(self):
        r = el2emu("demo")
        self.assertEqual(r.returncode, 0, r.stderr)
        out = r.stdout
        self.assertIn("EL2 -> EL1", out)
        self.assertIn("EL1: running at EL1", out)
        # Each call's result, as the hyp-stub ABI defines it.
        self.assertIn("HVC_RESET_VECTORS -> 0x0000000000000000 (ok)", out)
        self.assertIn("HVC_SET_VECTORS(demo_hyp_vectors) -> 0x0000000000000000 (ok)", out)
        self.assertIn("hypervisor call 0x4b -> 0x000000000000600d", out)
        self.assertIn("HVC_FINALISE_EL2 (no VHE: declined) -> 0x000000000badca11 (HVC_STUB_ERR)", out)
        self.assertIn("unknown call 0x4 -> 0x000000000badca11 (HVC_STUB_ERR)", out)
        self.assertIn("HVC64 x6", out)
        self.assertIn("<__hyp_stub_vectors+0x400>", out)

    def test_demo_cycle_report(self):
        out = el2emu("demo").stdout
        report = out[out.index("cycle report"):]
        lines = report.splitlines()
        el_cycles = {l.split()[0]: int(l.split()[1]) for l in lines if l.strip().startswith("EL")}
        total = int(next(l for l in lines if "core 0:" in l).split()[2])
        self.assertEqual(sum(el_cycles.values()), total)
        self.assertIn("EL1:", el_cycles)
        self.assertIn("EL2:", el_cycles)
        hvc = next(l for l in lines if l.strip().startswith("HVC64"))
        self.assertEqual(int(hvc.split()[1]), 6)
        # Per hypercall: the demo's driver calls x0=2 twice and 0, 3, 4, 0x4b once each.
        calls = {}
        start = lines.index(next(l for l in lines if "hypercalls:" in l))
        for l in lines[start + 1:]:
            f = l.split()
            calls[int(f[0], 16)] = (int(f[1]), int(f[2]), int(f[4]), int(f[6]))
        self.assertEqual({k: v[0] for k, v in calls.items()}, {0: 1, 2: 2, 3: 1, 4: 1, 0x4b: 1})
        for count, lo, median, hi in calls.values():
            self.assertTrue(0 < lo <= median <= hi)

    def test_instruction_limit(self):
        r = el2emu("run", f"{IMAGES}/loop.elf", "--max-insns", "1000")
        self.assertEqual(r.returncode, EXIT_INSN_LIMIT)
        self.assertIn("instruction limit reached after 1000 instructions", r.stderr)
        self.assertIn("<main>", r.stderr)

    def test_missing_file(self):
        self.assert_one_line_error(el2emu("run", "/nonexistent.elf"), EXIT_NO_INPUT, "cannot open")

    def test_not_an_elf(self):
        with tempfile.NamedTemporaryFile(suffix=".elf") as f:
            f.write(b"this is not an ELF file at all" * 4)
            f.flush()
            self.assert_one_line_error(el2emu("run", f.name), EXIT_BAD_IMAGE, "not an ELF")

    def test_non_aarch64_elf(self):
        # This very test's interpreter is an x86-64 (or at least non-AArch64) ELF.
        self.assert_one_line_error(el2emu("run", "/usr/bin/python3"), EXIT_BAD_IMAGE, "not AArch64")

    def test_bad_flags(self):
        cases = [
            (("run", f"{IMAGES}/hello.elf", "--bogus"), "unknown option"),
            (("run", f"{IMAGES}/hello.elf", "--entry-el", "4"), "--entry-el"),
            (("run", f"{IMAGES}/hello.elf", "--entry-el", "3", "--no-el3"), "not implemented"),
            (("run", f"{IMAGES}/hello.elf", "--max-insns", "many"), "not a number"),
            (("run", f"{IMAGES}/hello.elf", "--cpu", "pentium"), "unknown CPU model"),
            (("run", f"{IMAGES}/hello.elf", "-m", "3"), "multiple of 4K"),
            (("run",), "needs an image"),
            (("frobnicate",), "unknown command"),
            (("run", "--load", "nofile"), "FILE@ADDR"),
        ]
        for args, fragment in cases:
            with self.subTest(args=args):
                self.assert_one_line_error(el2emu(*args), EXIT_USAGE, fragment)

    def test_raw_load_outside_ram(self):
        with tempfile.NamedTemporaryFile() as f:
            f.write(b"\x00" * 16)
            f.flush()
            self.assert_one_line_error(el2emu("run", "--load", f"{f.name}@0x1000"), EXIT_BAD_IMAGE,
                                       "outside RAM")

    def test_help_for_each_command(self):
        for cmd in ("run", "demo", "sysregs"):
            with self.subTest(cmd=cmd):
                r = el2emu(cmd, "--help")
                self.assertEqual(r.returncode, 0)
                self.assertIn("usage: el2emu " + cmd, r.stdout)

    def test_sysregs_lists_el2_registers_only_when_el2_exists(self):
        with_el2 = el2emu("sysregs", "--cpu", "cortex-a53").stdout
        without = el2emu("sysregs", "--cpu", "cortex-a53", "--no-el2").stdout
        self.assertIn("HCR_EL2", with_el2)
        self.assertIn("VBAR_EL2", with_el2)
        self.assertNotIn("HCR_EL2", without)
        self.assertIn("SCTLR_EL1", without)


if __name__ == "__main__":
    unittest.main()
