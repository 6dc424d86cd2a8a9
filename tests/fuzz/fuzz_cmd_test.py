"""el2emu fuzz and replay on the command line (docs/FUZZING.md).

Every mutant of the stub corpus (stubs/mutants, built by //stubs:mutant_images)
must be found within a bounded number of runs, under one of the AArch64
contracts; the reference stub must run clean under each; a reproducer must
replay to the same finding. Exit codes: README.md.
"""
import glob
import os
import re
import subprocess
import tempfile
import unittest

EL2EMU = os.path.join(os.getcwd(), "tools/el2emu")
STUBS = os.path.join(os.getcwd(), "stubs")
REFERENCE = os.path.join(STUBS, "reference_stub_image.elf")
EXIT_OK, EXIT_USAGE, EXIT_BAD_IMAGE, EXIT_NO_INPUT, EXIT_CHECK_FAILED = 0, 64, 65, 66, 73
CONTRACTS = ("doc", "linux-6.1", "linux-6.12")
MAX_RUNS = 200  # The bound: every mutant must be found within this many runs.
SEEDS = (1, 2, 3)


def write(path, text):
    with open(path, "w") as f:
        f.write(text)
    return path


def el2emu(*args, **kwargs):
    kwargs.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run([EL2EMU, *args], capture_output=True, text=True, timeout=300, **kwargs)


def fuzz(stub, out, *args):
    return el2emu("fuzz", "--stub", stub, "--out", out, *args)


def finding(stdout):
    """(run, rule id) from 'el2emu fuzz: run N of seed S: ID at step ...'."""
    m = re.search(r"^el2emu fuzz: run (\d+) of seed \d+: (\S+) at step", stdout, re.M)
    return (int(m.group(1)), m.group(2)) if m else None


def reproducer(stdout):
    return re.search(r"reproducer: (\S+)", stdout).group(1)


def contract_rules():
    out = el2emu("check-stub", "--list-contracts").stdout
    rules, current = {}, None
    for line in out.splitlines():
        if not line.startswith(" ") and ":" in line:
            current = rules.setdefault(line.split(":")[0], set())
        elif line.startswith("  ") and not line.startswith("      ") and current is not None:
            current.add(line.split()[0])
    return rules


class FuzzCommandTest(unittest.TestCase):
    def test_every_mutant_is_found_within_the_bound(self):
        rules = contract_rules()
        mutants = sorted(glob.glob(os.path.join(STUBS, "mutant_*.elf")))
        self.assertGreaterEqual(len(mutants), 12)
        table = []
        for elf in mutants:
            name = os.path.basename(elf)[len("mutant_"):-len(".elf")]
            for seed in SEEDS:
                with self.subTest(mutant=name, seed=seed), tempfile.TemporaryDirectory() as d:
                    found = None
                    for contract in CONTRACTS:
                        r = fuzz(elf, d, "--contract", contract, "--seed", str(seed),
                                 "--runs", str(MAX_RUNS))
                        if r.returncode == EXIT_OK:
                            continue
                        self.assertEqual(r.returncode, EXIT_CHECK_FAILED, r.stdout + r.stderr)
                        found = finding(r.stdout)
                        self.assertIsNotNone(found, r.stdout)
                        self.assertIn(found[1], rules[contract], r.stdout)
                        self.assertIn(f"el2emu: fuzz found {found[1]} (ABI violation)", r.stderr)
                        if seed == 1:  # The reproducer shows the same finding again.
                            rep = el2emu("replay", reproducer(r.stdout), "--trace", "none")
                            self.assertEqual(rep.returncode, EXIT_CHECK_FAILED,
                                             rep.stdout + rep.stderr)
                            self.assertIn(f"replay: {found[1]} at step", rep.stdout)
                        table.append(f"{name:22} seed {seed}: {contract:10} "
                                     f"run {found[0]:3} {found[1]}")
                        break
                    self.assertIsNotNone(found, f"{name} not found in {MAX_RUNS} runs")
        print("\n".join(table))

    def test_reference_stub_runs_clean_under_every_contract(self):
        for contract in CONTRACTS:
            for cpu in ("cortex-a57", "max"):  # max: FINALISE_EL2 succeeds (VHE).
                with self.subTest(contract=contract, cpu=cpu), tempfile.TemporaryDirectory() as d:
                    r = fuzz(REFERENCE, d, "--contract", contract, "--cpu", cpu, "--runs", "3000",
                             "--verify-every", "50")
                    self.assertEqual(r.returncode, EXIT_OK, r.stdout + r.stderr)
                    self.assertRegex(r.stdout, r"3000 runs, \d+ calls in [\d.]+ s: "
                                               r"\d+ runs/s, \d+ calls/s; clean")
                    self.assertEqual(os.listdir(d), [])

    def test_same_seed_same_reproducer(self):
        stub = os.path.join(STUBS, "mutant_reset_no_restore.elf")
        texts = []
        for _ in range(2):
            with tempfile.TemporaryDirectory() as d:
                r = fuzz(stub, d, "--seed", "5")
                self.assertEqual(r.returncode, EXIT_CHECK_FAILED, r.stderr)
                with open(reproducer(r.stdout)) as f:
                    texts.append(f.read())
        self.assertEqual(texts[0], texts[1])
        self.assertIn("expect reset-vectors.restores", texts[0])

    def test_replay_traces_each_step_call_and_exception(self):
        with tempfile.TemporaryDirectory() as d:
            r = fuzz(os.path.join(STUBS, "mutant_clobber_x19.elf"), d)
            rep = el2emu("replay", reproducer(r.stdout))
        self.assertEqual(rep.returncode, EXIT_CHECK_FAILED, rep.stderr)
        self.assertIn("step 1: hvc #0x0 x0=", rep.stdout)
        self.assertIn("call #1:", rep.stdout)
        self.assertIn("exception HVC64 EL1->EL2", rep.stdout)
        self.assertIn("replay: preserve.x19-x29 at step 1: call #1", rep.stdout)

    def test_replay_of_a_clean_file(self):
        with tempfile.NamedTemporaryFile("w", suffix=".repro") as f:
            f.write("# hand-written\nformat el2emu-fuzz-1\n"
                    f"stub {REFERENCE}\nvectors 0x40000000\ncontract doc\ncpu cortex-a57\n"
                    "expect -\n"
                    "msr vbar_el1 0x12345800\n"
                    "hvc #0 x0=0x0 x1=0x40000000 x2=0 x3=0 x4=0 fill=0x1\n"
                    "smc #0 x0=0x84000000 x1=0 x2=0 x3=0 fill=0x2\n"
                    "smc #0 x0=0x84000009 x1=0 x2=0 x3=0 fill=0x3\n"  # SYSTEM_RESET: a power cycle.
                    "hvc #0 x0=0x1 x1=0x3ff00100 x2=0x2 x3=0x3 x4=0x4 fill=0x4\n")
            f.flush()
            r = el2emu("replay", f.name, "--trace", "none")
        self.assertEqual(r.returncode, EXIT_OK, r.stdout + r.stderr)
        self.assertIn("replay: clean after 5 steps", r.stdout)
        self.assertIn("power cycle", r.stdout)
        self.assertIn("the driver booted again to EL1", r.stdout)

    def assert_one_line_error(self, r, code, fragment):
        self.assertEqual(r.returncode, code, r.stdout + r.stderr)
        lines = r.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, r.stderr)
        self.assertTrue(lines[0].startswith("el2emu: "), lines[0])
        self.assertIn(fragment, lines[0])

    def test_bad_command_lines_and_inputs(self):
        with tempfile.TemporaryDirectory() as d:
            bad_repro = write(os.path.join(d, "bad.repro"),
                              "format el2emu-fuzz-1\nstub x\nvectors 0\nhvc #0 x9=1\n")
            bad_reg = write(os.path.join(d, "reg.repro"),
                            f"format el2emu-fuzz-1\nstub {REFERENCE}\nvectors 0x40000000\n"
                            "msr hcr_el2 0x1\n")
            good = write(os.path.join(d, "good.repro"),
                         f"format el2emu-fuzz-1\nstub {REFERENCE}\nvectors 0x40000000\n")
            not_elf = write(os.path.join(d, "not.elf"), "not an ELF at all" * 8)
            cases = [
                (("fuzz",), EXIT_USAGE, "needs --stub"),
                (("fuzz", REFERENCE), EXIT_USAGE, "--stub"),
                (("fuzz", "--stub", REFERENCE, "--contract", "arm32"), EXIT_USAGE,
                 "unknown contract"),
                (("fuzz", "--stub", REFERENCE, "--runs", "many"), EXIT_USAGE, "--runs"),
                (("fuzz", "--stub", REFERENCE, "--max-steps", "0"), EXIT_USAGE, "--max-steps"),
                (("fuzz", "--stub", REFERENCE, "--cpu", "z80"), EXIT_USAGE, "unknown CPU model"),
                (("fuzz", "--stub", REFERENCE, "--bogus"), EXIT_USAGE, "unknown option"),
                (("fuzz", "--stub", "/nonexistent.elf"), EXIT_NO_INPUT, "cannot open"),
                (("fuzz", "--stub", not_elf), EXIT_BAD_IMAGE, "not an ELF"),
                (("fuzz", "--stub", REFERENCE, "--vectors", "nosuch"), EXIT_BAD_IMAGE,
                 "no symbol 'nosuch'"),
                (("replay",), EXIT_USAGE, "one reproducer"),
                (("replay", "/nonexistent.repro"), EXIT_NO_INPUT, "cannot open"),
                (("replay", bad_repro), EXIT_BAD_IMAGE, "line 4: unknown field 'x9'"),
                (("replay", bad_reg), EXIT_BAD_IMAGE, "no EL1 register 'hcr_el2'"),
                (("replay", not_elf), EXIT_BAD_IMAGE, "not an el2emu fuzz reproducer"),
                (("replay", good, "--trace", "bogus"), EXIT_USAGE, "--trace"),
                (("replay", good, "--call-budget", "0"), EXIT_USAGE, "--call-budget"),
            ]
            for args, code, fragment in cases:
                with self.subTest(args=args):
                    self.assert_one_line_error(el2emu(*args), code, fragment)

    def test_help(self):
        for cmd in ("fuzz", "replay"):
            r = el2emu(cmd, "--help")
            self.assertEqual(r.returncode, EXIT_OK)
            self.assertIn("usage: el2emu " + cmd, r.stdout)

    def test_closed_stdin(self):
        with tempfile.TemporaryDirectory() as d:
            r = subprocess.run([EL2EMU, "fuzz", "--stub", REFERENCE, "--out", d, "--runs", "100"],
                               capture_output=True, text=True, timeout=120, stdin=None,
                               preexec_fn=lambda: os.close(0))
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)


if __name__ == "__main__":
    unittest.main()
