"""Runs the MMU images under QEMU (virt, EL3+EL2, cortex-a57): they must give
the result they give under el2emu (mmu_images_test.cc). Skips cleanly when
qemu-system-aarch64 is not installed."""
import os
import unittest

from tests.qemu.qemu_virt import QEMU, SKIP_REASON, run_el3_image

IMAGES = os.path.join(os.getcwd(), "tests/mmu")
# QEMU may drop TLB entries el2emu keeps (it flushes on ASID changes), so
# only the PASS line is compared, not the count of stale reads.
PASSING = ["mmu_el1", "mmu_el2"]
# image -> the check QEMU 7.2 fails: it does no Device-memory alignment checks
# (with the MMU off all data accesses are Device-nGnRnE; Arm ARM B2.5.2).
QEMU_DIVERGES = {"mmu_align": "mmu_align.c:15"}


def run_qemu(image):
    return run_el3_image(os.path.join(IMAGES, image + ".elf"))


@unittest.skipIf(QEMU is None, SKIP_REASON)
class QemuDiffTest(unittest.TestCase):
    def test_images_pass_under_qemu_as_under_el2emu(self):
        for image in PASSING:
            with self.subTest(image=image):
                code, out = run_qemu(image)
                self.assertEqual(code, 0, out)
                self.assertTrue(out.endswith(f"PASS {image}\n"), out)

    def test_known_divergences_still_diverge(self):
        for image, failed_check in QEMU_DIVERGES.items():
            with self.subTest(image=image):
                code, out = run_qemu(image)
                self.assertEqual(code, 1, out)
                self.assertIn(failed_check, out)


if __name__ == "__main__":
    unittest.main()
