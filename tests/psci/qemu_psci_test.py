"""The PSCI suite under QEMU's built-in PSCI, against el2emu's transcript.

QEMU's virt board with virtualization=on (and secure=off) starts an ELF
-kernel at EL2 on core 0, keeps the other cores off, and serves PSCI over SMC
itself. The suite (tests/psci/suite/) runs there as on el2emu's built-in
firmware:

* psci_suite.elf: every line must match el2emu's, except the ANSWER lines
  (full register dumps; QEMU leaves x1..x3 alone) and the checks listed in
  QEMU_DIVERGENCES.md, which must fail under QEMU exactly as recorded (if one
  starts passing, QEMU changed and the entry should go). The run then ends
  with "FAILED: 7 checks" and exit code 1.
* psci_suite_portable.elf (the KVM-specific checks skipped): the transcript
  must equal el2emu's line for line, and QEMU's SYSTEM_OFF ends it with 0.

el2emu runs through its CLI, on the built-in firmware and on the guest EL3
firmware (psci/firmware/), which must agree too. The guest firmware also runs
under QEMU with EL3 (secure=on: no QEMU PSCI, every core starts at the
firmware's entry) and must give el2emu's transcript exactly. The QEMU tests
are skipped without QEMU.
"""
import os
import shutil
import subprocess
import unittest

EL2EMU = os.path.join(os.getcwd(), "tools/el2emu")
SUITE = os.path.join(os.getcwd(), "tests/psci/psci_suite.elf")
PORTABLE = os.path.join(os.getcwd(), "tests/psci/psci_suite_portable.elf")
FIRMWARE = os.path.join(os.getcwd(), "psci/firmware/psci_firmware.elf")
QEMU = shutil.which("qemu-system-aarch64")

NOT_SUPPORTED = "0xffffffffffffffff"
ZERO = "0x0000000000000000"
# check name -> (QEMU's answer, KVM's answer): QEMU_DIVERGENCES.md.
QEMU_DIVERGES = {
    "PSCI_FEATURES(SMCCC_VERSION)": (NOT_SUPPORTED, ZERO),
    "PSCI_FEATURES(SYSTEM_RESET2_64)": (NOT_SUPPORTED, ZERO),
    "PSCI_FEATURES(0.1 CPU_SUSPEND) unsupported": (ZERO, NOT_SUPPORTED),
    "SMCCC_VERSION = 1.1": (NOT_SUPPORTED, "0x0000000000010001"),
    "SMC #1 (reserved immediate) -> NOT_SUPPORTED": ("0x0000000000010001", NOT_SUPPORTED),
    "function id read from w0 (x0 bits 63:32 ignored)": (NOT_SUPPORTED, "0x0000000000010001"),
    "AFFINITY_INFO64(level 4) -> INVALID_PARAMS": (ZERO, "0xfffffffffffffffe"),
}


def run(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    return r.returncode, r.stdout


def el2emu_builtin(image):
    return run([EL2EMU, "run", image, "--no-el3", "--smp", "4", "--psci-conduit", "smc"])


def el2emu_guest_firmware(image):
    return run([EL2EMU, "run", FIRMWARE, image, "--smp", "4", "--no-psci",
                "--secondaries", "at-entry"])


# QEMU 7.2's CPU_ON race (QEMU_DIVERGENCES.md): now and then both racers win.
QEMU_RACE = "FAIL   exactly one racer got SUCCESS: got 0x0000000000000002"
QEMU_RACE_RETRIES = 5


def qemu_guest_firmware(image):
    """QEMU with EL3 (secure=on) has no PSCI of its own and starts every core
    at the -kernel ELF's entry at EL3, as real hardware would: the guest
    firmware boots there and serves the payload, loaded at its link address."""
    return qemu_once(FIRMWARE, ["-device", f"loader,file={image}"], secure=True)


def qemu(image):
    """Runs `image` under QEMU, again while QEMU's own CPU_ON race shows."""
    for _ in range(QEMU_RACE_RETRIES):
        code, out = qemu_once(image)
        if QEMU_RACE not in out:
            break
        print(f"QEMU's CPU_ON race showed up; running {os.path.basename(image)} again")
    return code, out


def qemu_once(image, extra=(), secure=False):
    """Semihosting output goes to stderr; the serial port is unused."""
    machine = "virt,virtualization=on" + (",secure=on" if secure else "")
    try:
        r = subprocess.run(
            [QEMU, "-M", machine, "-cpu", "cortex-a57", "-smp", "4", "-m", "1G",
             "-nographic", "-monitor", "none", "-serial", "none", "-nic", "none",
             "-semihosting-config", "enable=on,target=native", "-kernel", image, *extra],
            capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    return r.returncode, r.stderr + r.stdout


def expected_under_qemu(el2emu_out):
    """el2emu's transcript as QEMU should print it: no ANSWER lines, the
    recorded divergences failing, and the run ending on the failure count."""
    lines = []
    for line in el2emu_out.splitlines(keepends=True):
        if line.startswith("ANSWER "):
            continue
        name = line[len("PASS "):-1] if line.startswith("PASS ") else None
        if name in QEMU_DIVERGES:
            got, want = QEMU_DIVERGES[name]
            line = f"FAIL {name}: got {got} want {want}\n"
        if line == "all checks passed; PSCI SYSTEM_OFF\n":
            line = f"FAILED: {len(QEMU_DIVERGES)} checks\n"
        lines.append(line)
    return "".join(lines)


class El2emuFirmwareTest(unittest.TestCase):
    def test_builtin_and_guest_firmware_agree_through_the_cli(self):
        for image in (SUITE, PORTABLE):
            with self.subTest(image=os.path.basename(image)):
                builtin = el2emu_builtin(image)
                self.assertEqual(builtin[0], 0, builtin[1])
                self.assertNotIn("FAIL", builtin[1])
                self.assertEqual(el2emu_guest_firmware(image), builtin)

    def test_secondaries_option_rejects_other_values(self):
        r = subprocess.run([EL2EMU, "run", SUITE, "--secondaries", "sometimes"],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 64)
        self.assertIn("expected off or at-entry", r.stderr)


@unittest.skipIf(QEMU is None, "qemu-system-aarch64 is not installed: QEMU differential skipped")
class QemuPsciTest(unittest.TestCase):
    def test_full_suite_matches_except_recorded_divergences(self):
        code, reference = el2emu_builtin(SUITE)
        self.assertEqual(code, 0, reference)
        code, out = qemu(SUITE)
        out = "".join(l for l in out.splitlines(keepends=True) if not l.startswith("ANSWER "))
        self.assertEqual(out, expected_under_qemu(reference))
        self.assertEqual(code, 1)

    def test_portable_suite_is_identical_and_system_off_exits_0(self):
        code, reference = el2emu_builtin(PORTABLE)
        self.assertEqual(code, 0, reference)
        self.assertEqual(qemu(PORTABLE), (0, reference))

    def test_guest_firmware_under_qemu_matches_el2emu_exactly(self):
        # The guest firmware on QEMU's cores gives el2emu's transcript, ANSWER
        # lines included, and its SYSTEM_OFF exits 0.
        code, reference = el2emu_builtin(SUITE)
        self.assertEqual(code, 0, reference)
        self.assertEqual(qemu_guest_firmware(SUITE), (0, reference))


if __name__ == "__main__":
    unittest.main()
