#!/usr/bin/env python3
"""Writes a C++ source file that holds a file's bytes as a named array.

Usage: embed_file.py INPUT OUTPUT.cc SYMBOL
Defines `extern const unsigned char SYMBOL[]` and `extern const unsigned long SYMBOL_size`
inside namespace el2.
"""
import sys


def main() -> None:
    src, out, symbol = sys.argv[1:4]
    data = open(src, "rb").read()
    lines = []
    for i in range(0, len(data), 16):
        lines.append("    " + ", ".join(f"0x{b:02x}" for b in data[i:i + 16]) + ",")
    with open(out, "w") as f:
        f.write("// Embedded from %s by tools/embed_file.py.\n" % src.split("/")[-1])
        f.write("namespace el2 {\n")
        f.write("extern const unsigned char %s[];\n" % symbol)
        f.write("extern const unsigned long %s_size;\n" % symbol)
        f.write("alignas(16) const unsigned char %s[] = {\n%s\n};\n" % (symbol, "\n".join(lines)))
        f.write("const unsigned long %s_size = %d;\n" % (symbol, len(data)))
        f.write("}  // namespace el2\n")


if __name__ == "__main__":
    main()
