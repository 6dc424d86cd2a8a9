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
        # PSCI through the built-in firmware (KVM semantics, ../shared/spec C.3/C.5):
        # version 1.1, CPU_ON once then ALREADY_ON (-4), the secondary's context id,
        # AFFINITY_INFO = 1 (OFF) after its CPU_OFF, and SYSTEM_OFF ending the run.
        self.assertIn("PSCI_VERSION -> 0x0000000000010001", out)
        self.assertIn("CPU_ON64 (0xc4000003) x1=0x1 -> 0x0\n", out)
        self.assertIn("CPU_ON64 (0xc4000003) x1=0x1 -> 0xfffffffffffffffc", out)
        self.assertIn("context id is 0x0000000000005ec0", out)
        self.assertIn("AFFINITY_INFO(core 1) after its CPU_OFF -> 0x0000000000000001", out)
        self.assertIn("PSCI SYSTEM_OFF after", r.stderr)
        self.assertIn("<__hyp_stub_vectors+0x400>", out)

    def test_demo_cycle_report(self):
        out = el2emu("demo").stdout
        report = out[out.index("cycle report"):]
        lines = report.splitlines()
        core0 = lines.index(next(l for l in lines if "core 0:" in l))
        core1 = lines.index(next(l for l in lines if "core 1:" in l))
        el_cycles = {l.split()[0]: int(l.split()[1]) for l in lines[core0 + 1:core1]
                     if l.split()[0].startswith("EL")}
        total = int(lines[core0].split()[2])
        self.assertEqual(sum(el_cycles.values()), total)
        self.assertIn("EL1:", el_cycles)
        self.assertIn("EL2:", el_cycles)
        # The timing model's figures (--timing approx is the default).
        self.assertRegex(report, r"IPC \d+\.\d\d .*L1I \d+\.\d% of \d+")
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

    def test_trace_text_filtered_to_a_symbol(self):
        r = el2emu("run", f"{IMAGES}/hello.elf", "--trace", "insn", "--trace-range", "main")
        self.assertEqual(r.returncode, 7, r.stderr)
        lines = [l for l in r.stdout.splitlines() if l.startswith("[0]")]
        self.assertTrue(lines)
        for line in lines:
            self.assertIn("<main", line)
            self.assertIn(" EL3 ", line)
        self.assertTrue(any(" ret" in l for l in lines))  # main returns to _start.

    def test_trace_jsonl_exception_fields(self):
        import json
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "t.jsonl")
            r = el2emu("run", f"{IMAGES}/undef.elf", "--entry-el", "1", "--trace", "all",
                       "--trace-format", "jsonl", "--trace-file", path)
            self.assertEqual(r.returncode, 99, r.stderr)
            events = [json.loads(l) for l in open(path)]
        self.assertTrue(any(e["type"] == "insn" for e in events))
        exc = next(e for e in events if e["type"] == "exception")
        # UDF at EL1: EC 0x00 taken to EL1's vector for the current EL with SP_EL1.
        self.assertEqual(exc["class"], "Unknown")
        self.assertEqual(exc["ec"], "0x0")
        self.assertEqual((exc["from_el"], exc["to_el"]), (1, 1))
        self.assertEqual(exc["vector_sym"], "rt_vectors+0x200")
        udf = next(e for e in events if e["type"] == "insn" and e["insn"] == "0x00000000")
        self.assertEqual(udf["pc"], exc["elr"])

    def test_trace_bad_options(self):
        self.assert_one_line_error(el2emu("run", f"{IMAGES}/hello.elf", "--trace", "bogus"),
                                   EXIT_USAGE, "unknown trace kind")
        self.assert_one_line_error(el2emu("run", f"{IMAGES}/hello.elf", "--trace-el", "1"),
                                   EXIT_USAGE, "needs --trace")

    def test_fw_regs_follow_kvm_set_rules(self):
        out = el2emu("fw-regs").stdout
        self.assertIn("psci-version     0x6030000000140000 = 0x10001", out)  # Default: 1.1.
        out = el2emu("fw-regs", "--fw-reg", "psci-version=1.0").stdout
        self.assertIn("psci-version     0x6030000000140000 = 0x10000", out)
        # 0.1 is only for cores without PSCI 0.2; an unknown version is refused.
        self.assert_one_line_error(el2emu("fw-regs", "--fw-reg", "psci-version=0.1"), EXIT_USAGE,
                                   "EINVAL")
        self.assert_one_line_error(el2emu("fw-regs", "--fw-reg", "psci-version=9.9"), EXIT_USAGE,
                                   "psci-version")

    def test_exception_storm_is_reported(self):
        r = el2emu("run", f"{IMAGES}/storm.elf", "--entry-el", "1")
        self.assertEqual(r.returncode, 72, r.stderr)
        self.assertIn("exception storm", r.stderr)
        # The vector fetch at VBAR_EL1 + 0x200 aborts: an instruction abort at EL1.
        self.assertIn("Instruction abort (same EL)", r.stderr)
        self.assertIn("vector 0x1200", r.stderr)

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
