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


def run_el2_virt_image(elf, smp=1, timeout=60):
    """Runs an image on QEMU's virt board as el2emu's `--board virt` models it:
    GICv3, EL2 without EL3 (PSCI over SMC). Returns (exit code, semihosting
    output (stderr), UART output (stdout)), or (None, "timeout", "")."""
    cmd = [
        QEMU, "-M", "virt,virtualization=on,gic-version=3", "-cpu", "cortex-a57", "-m", "1G",
        "-smp", str(smp), "-nographic", "-monitor", "none", "-serial", "stdio", "-nic", "none",
        "-semihosting-config", "enable=on,target=native",
        "-kernel", elf,
    ]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout", ""
    return r.returncode, r.stderr, r.stdout
