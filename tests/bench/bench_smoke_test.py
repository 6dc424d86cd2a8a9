"""Smoke test of tools/bench: it lists its cases, and --quick runs every
benchmark image in el2emu up to a small instruction limit. It measures
nothing (timings belong to docs/PERFORMANCE.md, not to a test), so it cannot
fail on a busy machine."""
import json
import os
import subprocess
import tempfile
import unittest

RUNFILES = os.path.join(os.environ.get("TEST_SRCDIR", ""), "el2emu")
BENCH = os.path.join(RUNFILES, "tools", "bench")
EL2EMU = os.path.join(RUNFILES, "tools", "el2emu")
IMAGES = os.path.join(RUNFILES, "tests", "bench")
BARE_METAL = ["loop", "hvc", "tlb_miss", "memcpy", "exceptions"]


def bench(*args):
    return subprocess.run([BENCH, *args], capture_output=True, text=True, timeout=120)


class BenchSmokeTest(unittest.TestCase):
    def test_help(self):
        r = bench("--help")
        self.assertEqual(r.returncode, 0, r.stderr)
        for option in ["--runs", "--cases", "--sides", "--json", "--png", "--quick", "--list"]:
            self.assertIn(option, r.stdout)

    def test_list_names_every_case(self):
        r = bench("--list")
        self.assertEqual(r.returncode, 0, r.stderr)
        names = [line.split()[0] for line in r.stdout.splitlines()]
        self.assertEqual(names, BARE_METAL + ["uboot", "linux"])

    def test_quick_runs_every_image_in_el2emu(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "bench.json")
            r = bench("--quick", "--el2emu", EL2EMU, "--images", IMAGES, "--json", out)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertNotIn("left out", r.stderr)
            with open(out) as f:
                rows = json.load(f)["rows"]
        self.assertEqual([row["case"] for row in rows], BARE_METAL)
        for row in rows:
            # Stopped by --quick's limit: every image does far more work.
            self.assertEqual(row["insns"], 2_000_000, row)
            self.assertIn("off", row)
            self.assertNotIn("qemu", row)
            self.assertGreater(row["off"]["rss_mib"], 0)


if __name__ == "__main__":
    unittest.main()
