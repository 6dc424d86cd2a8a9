"""el2emu fuzz on the real Linux EL2 stubs (Debian's linux-source-6.1 and
-6.12, built once by tools/build-linux-hyp-stub like stubs:linux_stub_test):
each runs clean under its own contract, on a core without and with VHE.
Skipped when the source package cannot be obtained."""
import os
import subprocess
import tempfile
import unittest

EL2EMU = os.path.join(os.getcwd(), "tools/el2emu")
BUILD = os.path.join(os.getcwd(), "tools/build-linux-hyp-stub")


def build_stub(version):
    env = dict(os.environ)
    env.setdefault("EL2EMU_CACHE", "/var/tmp/el2emu-cache")
    r = subprocess.run([BUILD, version], capture_output=True, text=True, env=env, timeout=3600)
    if r.returncode == 2:
        raise unittest.SkipTest(f"linux-source-{version} unavailable: {r.stderr.strip()}")
    if r.returncode != 0:
        raise AssertionError(f"building the {version} stub failed:\n{r.stderr[-4000:]}")
    return r.stdout.strip().splitlines()[-1]


class LinuxFuzzTest(unittest.TestCase):
    def check(self, version):
        stub = build_stub(version)
        for cpu in ("cortex-a57", "max"):
            with self.subTest(cpu=cpu), tempfile.TemporaryDirectory() as d:
                r = subprocess.run([EL2EMU, "fuzz", "--stub", stub, "--contract",
                                    f"linux-{version}", "--cpu", cpu, "--runs", "5000", "--out", d],
                                   capture_output=True, text=True, timeout=600,
                                   stdin=subprocess.DEVNULL)
                print(r.stdout)
                self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
                self.assertIn("; clean", r.stdout)

    def test_linux_6_1(self):
        self.check("6.1")

    def test_linux_6_12(self):
        self.check("6.12")


if __name__ == "__main__":
    unittest.main()
