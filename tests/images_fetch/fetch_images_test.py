"""tools/fetch-images: the Debian arm64 kernel Image, static busybox, initramfs.

Needs Debian's mirror unless the cache (/var/tmp/el2emu-cache/images, or
$EL2EMU_CACHE/images) already holds the files; skips when the script exits 3
(mirror unreachable), with its one-line message.
"""
import gzip
import os
import stat
import subprocess
import tempfile
import unittest

ARM64_MAGIC = b"ARM\x64"
EM_AARCH64 = 183
PT_INTERP = 3
BANNER = "el2emu initramfs: shell ready"
UNREACHABLE = 3


def find_script():
    # Runfiles (data = ["//tools:fetch-images"]), else the source tree: the test
    # is tagged "local", so its runfiles are symlinks into the workspace.
    here = os.path.join(os.getcwd(), "tools", "fetch-images")
    if os.path.exists(here):
        return here
    src = os.path.realpath(__file__)
    return os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(src))),
                        "tools", "fetch-images")


SCRIPT = find_script()


def run(*args, env=None, timeout=1200):
    return subprocess.run(["/usr/bin/python3", SCRIPT, *args], capture_output=True, text=True,
                          env=env, timeout=timeout)


def parse_newc(data):
    """{name: (mode, rdevmajor, rdevminor, bytes)} of a newc cpio archive."""
    entries, off = {}, 0
    while True:
        assert data[off:off + 6] == b"070701", f"bad newc magic at {off}"
        f = [int(data[off + 6 + 8 * i:off + 14 + 8 * i], 16) for i in range(13)]
        mode, filesize, rmaj, rmin, namesize = f[1], f[6], f[9], f[10], f[11]
        name = data[off + 110:off + 110 + namesize - 1].decode()
        assert data[off + 110 + namesize - 1] == 0
        off = (off + 110 + namesize + 3) & ~3
        body = data[off:off + filesize]
        off = (off + filesize + 3) & ~3
        if name == "TRAILER!!!":
            return entries
        entries[name] = (mode, rmaj, rmin, body)


class FetchImagesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        r = run()
        if r.returncode == UNREACHABLE:
            raise unittest.SkipTest(r.stderr.strip().splitlines()[-1])
        assert r.returncode == 0, r.stderr
        cls.paths = r.stdout.splitlines()

    def test_prints_kernel_then_busybox(self):
        self.assertEqual(len(self.paths), 2, self.paths)
        self.assertIn("/boot/vmlinuz-", self.paths[0])
        self.assertTrue(self.paths[1].endswith("/bin/busybox"))
        for p in self.paths:
            self.assertTrue(os.path.isabs(p) and os.path.isfile(p), p)

    def test_kernel_is_an_arm64_image(self):
        with open(self.paths[0], "rb") as f:
            head = f.read(64)
        self.assertEqual(head[0x38:0x3C], ARM64_MAGIC)
        image_size = int.from_bytes(head[16:24], "little")
        self.assertGreater(image_size, 0)
        self.assertGreater(os.path.getsize(self.paths[0]), 1 << 20)

    def test_busybox_is_a_static_aarch64_elf(self):
        with open(self.paths[1], "rb") as f:
            elf = f.read(1 << 16)
        self.assertEqual(elf[:4], b"\x7fELF")
        self.assertEqual(elf[4], 2)  # ELFCLASS64
        self.assertEqual(elf[5], 1)  # little-endian
        self.assertEqual(int.from_bytes(elf[18:20], "little"), EM_AARCH64)
        phoff = int.from_bytes(elf[32:40], "little")
        phentsize = int.from_bytes(elf[54:56], "little")
        phnum = int.from_bytes(elf[56:58], "little")
        types = [int.from_bytes(elf[phoff + i * phentsize:phoff + i * phentsize + 4], "little")
                 for i in range(phnum)]
        self.assertNotIn(PT_INTERP, types, "busybox is not static")

    def test_second_run_is_cached(self):
        r = run()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), self.paths)
        self.assertNotIn("apt-get", r.stderr)  # no update, no download

    def test_what_and_print_version(self):
        r = run("--what", "busybox")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), self.paths[1:])
        r = run("--what", "kernel", "--print-version")
        self.assertEqual(r.returncode, 0, r.stderr)
        pkg, version = r.stdout.split()
        self.assertRegex(pkg, r"^linux-image-.*-arm64")
        self.assertTrue(version)
        r = run("--print-version")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(len(lines), 2)
        self.assertTrue(lines[1].startswith("busybox-static "), lines)

    def test_initramfs(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "initramfs.cpio.gz")
            r = run("--initramfs", out)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stdout.strip(), out)
            with gzip.open(out) as f:
                entries = parse_newc(f.read())
        mode, _, _, init = entries["init"]
        self.assertTrue(stat.S_ISREG(mode))
        self.assertEqual(mode & 0o111, 0o111)
        init = init.decode()
        self.assertTrue(init.startswith("#!/bin/sh\n"))
        self.assertIn(BANNER, init)
        self.assertIn("mount -t proc", init)
        mode, major, minor, _ = entries["dev/console"]
        self.assertTrue(stat.S_ISCHR(mode))
        self.assertEqual((major, minor), (5, 1))
        mode, _, _, busybox = entries["bin/busybox"]
        self.assertTrue(stat.S_ISREG(mode))
        self.assertEqual(mode & 0o111, 0o111)
        with open(self.paths[1], "rb") as f:
            self.assertEqual(busybox, f.read())
        for name, target in (("bin/sh", "busybox"), ("sbin/poweroff", "../bin/busybox")):
            mode, _, _, body = entries[name]
            self.assertTrue(stat.S_ISLNK(mode), name)
            self.assertEqual(body.decode(), target)
        for d in ("dev", "proc", "sys"):
            self.assertTrue(stat.S_ISDIR(entries[d][0]), d)

    def test_unreachable_mirror_exits_3(self):
        # Nothing listens on port 9 (discard): apt's connection is refused.
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, EL2EMU_CACHE=tmp)
            r = run("--mirror", "http://127.0.0.1:9/debian", env=env, timeout=600)
        self.assertEqual(r.returncode, UNREACHABLE, r.stderr)
        self.assertEqual(r.stdout, "")
        self.assertRegex(r.stderr.strip().splitlines()[-1],
                         r"^fetch-images: cannot reach the Debian mirror: \S")


if __name__ == "__main__":
    unittest.main()
