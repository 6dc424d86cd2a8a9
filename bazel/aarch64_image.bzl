"""Bare-metal AArch64 test images, built with clang --target=aarch64-none-elf and ld.lld."""

_START = "//tests/runtime:start.S"
_RUNTIME_SRCS = ["//tests/runtime:vectors.S", "//tests/runtime:rt.c"]
_RUNTIME_HDRS = ["//tests/runtime:asm.h", "//tests/runtime:rt.h"]
_LINKER_SCRIPT = "//tests/runtime:image.ld"

def aarch64_image(name, srcs, base = "0x40000000", runtime = True, start = True, copts = [], march = "armv8-a", **kwargs):
    """Assembles/compiles `srcs` into `<name>.elf`, an ELF with symbols.

    Args:
      name: target name; the output is <name>.elf.
      srcs: .S and .c files (and headers they include).
      base: link address of the image (IMAGE_BASE in the linker script).
      runtime: link the test runtime (tests/runtime: rt_vectors, rt_* functions).
      start: link the runtime's _start (stack, BSS, vectors, main()); without
        it, srcs define _start.
      copts: extra compiler flags.
      march: the -march value (e.g. armv8.1-a for LSE atomics).
      **kwargs: passed to the genrule (visibility, testonly, ...).
    """
    compiled = [s for s in srcs if s.endswith(".S") or s.endswith(".c")]
    if runtime:
        compiled = compiled + _RUNTIME_SRCS
        if start:
            compiled = compiled + [_START]
    inputs = srcs + _RUNTIME_SRCS + [_START] + _RUNTIME_HDRS + [_LINKER_SCRIPT]
    flags = [
        "--target=aarch64-none-elf",
        "-march=" + march,
        "-mgeneral-regs-only",
        # With the MMU off all data accesses are Device-nGnRnE, where an
        # unaligned access faults (Arm ARM B2.5.2): keep the compiler from
        # merging byte accesses into unaligned wider ones.
        "-mstrict-align",
        "-ffreestanding",
        "-fno-pic",
        "-fno-stack-protector",
        "-nostdlib",
        "-static",
        "-O1",
        "-Wall",
        "-Werror",
        "-I.",
        "-fuse-ld=lld",
        "-Wl,--build-id=none",
        "-Wl,-T,$(location %s)" % _LINKER_SCRIPT,
        "-Wl,--defsym=IMAGE_BASE=%s" % base,
    ] + copts
    native.genrule(
        name = name,
        srcs = inputs,
        outs = [name + ".elf"],
        cmd = "clang %s -o $@ %s" % (
            " ".join(flags),
            " ".join(["$(location %s)" % s for s in compiled]),
        ),
        **kwargs
    )
