"""tools/trace_report on a traced run of tests/gdb/hvc_calls.S.

The image's numbers, from its source: EL2 runs 16 instructions of set-up
(through the ERET to EL1) and, per call, the vector's branch, the handler's
lsr, (subs, b.ne) x (x0 >> 4), add and eret: a round trip of 2 * (x0 >> 4) + 4
instructions counted from the HVC. EL1 makes 12 instructions of calls plus 5
to exit (adr, ldr, mov, adr, hlt).

The event sections use tests/gdb/watch_target.c (stage 1 on at EL2: one
TTBR0_EL2 write, TLBI ALLE2, SCTLR_EL2.M set), the demo image (PSCI on SMC
through the built-in firmware) and tests/board/gic_timer.c (IRQs on the virt
board).
"""
import json
import os
import subprocess
import tempfile
import unittest

EL2EMU = os.path.join(os.getcwd(), "tools/el2emu")
REPORT = os.path.join(os.getcwd(), "tools/trace_report")
IMAGE = os.path.join(os.getcwd(), "tests/gdb/hvc_calls.elf")
WATCH = os.path.join(os.getcwd(), "tests/gdb/watch_target.elf")
DEMO = os.path.join(os.getcwd(), "tools/demo_image.elf")
GIC = os.path.join(os.getcwd(), "tests/board/gic_timer.elf")

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

    def traced(self, name, *args, code=0):
        """Runs el2emu with a JSON-lines trace into `name`; returns its path."""
        path = os.path.join(self.tmp.name, name)
        r = subprocess.run([EL2EMU, "run", *args, "--trace-format", "jsonl", "--trace-file", path],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, code, r.stderr)
        return path

    def report_of(self, path, *args):
        r = subprocess.run([REPORT, path, *args], capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout) if "--json" in args else r.stdout

    def test_hvc_events_alone_give_the_same_hypercalls_and_el_changes(self):
        path = self.traced("hvc.jsonl", IMAGE, "--entry-el", "2", "--trace", "hvc,el", code=5)
        rep = self.report_of(path, "--json")
        full = json.loads(self.report("--json"))
        self.assertEqual(rep["hypercalls"], full["hypercalls"])
        self.assertEqual(rep["el_changes"],
                         [{"from_el": 1, "to_el": 2, "cause": "HVC64", "count": 6},
                          {"from_el": 2, "to_el": 1, "cause": "eret", "count": 7}])
        self.assertEqual(rep["abi"], {"verdicts": [], "failures": []})

    def test_abi_verdicts_per_hypercall(self):
        # hvc_calls' handler returns x0 + 1: neither 0 nor HVC_STUB_ERR.
        path = self.traced("abi.jsonl", IMAGE, "--entry-el", "2", "--trace", "hvc",
                           "--check-abi", "doc", code=5)
        rep = self.report_of(path, "--json")
        self.assertEqual(rep["abi"]["verdicts"],
                         [{"x0": hex(x0), "passed": 0, "failed": n} for x0, n in CALLS.items()])
        self.assertEqual(len(rep["abi"]["failures"]), 6)
        self.assertIn("call #6 x0=0x30: return.value: x0 expected 0xbadca11, got 0x31",
                      rep["abi"]["failures"][5])
        text = self.report_of(path)
        self.assertIn("ABI verdicts (--check-abi, by x0):", text)
        self.assertIn("  x0=0x20      passed      0  failed      2", text)

    def test_mmu_tlbi_and_memory_sections(self):
        path = self.traced("mmu.jsonl", WATCH, "--entry-el", "2", "--trace", "insn,mmu,tlbi")
        rep = self.report_of(path, "--json")
        self.assertEqual([(m["regime"], m["change"], m["reg"]) for m in rep["mmu"]],
                         [("EL2", "ttbr0", "TTBR0_EL2"), ("EL2", "enable", "SCTLR_EL2")])
        self.assertEqual(rep["tlbi"], {"ALLE2": 1})
        mem = rep["memory"]["0"]
        # _start clears the BSS (the three 4 KiB tables among it) 8 bytes at a time.
        self.assertGreater(mem["writes"], mem["reads"])
        self.assertGreaterEqual(mem["write_bytes"], 3 * 4096)
        text = self.report_of(path)
        self.assertIn("EL2    stage 1 on", text)
        self.assertIn("  ALLE2                   1", text)
        self.assertIn("Data accesses (insn events):", text)

    def test_psci_and_irq_sections(self):
        path = self.traced("psci.jsonl", DEMO, "--no-el3", "--psci-conduit", "smc", "--smp", "2",
                           "--trace", "psci")
        rep = self.report_of(path, "--json")
        psci = {p["fn"]: p for p in rep["psci"]}
        self.assertEqual(psci["CPU_ON64"]["results"], {"0x0": 1, "0xfffffffffffffffc": 1})
        self.assertEqual(psci["PSCI_VERSION"]["results"], {"0x10001": 1})
        path = self.traced("irq.jsonl", "--board", "virt", GIC, "--trace", "irq")
        rep = self.report_of(path, "--json")
        self.assertEqual(rep["irqs"], [{"kind": "irq", "from_el": 2, "to_el": 2, "count": 5}])
        self.assertEqual(rep["irq_acks"], {"3": 1, "26": 3, "33": 1, "1023": 1})
        self.assertIn("INTID 26     acknowledged      3", self.report_of(path))


if __name__ == "__main__":
    unittest.main()
