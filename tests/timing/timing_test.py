"""The timing model seen from a guest (issue F9): tests/timing/probe.elf
measures itself with PMCCNTR_EL0. Runs must be deterministic, and the
figures must show what the model is for: a dependent chain costs more than
independent work, cache misses more than hits at every level, random branch
outcomes more than learnable ones; with --timing off, one cycle per
instruction, none of that shows."""
import os
import subprocess
import unittest

EL2EMU = os.path.join(os.getcwd(), "tools/el2emu")
PROBE = os.path.join(os.getcwd(), "tests/timing/probe.elf")


def probe(*args):
    r = subprocess.run([EL2EMU, "run", "--no-el3", *args, PROBE], capture_output=True, text=True,
                       stdin=subprocess.DEVNULL, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout, {k: int(v) / 100 for k, v in (l.split() for l in r.stdout.splitlines())}


class TimingTest(unittest.TestCase):
    def test_deterministic(self):
        for cpu in ("cortex-a53", "cortex-a57"):
            with self.subTest(cpu=cpu):
                self.assertEqual(probe("--cpu", cpu)[0], probe("--cpu", cpu)[0])

    def test_model_relations(self):
        for cpu in ("cortex-a53", "cortex-a57"):
            with self.subTest(cpu=cpu):
                _, f = probe("--cpu", cpu)
                self.assertGreater(f["mul_dependent"], 2 * f["mul_independent"])
                self.assertLess(f["chase_4k"], f["chase_256k"])
                self.assertLess(f["chase_256k"], f["chase_8m"])
                self.assertGreater(f["branch_random"], f["branch_alternating"])
                # A trap to EL2 and back costs at least the two pipeline refills.
                self.assertGreater(f["hvc_round_trip"], 10)

    def test_profiles_differ_where_the_cores_do(self):
        _, a53 = probe("--cpu", "cortex-a53")
        _, a57 = probe("--cpu", "cortex-a57")
        # 64-bit MUL: 3 cycles on the A53, 5 on the A57 (LLVM's models).
        self.assertAlmostEqual(a53["mul_dependent"], 3, delta=0.2)
        self.assertAlmostEqual(a57["mul_dependent"], 5, delta=0.2)
        # L1D load-to-use: 3 on the A53, 4 on the A57.
        self.assertAlmostEqual(a53["chase_4k"], 3, delta=0.2)
        self.assertAlmostEqual(a57["chase_4k"], 4, delta=0.2)

    def test_timing_off_is_one_cycle_per_instruction(self):
        _, f = probe("--timing", "off")
        self.assertEqual(f["chase_4k"], f["chase_8m"])
        self.assertEqual(f["mul_dependent"], f["mul_independent"])


if __name__ == "__main__":
    unittest.main()
