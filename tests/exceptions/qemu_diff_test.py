"""Runs the exception-model images under QEMU and checks QEMU's result against
the one el2emu must give (exceptions_test.cc): exit code 0 and "PASS <name>".

Every image checks itself against the Arm ARM. Where QEMU 7.2 is known to
diverge from the architecture (QEMU_DIVERGENCES.md), the image must fail under
QEMU: if it starts passing, QEMU was fixed and the entry should go.
"""
import os
import unittest

from tests.qemu.qemu_virt import QEMU, SKIP_REASON, run_el3_image

IMAGES = os.path.join(os.getcwd(), "tests/exceptions")

# Architectural result (el2emu's, checked by exceptions_test.cc) for each image.
PASSING = [
    "el1_traps",
    "faults",
    "fp_traps",
    "hcr_traps",
    "illegal_state",
    "sync_classes",
    "undefined_cases",
]
# image -> the check QEMU fails (QEMU_DIVERGENCES.md).
QEMU_DIVERGES = {
    "hvc_el3": "hvc_el3.c:20",  # HVC at EL3 taken to EL2.
    "wfe_traps": "wfe_traps.c:27",  # WFE never trapped.
}


def run_qemu(image):
    return run_el3_image(os.path.join(IMAGES, image + ".elf"))


@unittest.skipIf(QEMU is None, SKIP_REASON)
class QemuDiffTest(unittest.TestCase):
    def test_images_pass_under_qemu_as_under_el2emu(self):
        for image in PASSING:
            with self.subTest(image=image):
                code, out = run_qemu(image)
                self.assertEqual((code, out), (0, f"PASS {image}\n"))

    def test_known_divergences_still_diverge(self):
        for image, failed_check in QEMU_DIVERGES.items():
            with self.subTest(image=image):
                code, out = run_qemu(image)
                self.assertEqual(code, 1, out)
                self.assertIn(failed_check, out)


if __name__ == "__main__":
    unittest.main()
