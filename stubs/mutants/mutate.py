#!/usr/bin/env python3
"""Makes a mutant stub: applies a .mut file's replacements to the reference stub.

Usage: mutate.py REFERENCE.S MUTANT.mut OUT.S
A .mut file has '#' comments, 'expect CONTRACT RULE' / 'pass CONTRACT' lines
(read by stubs/check_stub_test.py), then '@@ old' / '@@ new' block pairs. Each
old block must occur exactly once in the reference, so a mutant stops building
when the reference changes under it.
"""
import sys


def parse(path):
    expects, passes, pairs, block, cur = [], [], [], None, []
    for line in open(path).read().splitlines():
        if line.startswith("@@ "):
            if block is not None:
                pairs.append((block, "\n".join(cur)))
            block, cur = line[3:].strip(), []
        elif block is not None:
            cur.append(line)
        elif line.startswith("expect "):
            expects.append(tuple(line.split()[1:3]))
        elif line.startswith("pass "):
            passes.append(line.split()[1])
    if block is not None:
        pairs.append((block, "\n".join(cur)))
    edits = []
    for i in range(0, len(pairs), 2):
        (k1, old), (k2, new) = pairs[i], pairs[i + 1]
        assert (k1, k2) == ("old", "new"), path
        edits.append((old + "\n", new + "\n" if new else ""))
    return expects, passes, edits


def main():
    ref, mut, out = sys.argv[1:4]
    text = open(ref).read()
    _, _, edits = parse(mut)
    for old, new in edits:
        if text.count(old) != 1:
            sys.exit(f"{mut}: the old block occurs {text.count(old)} times in {ref}:\n{old}")
        text = text.replace(old, new)
    with open(out, "w") as f:
        f.write(f"// Generated from {ref.split('/')[-1]} by stubs/mutants/mutate.py with {mut.split('/')[-1]}.\n")
        f.write(text)


if __name__ == "__main__":
    main()
