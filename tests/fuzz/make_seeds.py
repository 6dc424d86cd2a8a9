#!/usr/bin/env python3
"""Writes the libFuzzer harnesses' seed corpora (tests/fuzz/corpus/NAME/).

The seeds are small valid inputs for each parser, built here from the formats'
specifications so that the fuzzers start from the interesting side of every
check; the files are checked in, and this script is how they were made:

    tests/fuzz/make_seeds.py tests/fuzz/corpus
"""
import os
import struct
import sys


def elf(entry=0x40000000, code=b"\x1f\x20\x03\xd5" * 2 + b"\x00\x00\x20\xd4"):
    """An ELF64 AArch64 executable: one PT_LOAD at `entry` and a symbol table."""
    ehsize, phsize, shsize = 64, 56, 64
    strtab = b"\0_start\0data_sym\0"
    shstrtab = b"\0.text\0.symtab\0.strtab\0.shstrtab\0"
    text_off = ehsize + phsize
    symtab_off = text_off + len(code)
    syms = struct.pack("<IBBHQQ", 0, 0, 0, 0, 0, 0)
    syms += struct.pack("<IBBHQQ", 1, 0x12, 0, 1, entry, len(code))  # GLOBAL FUNC _start
    syms += struct.pack("<IBBHQQ", 8, 0x11, 0, 1, entry + 8, 4)  # GLOBAL OBJECT data_sym
    strtab_off = symtab_off + len(syms)
    shstrtab_off = strtab_off + len(strtab)
    sh_off = (shstrtab_off + len(shstrtab) + 7) & ~7
    hdr = b"\x7fELF" + bytes([2, 1, 1, 0]) + b"\0" * 8
    hdr += struct.pack("<HHIQQQIHHHHHH", 2, 183, 1, entry, ehsize, sh_off, 0, ehsize, phsize, 1,
                       shsize, 5, 4)
    ph = struct.pack("<IIQQQQQQ", 1, 5, text_off, entry, entry, len(code), len(code), 0x1000)
    body = hdr + ph + code + syms + strtab + shstrtab
    body += b"\0" * (sh_off - len(body))
    sh = b"\0" * shsize
    sh += struct.pack("<IIQQQQIIQQ", 1, 1, 6, entry, text_off, len(code), 0, 0, 4, 0)
    sh += struct.pack("<IIQQQQIIQQ", 7, 2, 0, 0, symtab_off, len(syms), 3, 1, 8, 24)
    sh += struct.pack("<IIQQQQIIQQ", 15, 3, 0, 0, strtab_off, len(strtab), 0, 0, 1, 0)
    sh += struct.pack("<IIQQQQIIQQ", 23, 3, 0, 0, shstrtab_off, len(shstrtab), 0, 0, 1, 0)
    return body + sh


def linux_image(image_size=0x10000, text_offset=0, flags=0xa, code_len=64):
    """An arm64 Image header (booting.rst) and some code; tail bytes pick sizes."""
    hdr = struct.pack("<IIQQQQQQII", 0x14000010, 0, text_offset, image_size, flags, 0, 0, 0,
                      0x644D5241, 0)
    return hdr + b"\x1f\x20\x03\xd5" * (code_len // 4) + bytes([0x10, 0x01, 0x08])


def dtb():
    """A flattened device tree (devicetree spec v0.4, ch. 5): / with a memory node."""
    strings = b""
    offs = {}
    for name in ("compatible", "#address-cells", "#size-cells", "device_type", "reg"):
        offs[name] = len(strings)
        strings += name.encode() + b"\0"

    def prop(name, value):
        pad = (4 - len(value) % 4) % 4
        return struct.pack(">III", 3, len(value), offs[name]) + value + b"\0" * pad

    def node(name, body):
        n = name.encode() + b"\0"
        n += b"\0" * ((4 - len(n) % 4) % 4)
        return struct.pack(">I", 1) + n + body + struct.pack(">I", 2)

    memory = node("memory@40000000", prop("device_type", b"memory\0") +
                  prop("reg", struct.pack(">QQ", 0x40000000, 0x8000000)))
    root = node("", prop("compatible", b"linux,dummy-virt\0") +
                prop("#address-cells", struct.pack(">I", 2)) +
                prop("#size-cells", struct.pack(">I", 2)) + memory)
    struct_block = root + struct.pack(">I", 9)
    rsv = b"\0" * 16
    off_rsv = 40
    off_struct = off_rsv + len(rsv)
    off_strings = off_struct + len(struct_block)
    total = off_strings + len(strings)
    hdr = struct.pack(">IIIIIIIIII", 0xd00dfeed, total, off_struct, off_strings, off_rsv, 17, 16, 0,
                      len(strings), len(struct_block))
    return hdr + rsv + struct_block + strings


def gdb(payload):
    return b"$" + payload + b"#" + b"%02x" % (sum(payload) % 256)


def decoder(words, variant=1, flags=7, el=1):
    """decoder_fuzzer's layout: machine, no sysreg writes, flags, registers, PSTATE, code."""
    out = bytes([variant, 0, flags])
    if flags & 1:
        out += struct.pack("<HHH", 0x800, 0x1000, 0x1800)
    out += struct.pack("<31Q", *[0x100 * i for i in range(31)])
    out += struct.pack("<4Q", 0x8000, 0x9000, 0xa000, 0xb000)
    out += b"".join(bytes([i]) + struct.pack("<QQ", i, ~i & (2**64 - 1)) for i in range(4))
    out += bytes([el | 4, 0x0f])
    return out + b"".join(struct.pack("<I", w) for w in words)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus")
    seeds = {
        "elf_loader": {"tiny.elf": elf(), "header_only.elf": elf()[:64]},
        "image_loader": {"image.bin": linux_image(), "legacy.bin": linux_image(image_size=0),
                         "efi.bin": b"MZ" + linux_image()[2:]},
        "dtb": {"virt_min.dtb": dtb()},
        "gdb_packet": {
            "session.txt": b"\x07+" + gdb(b"qSupported:multiprocess+;swbreak+;xmlRegisters=i386") +
            b"+" + gdb(b"g") + gdb(b"m40000000,40") + gdb(b"Z0,40000010,4") + b"\x03",
            "escapes.txt": b"\x01" + gdb(b"X40000000,4:}]}\x03}\x04") + gdb(b"0* ") + b"-$bad#00",
        },
        "decoder": {
            "alu_mem.bin": decoder([0x91000420, 0xf9400062, 0xf90004a4, 0xa94107e0, 0xc85f7d28,
                                    0xc80a7d28, 0x9e670020, 0xd503201f]),
            "system_el1.bin": decoder([0xd518c006, 0xd5381007, 0xd508871f, 0xd5087800, 0xd50b7421,
                                       0xd503207f, 0xd5034fff, 0xd50040bf, 0xd4000001]),
            "el2_calls.bin": decoder([0xd4000002, 0xd4000003, 0xd69f03e0, 0xd4200000], variant=13,
                                     el=2),
            "lse_max.bin": decoder([0xc8e0fc41, 0x885ffc41, 0xd5181000], variant=3, el=1),
        },
    }
    for name, files in seeds.items():
        os.makedirs(os.path.join(out, name), exist_ok=True)
        for fname, data in files.items():
            with open(os.path.join(out, name, fname), "wb") as f:
                f.write(data)


if __name__ == "__main__":
    main()
