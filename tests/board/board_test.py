"""Board images (tests/board) on el2emu's virt board and on QEMU's virt
machine (virtualization=on, gic-version=3): each image checks itself and must
pass on both, printing the same lines (semihosting) and the same UART text."""
import os
import subprocess
import unittest

from tests.qemu.qemu_virt import QEMU, SKIP_REASON, run_el2_virt_image

HERE = os.path.join(os.getcwd(), "tests/board")
EL2EMU = os.path.join(os.getcwd(), "tools/el2emu")
# image -> cores
IMAGES = {"gic_timer": 1, "sea": 1}


def el2emu(image, smp):
    r = subprocess.run([EL2EMU, "run", "--board", "virt", "--smp", str(smp),
                        os.path.join(HERE, image + ".elf")],
                       capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    return r.returncode, r.stdout, r.stderr


def split_uart(lines):
    """el2emu prints semihosting and the UART both on stdout: the images'
    UART lines start with "uart:"."""
    uart = [l for l in lines if l.startswith("uart:")]
    return [l for l in lines if not l.startswith("uart:")], uart


class BoardImagesTest(unittest.TestCase):
    def test_images_pass_on_el2emu(self):
        for image, smp in IMAGES.items():
            with self.subTest(image=image):
                code, out, err = el2emu(image, smp)
                self.assertEqual(code, 0, out + err)
                self.assertIn(f"{image}: all checks passed", out)

    def test_external_aborts_are_counted(self):
        r = subprocess.run([EL2EMU, "run", "--board", "virt", "--stats",
                            os.path.join(HERE, "sea.elf")],
                           capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertRegex(r.stderr, r"core 0: \d+ cycles, \d+ instructions, 4 external aborts")

    @unittest.skipUnless(QEMU, SKIP_REASON)
    def test_images_match_qemu(self):
        for image, smp in IMAGES.items():
            with self.subTest(image=image):
                code, out, _ = el2emu(image, smp)
                semihosting, uart = split_uart(out.splitlines())
                q_code, q_semihosting, q_uart = run_el2_virt_image(
                    os.path.join(HERE, image + ".elf"), smp=smp)
                self.assertEqual(q_code, 0, q_semihosting)
                self.assertEqual(semihosting, q_semihosting.splitlines())
                self.assertEqual(uart, q_uart.splitlines())


if __name__ == "__main__":
    unittest.main()
