"""`el2emu run --trace KINDS`: the instruction trace's data accesses and the
event kinds (hvc, smc, psci, mmu, tlbi, irq, el), in JSON lines and text,
on images whose behaviour is known from their source:

- tests/gdb/watch_target.c: stage 1 on at EL2 (TTBR0_EL2, TLBI ALLE2,
  SCTLR_EL2.M), stores 0x1111 to `watched`, 0x2222 through an alias VA,
  reads it back;
- tests/gdb/hvc_calls.S: six HVCs whose handler returns x0 + 1 (which the
  hyp-stub ABI forbids: `--check-abi doc` fails return.value);
- the demo image (reference stub, PSCI on SMC through the built-in firmware);
- tests/gdb/smc_calls.S: EL2 makes two SMCs to an EL3 handler;
- tests/board/gic_timer.c on the virt board (IRQs, ICC_IAR reads).
"""
import json
import os
import subprocess
import tempfile
import unittest

from tests.gdb.elf_symbols import symbols

EL2EMU = os.path.join(os.getcwd(), "tools/el2emu")
WATCH = os.path.join(os.getcwd(), "tests/gdb/watch_target.elf")
HVC = os.path.join(os.getcwd(), "tests/gdb/hvc_calls.elf")
DEMO = os.path.join(os.getcwd(), "tools/demo_image.elf")
SMC = os.path.join(os.getcwd(), "tests/gdb/smc_calls.elf")
GIC = os.path.join(os.getcwd(), "tests/board/gic_timer.elf")
ALIAS_VA = 0x100000000


def run(*args):
    """Runs el2emu with a JSON-lines trace; returns (exit code, events, stderr)."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "t.jsonl")
        r = subprocess.run([EL2EMU, "run", *args, "--trace-format", "jsonl", "--trace-file", path],
                           capture_output=True, text=True, timeout=120)
        with open(path) as f:
            events = [json.loads(line) for line in f]
    return r.returncode, events, r.stderr


def run_text(*args):
    r = subprocess.run([EL2EMU, "run", *args], capture_output=True, text=True, timeout=120)
    return r.returncode, r.stdout, r.stderr


def of_type(events, kind):
    return [e for e in events if e["type"] == kind]


class MemoryAccessTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sym = symbols(WATCH)
        code, cls.events, err = run(WATCH, "--entry-el", "2", "--trace", "insn")
        assert code == 0, err

    def insns_at(self, name):
        addr = self.sym[name]
        return [e for e in of_type(self.events, "insn") if int(e["pc"], 16) == addr]

    def test_stores_through_stage1_carry_va_pa_size_value(self):
        first, alias = self.insns_at("store64")
        watched = self.sym["watched"]
        self.assertEqual(first["mem"], [{"rw": "w", "va": hex(watched), "pa": hex(watched),
                                         "size": 8, "value": "0x1111"}])
        self.assertEqual(alias["mem"], [{"rw": "w", "va": hex(ALIAS_VA + (watched & 0xFFF)),
                                         "pa": hex(watched), "size": 8, "value": "0x2222"}])
        load, = self.insns_at("load64")
        self.assertEqual(load["mem"], [{"rw": "r", "va": hex(watched), "pa": hex(watched),
                                        "size": 8, "value": "0x2222"}])
        self.assertEqual(load["regs"], {"x0": "0x2222"})

    def test_mmu_off_accesses_have_no_pa_and_others_no_mem(self):
        # _start's first instruction loads __stack_top from a literal pool
        # with the MMU off; its second (mov sp) accesses nothing.
        ldr, mov = self.insns_at("_start")[0], self.events[1]
        self.assertEqual(len(ldr["mem"]), 1)
        self.assertEqual(ldr["mem"][0]["rw"], "r")
        self.assertNotIn("pa", ldr["mem"][0])
        self.assertNotIn("mem", mov)

    def test_text_format(self):
        code, out, err = run_text(WATCH, "--entry-el", "2", "--trace", "insn",
                                  "--trace-range", "store64")
        self.assertEqual(code, 0, err)
        watched = self.sym["watched"]
        self.assertIn(f"[w8 {ALIAS_VA + (watched & 0xFFF):#x} pa {watched:#x} = 0x2222]", out)


class SystemEventTest(unittest.TestCase):
    def test_mmu_and_tlbi_events(self):
        sym = symbols(WATCH)
        code, events, err = run(WATCH, "--entry-el", "2", "--trace", "mmu,tlbi")
        self.assertEqual(code, 0, err)
        self.assertEqual([e["type"] for e in events], ["mmu", "tlbi", "mmu"])
        ttbr, tlbi, enable = events
        self.assertEqual((ttbr["change"], ttbr["reg"], ttbr["regime"]), ("ttbr0", "TTBR0_EL2", "EL2"))
        self.assertEqual(int(ttbr["new"], 16), sym["root"])
        self.assertEqual(tlbi["op"], "ALLE2")
        self.assertNotIn("va", tlbi)
        self.assertEqual((enable["change"], enable["reg"]), ("enable", "SCTLR_EL2"))
        self.assertEqual((int(enable["old"], 16) & 1, int(enable["new"], 16) & 1), (0, 1))
        self.assertLess(ttbr["count"], tlbi["count"])
        self.assertLess(tlbi["count"], enable["count"])
        self.assertTrue(enable["sym"].startswith("main+"))

    def test_irq_entries_and_acknowledged_intids(self):
        code, events, err = run("--board", "virt", GIC, "--trace", "irq")
        self.assertEqual(code, 0, err)
        irqs = of_type(events, "irq")
        self.assertEqual(len(irqs), 5)
        for e in irqs:
            self.assertEqual((e["kind"], e["from_el"], e["to_el"]), ("irq", 2, 2))
            self.assertEqual(e["vector_sym"], "board_vectors+0x280")
        acks = [(e["reg"], e["intid"], e["spurious"]) for e in of_type(events, "irq-ack")]
        # Timer PPI 26 three times, the idle IAR0 read, SGI 3, the UART's SPI 33.
        self.assertEqual(acks, [("ICC_IAR1_EL1", 26, False), ("ICC_IAR0_EL1", 1023, True),
                                ("ICC_IAR1_EL1", 26, False), ("ICC_IAR1_EL1", 26, False),
                                ("ICC_IAR1_EL1", 3, False), ("ICC_IAR1_EL1", 33, False)])


class CallEventTest(unittest.TestCase):
    def test_hvc_call_and_return_with_failing_abi_verdict(self):
        code, events, err = run(HVC, "--entry-el", "2", "--trace", "hvc", "--check-abi", "doc")
        self.assertEqual(code, 5, err)  # The guest's own exit code wins over 73.
        calls = [e for e in of_type(events, "hvc") if e["phase"] == "call"]
        returns = [e for e in of_type(events, "hvc") if e["phase"] == "return"]
        self.assertEqual([int(c["x"][0], 16) for c in calls], [0x10, 0x10, 0x10, 0x20, 0x20, 0x30])
        for c, r in zip(calls, returns):
            self.assertEqual(c["id"], r["id"])
            self.assertEqual((c["from_el"], c["to_el"], r["from_el"], r["to_el"]), (1, 2, 2, 1))
            self.assertEqual(len(c["x"]), 8)
            self.assertEqual(len(r["x"]), 4)
            self.assertEqual(int(r["x"][0], 16), int(c["x"][0], 16) + 1)  # The handler adds 1.
            self.assertEqual(int(r["pc"], 16), int(c["pc"], 16) + 4)
            abi = r["abi"]
            self.assertEqual((abi["call"], abi["outcome"], abi["passed"]), (c["id"], "returned", False))
            self.assertEqual(len(abi["failures"]), 1)
            self.assertTrue(abi["failures"][0].startswith("return.value: x0 expected 0xbadca11"))
        self.assertIn("FAIL   return.value", err)

    def test_hvc_text_and_passing_verdicts_on_the_reference_stub(self):
        code, out, err = run_text(DEMO, "--no-el3", "--psci-conduit", "smc", "--smp", "2",
                                  "--trace", "hvc", "--check-abi", "doc")
        self.assertEqual(code, 0, err)
        returns = [l for l in out.splitlines() if " hvc return " in l]
        self.assertEqual(len(returns), 6)
        for line in returns:
            self.assertRegex(line, r"abi call #\d+ .* returned: PASS \(\d+ rules\)$")
        self.assertIn("abi call #1 RESET_VECTORS(x1=0x0) returned: PASS", out)
        self.assertRegex(out, r"\[0\] hvc #0x0 call 1 EL1->EL2 at 0x[0-9a-f]+ <main\+0x[0-9a-f]+> "
                              r"x0=0x2 x1=0x0 .* x7=0x0\n")

    def test_psci_calls_answered_by_the_builtin_firmware(self):
        code, events, err = run(DEMO, "--no-el3", "--psci-conduit", "smc", "--smp", "2",
                                "--trace", "psci")
        self.assertEqual(code, 0, err)
        calls = [(e["core"], e["fn"], e["conduit"], e["args"][0], e["result"][0])
                 for e in of_type(events, "psci")]
        self.assertEqual(calls[0], (0, "PSCI_VERSION", "smc", "0x0", "0x10001"))
        self.assertIn((0, "CPU_ON64", "smc", "0x1", "0x0"), calls)
        self.assertIn((0, "CPU_ON64", "smc", "0x1", "0xfffffffffffffffc"), calls)  # ALREADY_ON
        self.assertIn((1, "CPU_OFF", "smc", "0x0", "0x0"), calls)
        self.assertEqual(calls[-1][1], "SYSTEM_OFF")
        self.assertEqual(of_type(events, "hvc"), [])

    def test_smc_calls_to_el3(self):
        sym = symbols(SMC)
        code, events, err = run(SMC, "--trace", "smc,psci")
        self.assertEqual(code, 0, err)
        self.assertEqual([(e["phase"], e["id"]) for e in events],
                         [("call", 1), ("return", 1), ("call", 2), ("return", 2)])
        call, ret, unknown, _ = events
        self.assertEqual((call["fn"], call["from_el"], call["to_el"], call["x"][0]),
                         ("PSCI_VERSION", 2, 3, "0x84000000"))
        self.assertEqual(int(call["pc"], 16), sym["el2_entry"] + 4)
        self.assertEqual(int(call["vector"], 16), sym["el3_vectors"] + 0x400)
        self.assertEqual(ret["x"][:2], ["0x10001", "0x7"])
        self.assertEqual(int(ret["pc"], 16), sym["el2_entry"] + 8)
        self.assertNotIn("fn", unknown)  # 0xc2000042 names no SMCCC/PSCI function.


class ElEventTest(unittest.TestCase):
    def test_every_el_change_with_its_cause(self):
        sym = symbols(HVC)
        code, events, err = run(HVC, "--entry-el", "2", "--trace", "el")
        self.assertEqual(code, 5, err)
        changes = [(e["from_el"], e["to_el"], e["cause"]) for e in events]
        self.assertEqual(changes, [(2, 1, "eret")] + [(1, 2, "HVC64"), (2, 1, "eret")] * 6)
        self.assertEqual(int(events[0]["pc"], 16), sym["el1_entry"])
        self.assertEqual(int(events[1]["pc"], 16), sym["hyp_vectors"] + 0x400)

    def test_kinds_combine_and_bad_kinds_are_refused(self):
        code, events, err = run(HVC, "--entry-el", "2", "--trace", "insn,el")
        self.assertEqual(code, 5, err)
        self.assertEqual({e["type"] for e in events}, {"insn", "el"})
        r = subprocess.run([EL2EMU, "run", HVC, "--trace", "insn,bogus"], capture_output=True,
                           text=True, timeout=60)
        self.assertEqual(r.returncode, 64)
        self.assertIn("unknown trace kind 'bogus'", r.stderr)


if __name__ == "__main__":
    unittest.main()
