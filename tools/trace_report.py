"""Summarises an el2emu JSON-lines trace (docs/TRACE_FORMAT.md).

usage: trace_report TRACE.jsonl [--plot FILE.png] [--json]

Prints
  - EL residency: instructions executed per EL per core (an instruction that
    takes an exception or returns from one counts at the EL it started in),
  - an exception-class histogram (per class and from_el -> to_el),
  - per-hypercall counts: x0 at the entry of each HVC64 from EL1 to EL2, with
    the round trip in instructions (the core's count at the ERET back minus
    its count at the entry) as min/median/max.
The trace must include exception events (--trace exc or insn,exc); residency
needs insn events. --plot draws the three tables as bar charts (matplotlib,
Agg backend, no display needed).
"""
import argparse
import json
import statistics
import sys
from collections import Counter, defaultdict


class Report:
    def __init__(self):
        self.residency = defaultdict(Counter)  # core -> {el: insns}
        self.classes = Counter()  # (class, from_el, to_el) -> count
        self.hvc_round_trips = defaultdict(list)  # x0 -> [insns]
        self.unreturned_hvcs = Counter()  # x0 -> entries with no ERET seen
        self.erets = 0
        self._open = defaultdict(list)  # core -> stack of open exceptions
        self._last_change = {}  # core -> (count, from_el) of the last exception/eret

    def add(self, ev):
        kind = ev.get("type")
        core = int(ev.get("core", 0))
        if kind == "insn":
            el = int(ev["el"])
            last = self._last_change.get(core)
            # The exception or ERET event of an instruction precedes its insn
            # event and carries the same count: it ran at from_el.
            if last is not None and last[0] == ev.get("count"):
                el = last[1]
            self.residency[core][el] += 1
        elif kind == "exception":
            cls = ev.get("class", "?")
            from_el, to_el = int(ev["from_el"]), int(ev["to_el"])
            self.classes[(cls, from_el, to_el)] += 1
            self._last_change[core] = (ev.get("count"), from_el)
            hvc = cls == "HVC64" and from_el == 1 and to_el == 2
            self._open[core].append((hvc, int(ev.get("x0", "0"), 16), int(ev.get("count", 0))))
        elif kind == "eret":
            self.erets += 1
            self._last_change[core] = (ev.get("count"), int(ev["from_el"]))
            stack = self._open[core]
            if stack:
                hvc, x0, count = stack.pop()
                if hvc:
                    self.hvc_round_trips[x0].append(int(ev.get("count", 0)) - count)

    def finish(self):
        for stack in self._open.values():
            for hvc, x0, _ in stack:
                if hvc:
                    self.unreturned_hvcs[x0] += 1
            stack.clear()

    def hypercalls(self):
        """x0 -> (calls, min, median, max) of the completed round trips."""
        out = {}
        for x0 in sorted(set(self.hvc_round_trips) | set(self.unreturned_hvcs)):
            trips = self.hvc_round_trips.get(x0, [])
            calls = len(trips) + self.unreturned_hvcs.get(x0, 0)
            if trips:
                out[x0] = (calls, min(trips), statistics.median(trips), max(trips))
            else:
                out[x0] = (calls, None, None, None)
        return out

    def as_json(self):
        return {
            "residency": {str(c): {str(el): n for el, n in sorted(els.items())}
                          for c, els in sorted(self.residency.items())},
            "exceptions": [{"class": c, "from_el": f, "to_el": t, "count": n}
                           for (c, f, t), n in sorted(self.classes.items())],
            "hypercalls": [{"x0": hex(x0), "calls": v[0], "min": v[1], "median": v[2], "max": v[3]}
                           for x0, v in self.hypercalls().items()],
        }

    def text(self):
        lines = ["EL residency (instructions per EL):"]
        if not self.residency:
            lines.append("  (no insn events: trace with --trace insn,exc)")
        for core, els in sorted(self.residency.items()):
            total = sum(els.values())
            parts = [f"EL{el} {n} ({100.0 * n / total:.1f}%)" for el, n in sorted(els.items())]
            lines.append(f"  core {core}: " + ", ".join(parts) + f"; total {total}")
        lines.append("Exceptions by class:")
        if not self.classes:
            lines.append("  (none)")
        for (cls, f, t), n in sorted(self.classes.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {cls:<16} EL{f}->EL{t} {n:>8}")
        lines.append("Hypercalls (HVC64 EL1->EL2, by x0; round trip in instructions):")
        calls = self.hypercalls()
        if not calls:
            lines.append("  (none)")
        for x0, (n, lo, med, hi) in calls.items():
            trip = "no ERET seen" if lo is None else f"min {lo} median {med:g} max {hi}"
            lines.append(f"  x0={x0:#x} calls {n:>6}  {trip}")
        return "\n".join(lines) + "\n"

    def plot(self, path):
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(1, 3, figsize=(15, 4.5))
        ax = axes[0]
        els = sorted({el for c in self.residency.values() for el in c})
        cores = sorted(self.residency)
        width = 0.8 / max(1, len(cores))
        for i, core in enumerate(cores):
            xs = [j + i * width for j in range(len(els))]
            ax.bar(xs, [self.residency[core].get(el, 0) for el in els], width, label=f"core {core}")
        ax.set_xticks([j + width * (len(cores) - 1) / 2 for j in range(len(els))])
        ax.set_xticklabels([f"EL{el}" for el in els])
        ax.set_title("EL residency (instructions)")
        if cores:
            ax.legend()
        ax = axes[1]
        items = sorted(self.classes.items(), key=lambda kv: -kv[1])
        ax.barh([f"{c} EL{f}->EL{t}" for (c, f, t), _ in items], [n for _, n in items])
        ax.set_title("Exceptions by class")
        ax = axes[2]
        calls = [(x0, v) for x0, v in self.hypercalls().items() if v[1] is not None]
        labels = [hex(x0) for x0, _ in calls]
        meds = [v[2] for _, v in calls]
        lows = [v[2] - v[1] for _, v in calls]
        highs = [v[3] - v[2] for _, v in calls]
        ax.bar(labels, meds, yerr=[lows, highs], capsize=4)
        ax.set_title("Hypercall round trip (median, min-max)")
        ax.set_xlabel("x0")
        fig.tight_layout()
        fig.savefig(path, format="png")
        plt.close(fig)


def read_trace(f, report):
    for n, line in enumerate(f, 1):
        line = line.strip()
        if not line or not line.startswith("{"):
            continue  # Guest console output or el2emu messages mixed into the file.
        try:
            report.add(json.loads(line))
        except (ValueError, KeyError) as e:
            raise SystemExit(f"trace_report: line {n}: {e}")
    report.finish()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("trace", help="JSON-lines trace ('-' for stdin)")
    p.add_argument("--plot", metavar="FILE.png", help="draw the report as a PNG")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    a = p.parse_args(argv)
    report = Report()
    if a.trace == "-":
        read_trace(sys.stdin, report)
    else:
        try:
            with open(a.trace, encoding="utf-8") as f:
                read_trace(f, report)
        except OSError as e:
            raise SystemExit(f"trace_report: {e}")
    if a.json:
        print(json.dumps(report.as_json(), indent=1))
    else:
        sys.stdout.write(report.text())
    if a.plot:
        report.plot(a.plot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
