"""Runs a self-checking bare-metal image under qemu-system-aarch64's virt board
with EL3 and EL2 (QEMU starts an ELF -kernel at EL3 at its entry point), for
the QEMU differential tests. Semihosting output arrives on stderr."""
import shutil
import subprocess

QEMU = shutil.which("qemu-system-aarch64")
SKIP_REASON = "qemu-system-aarch64 is not installed: QEMU differential skipped"


def run_el3_image(elf, timeout=60):
    """Returns (exit code, output), or (None, "timeout")."""
    cmd = [
        QEMU, "-M", "virt,virtualization=on,secure=on", "-cpu", "cortex-a57", "-m", "1G",
        "-nographic", "-monitor", "none", "-serial", "none", "-nic", "none",
        "-semihosting-config", "enable=on,target=native",
        "-kernel", elf,
    ]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    return r.returncode, r.stderr + r.stdout
