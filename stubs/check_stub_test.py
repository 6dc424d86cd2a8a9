"""el2emu check-stub on the reference stub and the mutation corpus.

The reference stub must pass every AArch64 contract; each mutant
(stubs/mutants/NAME.mut) must fail with the rule ids its 'expect' lines name,
and pass the contracts its 'pass' lines name. Exit codes: README.md.
"""
import glob
import os
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

EL2EMU = os.path.join(os.getcwd(), "tools/el2emu")
STUBS = os.path.join(os.getcwd(), "stubs")
EXIT_OK, EXIT_USAGE, EXIT_BAD_IMAGE, EXIT_CHECK_FAILED = 0, 64, 65, 73


def check_stub(*args):
    return subprocess.run([EL2EMU, "check-stub", *args], capture_output=True, text=True, timeout=120)


def failing_rules(stdout):
    return {line.split()[1] for line in stdout.splitlines() if line.startswith("  FAIL ")}


def mutants():
    for path in sorted(glob.glob(os.path.join(STUBS, "mutants", "*.mut"))):
        name = os.path.basename(path)[:-4]
        expects, passes = [], []
        for line in open(path):
            if line.startswith("expect "):
                expects.append(tuple(line.split()[1:3]))
            elif line.startswith("pass "):
                passes.append(line.split()[1])
        yield name, expects, passes


class CheckStubTest(unittest.TestCase):
    def test_reference_stub_passes_every_contract(self):
        for contract in ("doc", "linux-6.1", "linux-6.12"):
            with self.subTest(contract=contract):
                r = check_stub(f"{STUBS}/reference_stub_image.elf", "--contract", contract)
                self.assertEqual(r.returncode, EXIT_OK, r.stdout + r.stderr)
                self.assertIn("result: PASS", r.stdout)
                self.assertEqual(failing_rules(r.stdout), set())

    def test_output_is_deterministic(self):
        a = check_stub(f"{STUBS}/mutant_clobber_x19.elf")
        b = check_stub(f"{STUBS}/mutant_clobber_x19.elf")
        self.assertEqual(a.stdout, b.stdout)

    def test_corpus_has_at_least_twelve_mutants(self):
        self.assertGreaterEqual(len(list(mutants())), 12)

    def test_every_mutant_is_caught_with_its_rule(self):
        for name, expects, passes in mutants():
            self.assertTrue(expects, f"{name}.mut has no 'expect' line")
            for contract, rule in expects:
                with self.subTest(mutant=name, contract=contract):
                    with tempfile.NamedTemporaryFile(suffix=".xml") as junit:
                        r = check_stub(f"{STUBS}/mutant_{name}.elf", "--contract", contract,
                                       "--junit", junit.name)
                        self.assertEqual(r.returncode, EXIT_CHECK_FAILED, r.stdout + r.stderr)
                        self.assertIn(rule, failing_rules(r.stdout), r.stdout)
                        failed = {tc.get("name") for tc in ET.parse(junit.name).iter("testcase")
                                  if tc.find("failure") is not None}
                        self.assertIn(rule, failed)
            for contract in passes:
                with self.subTest(mutant=name, contract=contract, expect="pass"):
                    r = check_stub(f"{STUBS}/mutant_{name}.elf", "--contract", contract)
                    self.assertEqual(r.returncode, EXIT_OK, r.stdout + r.stderr)

    def test_junit_for_a_passing_stub(self):
        with tempfile.NamedTemporaryFile(suffix=".xml") as junit:
            r = check_stub(f"{STUBS}/reference_stub_image.elf", "--junit", junit.name)
            self.assertEqual(r.returncode, EXIT_OK, r.stderr)
            suite = ET.parse(junit.name).getroot().find("testsuite")
            self.assertEqual(suite.get("name"), "check-stub.doc")
            self.assertEqual(suite.get("failures"), "0")
            self.assertIn("preserve.x19-x29", {tc.get("name") for tc in suite.iter("testcase")})

    def test_vectors_option_and_errors(self):
        r = check_stub(f"{STUBS}/reference_stub_image.elf", "--vectors", "0x40000000")
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        r = check_stub(f"{STUBS}/reference_stub_image.elf", "--vectors", "no_such_symbol")
        self.assertEqual(r.returncode, EXIT_BAD_IMAGE)
        self.assertIn("no symbol 'no_such_symbol'", r.stderr)
        r = check_stub(f"{STUBS}/reference_stub_image.elf", "--contract", "arm32")
        self.assertEqual(r.returncode, EXIT_USAGE)
        self.assertIn("AArch32", r.stderr)
        r = check_stub(f"{STUBS}/reference_stub_image.elf", "--contract", "nope")
        self.assertEqual(r.returncode, EXIT_USAGE)


if __name__ == "__main__":
    unittest.main()
