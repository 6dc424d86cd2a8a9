"""tools/trace_report on a traced run of tests/gdb/hvc_calls.S.

The image's numbers, from its source: EL2 runs 16 instructions of set-up
(through the ERET to EL1) and, per call, the vector's branch, the handler's
lsr, (subs, b.ne) x (x0 >> 4), add and eret: a round trip of 2 * (x0 >> 4) + 4
instructions counted from the HVC. EL1 makes 12 instructions of calls plus 5
to exit (adr, ldr, mov, adr, hlt).
"""
import json
import os
import subprocess
import tempfile
import unittest

EL2EMU = os.path.join(os.getcwd(), "tools/el2emu")
REPORT = os.path.join(os.getcwd(), "tools/trace_report")
IMAGE = os.path.join(os.getcwd(), "tests/gdb/hvc_calls.elf")

CALLS = {0x10: 3, 0x20: 2, 0x30: 1}


def round_trip(x0):
    return 2 * (x0 >> 4) + 4


class TraceReportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.trace = os.path.join(cls.tmp.name, "trace.jsonl")
        r = subprocess.run([EL2EMU, "run", IMAGE, "--entry-el", "2", "--trace", "insn,exc",
                            "--trace-format", "jsonl", "--trace-file", cls.trace],
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 5, r.stderr

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def report(self, *args):
        r = subprocess.run([REPORT, self.trace, *args], capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout

    def test_numbers_match_the_image(self):
        rep = json.loads(self.report("--json"))
        el2 = 16 + sum(n * (round_trip(x0)) for x0, n in CALLS.items())
        self.assertEqual(rep["residency"], {"0": {"1": 17, "2": el2}})
        self.assertEqual(rep["exceptions"],
                         [{"class": "HVC64", "from_el": 1, "to_el": 2, "count": 6}])
        calls = {int(h["x0"], 16): h for h in rep["hypercalls"]}
        self.assertEqual(set(calls), set(CALLS))
        for x0, n in CALLS.items():
            rt = round_trip(x0)
            self.assertEqual((calls[x0]["calls"], calls[x0]["min"], calls[x0]["median"],
                              calls[x0]["max"]), (n, rt, rt, rt), hex(x0))

    def test_text_report(self):
        out = self.report()
        self.assertIn("core 0: EL1 17", out)
        self.assertIn("HVC64", out)
        self.assertIn("x0=0x20 calls      2  min 8 median 8 max 8", out)

    def test_plot_writes_a_png(self):
        png = os.path.join(self.tmp.name, "report.png")
        self.report("--plot", png)
        with open(png, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
        self.assertGreater(os.path.getsize(png), 1000)

    def test_exception_only_trace(self):
        path = os.path.join(self.tmp.name, "exc.jsonl")
        r = subprocess.run([EL2EMU, "run", IMAGE, "--entry-el", "2", "--trace", "exc",
                            "--trace-format", "jsonl", "--trace-file", path],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 5, r.stderr)
        r = subprocess.run([REPORT, path], capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("no insn events", r.stdout)
        self.assertIn("x0=0x30 calls      1  min 10 median 10 max 10", r.stdout)


if __name__ == "__main__":
    unittest.main()
