"""Summarises an el2emu JSON-lines trace (docs/TRACE_FORMAT.md).

usage: trace_report TRACE.jsonl [--plot FILE.png] [--json]

Prints
  - EL residency: instructions executed per EL per core (an instruction that
    takes an exception or returns from one counts at the EL it started in),
  - an exception-class histogram (per class and from_el -> to_el),
  - per-hypercall counts: x0 at the entry of each HVC64 from EL1 to EL2, with
    the round trip in instructions (the core's count at the ERET back minus
    its count at the entry) as min/median/max; from exception events, or from
    hvc events when the trace has no exception events (--trace hvc),
and, when the trace has those events:
  - the ABI checker's verdicts (hvc events with --check-abi): calls passed and
    failed per x0, and each failure,
  - SMC calls by x0 (smc events) and built-in firmware calls by function
    (psci events) with their results,
  - MMU changes (stage 1 on/off, TTBR writes) in order, TLBI counts per
    operation, IRQ/FIQ entries and acknowledged INTIDs, EL changes by cause,
  - data accesses per core (the mem field of insn events): reads and writes,
    with bytes.
Residency needs insn events. --plot draws residency, the exception classes
and the hypercall round trips as bar charts (matplotlib, Agg backend, no
display needed).
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
        self.exception_events = 0
        # hvc events: (core, id) -> (x0, count) of calls not yet returned.
        self._hvc_open = {}
        self.hvc_event_trips = defaultdict(list)  # x0 -> [insns], from hvc events
        self.hvc_event_unreturned = Counter()
        self.abi = defaultdict(lambda: [0, 0])  # x0 -> [passed, failed]
        self.abi_failures = []  # "call #n what: failure"
        self.smc_calls = Counter()  # (x0, fn) -> calls
        self.psci = defaultdict(Counter)  # fn -> {x0 result: count}
        self.mmu = []  # (core, count, regime, change, reg, new)
        self.tlbi = Counter()  # op -> count
        self.irqs = Counter()  # (kind, from_el, to_el) -> count
        self.irq_acks = Counter()  # intid -> count
        self.el_changes = Counter()  # (from_el, to_el, cause) -> count
        self.memory = defaultdict(lambda: {"reads": 0, "read_bytes": 0, "writes": 0,
                                           "write_bytes": 0})  # core -> totals

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
            for m in ev.get("mem", []):
                totals = self.memory[core]
                key = "writes" if m["rw"] == "w" else "reads"
                totals[key] += 1
                totals[key[:-1] + "_bytes"] += int(m["size"])
        elif kind == "exception":
            self.exception_events += 1
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

        elif kind == "hvc":
            self._add_hvc(core, ev)
        elif kind == "smc":
            if ev.get("phase") == "call":
                self.smc_calls[(int(ev["x"][0], 16), ev.get("fn", ""))] += 1
        elif kind == "abi":
            self._add_verdict(int(ev["abi"].get("call", 0)), None, ev["abi"])
        elif kind == "psci":
            self.psci[ev["fn"]][ev["result"][0]] += 1
        elif kind == "mmu":
            self.mmu.append((core, int(ev.get("count", 0)), ev["regime"], ev["change"], ev["reg"],
                             ev["new"]))
        elif kind == "tlbi":
            self.tlbi[ev["op"]] += 1
        elif kind == "irq":
            self.irqs[(ev["kind"], int(ev["from_el"]), int(ev["to_el"]))] += 1
        elif kind == "irq-ack":
            self.irq_acks[int(ev["intid"])] += 1
        elif kind == "el":
            self.el_changes[(int(ev["from_el"]), int(ev["to_el"]), ev["cause"])] += 1

    def _add_hvc(self, core, ev):
        key = (core, int(ev["id"]))
        if ev.get("phase") == "call":
            if int(ev["from_el"]) == 1 and int(ev["to_el"]) == 2:
                self._hvc_open[key] = (int(ev["x"][0], 16), int(ev.get("count", 0)))
            return
        call = self._hvc_open.pop(key, None)
        if call is None:
            return
        x0, count = call
        self.hvc_event_trips[x0].append(int(ev.get("count", 0)) - count)
        if "abi" in ev:
            self._add_verdict(ev["abi"].get("call", 0), x0, ev["abi"])

    def _add_verdict(self, call, x0, abi):
        tally = self.abi[x0]
        tally[0 if abi["passed"] else 1] += 1
        for f in abi.get("failures", []):
            self.abi_failures.append(f"call #{call} {abi.get('what', '')}: {f}")

    def finish(self):
        for stack in self._open.values():
            for hvc, x0, _ in stack:
                if hvc:
                    self.unreturned_hvcs[x0] += 1
            stack.clear()
        for x0, _ in self._hvc_open.values():
            self.hvc_event_unreturned[x0] += 1
        self._hvc_open.clear()

    def hypercalls(self):
        """x0 -> (calls, min, median, max) of the completed round trips: from
        exception events, or from hvc events in a trace without them."""
        trips_by_x0, unreturned = self.hvc_round_trips, self.unreturned_hvcs
        if not self.exception_events:
            trips_by_x0, unreturned = self.hvc_event_trips, self.hvc_event_unreturned
        out = {}
        for x0 in sorted(set(trips_by_x0) | set(unreturned)):
            trips = trips_by_x0.get(x0, [])
            calls = len(trips) + unreturned.get(x0, 0)
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
            "abi": {"verdicts": [{"x0": None if x0 is None else hex(x0), "passed": p, "failed": f}
                                 for x0, (p, f) in sorted(self.abi.items(), key=_none_first)],
                    "failures": self.abi_failures},
            "smc": [{"x0": hex(x0), "fn": fn, "calls": n}
                    for (x0, fn), n in sorted(self.smc_calls.items())],
            "psci": [{"fn": fn, "calls": sum(r.values()), "results": dict(sorted(r.items()))}
                     for fn, r in sorted(self.psci.items())],
            "mmu": [{"core": c, "count": n, "regime": reg, "change": ch, "reg": r, "new": new}
                    for c, n, reg, ch, r, new in self.mmu],
            "tlbi": dict(sorted(self.tlbi.items())),
            "irqs": [{"kind": k, "from_el": f, "to_el": t, "count": n}
                     for (k, f, t), n in sorted(self.irqs.items())],
            "irq_acks": {str(i): n for i, n in sorted(self.irq_acks.items())},
            "el_changes": [{"from_el": f, "to_el": t, "cause": c, "count": n}
                           for (f, t, c), n in sorted(self.el_changes.items())],
            "memory": {str(c): dict(m) for c, m in sorted(self.memory.items())},
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
        lines += self._event_text()
        return "\n".join(lines) + "\n"

    def _event_text(self):
        """The sections for the event kinds present in the trace."""
        lines = []
        if self.abi:
            lines.append("ABI verdicts (--check-abi, by x0):")
            for x0, (p, f) in sorted(self.abi.items(), key=_none_first):
                name = "(no return)" if x0 is None else f"x0={x0:#x}"
                lines.append(f"  {name:<12} passed {p:>6}  failed {f:>6}")
            lines += [f"  FAIL {f}" for f in self.abi_failures]
        if self.smc_calls:
            lines.append("SMC calls (by x0):")
            for (x0, fn), n in sorted(self.smc_calls.items()):
                lines.append(f"  x0={x0:#x} {fn:<20} calls {n:>6}")
        if self.psci:
            lines.append("PSCI calls answered by the built-in firmware:")
            for fn, results in sorted(self.psci.items()):
                res = ", ".join(f"{r} x{n}" for r, n in sorted(results.items()))
                lines.append(f"  {fn:<20} calls {sum(results.values()):>6}  -> {res}")
        if self.mmu:
            lines.append("MMU changes (in order):")
            for core, count, regime, change, reg, new in self.mmu:
                what = f"stage 1 {'on' if change == 'enable' else 'off'}" \
                    if change in ("enable", "disable") else f"{reg} = {new}"
                lines.append(f"  core {core} @{count:<10} {regime:<6} {what}")
        if self.tlbi:
            lines.append("TLBI by operation:")
            lines += [f"  {op:<16} {n:>8}" for op, n in sorted(self.tlbi.items())]
        if self.irqs or self.irq_acks:
            lines.append("Interrupts:")
            for (k, f, t), n in sorted(self.irqs.items()):
                lines.append(f"  {k.upper():<4} EL{f}->EL{t} {n:>8}")
            for intid, n in sorted(self.irq_acks.items()):
                lines.append(f"  INTID {intid:<6} acknowledged {n:>6}")
        if self.el_changes:
            lines.append("EL changes (by cause):")
            for (f, t, cause), n in sorted(self.el_changes.items()):
                lines.append(f"  EL{f}->EL{t} {cause:<16} {n:>8}")
        if self.memory:
            lines.append("Data accesses (insn events):")
            for core, m in sorted(self.memory.items()):
                lines.append(f"  core {core}: {m['reads']} reads ({m['read_bytes']} bytes), "
                             f"{m['writes']} writes ({m['write_bytes']} bytes)")
        return lines

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


def _none_first(item):
    """Sort key for {x0 or None: ...} items: None (verdicts with no return) first."""
    return (item[0] is not None, item[0] or 0)


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
