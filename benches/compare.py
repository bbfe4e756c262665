#!/usr/bin/env python3
"""Times our build against Typst and Pandoc on the inputs benches/gen_sources.py made.

For each size and each run, interleaved (ours, typst, pandoc; ours, typst, pandoc; ...), it starts
each tool as its own process and measures the whole process: wall time (perf_counter around
spawn -> wait4) and peak resident memory (GNU time's %M, its ru_maxrss of the tool: Linux keeps
the peak of the memory a process had before exec, so a tool started from Python directly would
report at least Python's own peak, about 14 MiB). The Typst process is
`python3 -c "import typst; typst.compile(...)"`, which also prints the time of typst.compile
itself measured inside Python, so interpreter start-up and import are visible apart.

  ours    target/release/dossier build kloop-xN.yaml -o DIR         (PDF + EPUB)
  typst   python3 -c 'typst.compile("kloop-xN.typ", output=...)'     (PDF only)
  pandoc  pandoc kloop-xN.md -o kloop-xN.epub                        (EPUB only)

Prints a Markdown table of medians, the ratios ours/Typst and ours/Pandoc, a linearity check
of our cost from 1x to 100x, and the targets; writes the raw samples to DIR/results.json.
Nothing here fails on a missed target: it reports.

Usage: compare.py --dir target/bench-compare [--runs 5] [--sizes 1,10,50,100]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

MIB = 1024 * 1024
GNU_TIME = "/usr/bin/time"

TYPST_SNIPPET = """
import sys, time
t0 = time.perf_counter()
import typst
t1 = time.perf_counter()
typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]], ignore_system_fonts=True)
t2 = time.perf_counter()
print(f"{t1 - t0:.6f} {t2 - t1:.6f}")
"""


def run(argv, cwd=None):
    """Runs argv to completion: (wall seconds, CPU seconds, peak RSS bytes, stdout text)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile() as peak:
        start = time.perf_counter()
        proc = subprocess.Popen([GNU_TIME, "-f", "%M", "-o", peak.name, *argv], stdout=out, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
        peak.seek(0)
        peak_kib = int(peak.read().decode().split()[-1])
    if proc.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({proc.returncode}):\n{stderr}")
    # %M is in KiB; CPU time is user + system of the tool and its threads (time's own is tiny).
    return wall, usage.ru_utime + usage.ru_stime, peak_kib * 1024, stdout


def commands(args, size):
    base = os.path.join(args.dir, f"kloop-x{size}")
    outdir = os.path.join(args.dir, "ours")
    return {
        "ours": [args.dossier, "build", f"{base}.yaml", "-o", outdir],
        "typst": [sys.executable, "-c", TYPST_SNIPPET, f"{base}.typ", f"{base}.typst.pdf", args.fonts],
        "pandoc": ["pandoc", f"{base}.md", "-o", f"{base}.pandoc.epub"],
    }


def fmt_time(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.2f} s"


def fmt_mib(size):
    return f"{size / MIB:.1f} MiB"


def ratio(ours, theirs):
    """ours/theirs as a decimal and as 1/k: "0.64 (1/1.6)"."""
    return f"{ours / theirs:.2f} (1/{theirs / ours:.1f})"


def median(samples, key):
    return statistics.median(s[key] for s in samples)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default="target/bench-compare")
    parser.add_argument("--dossier", default="target/release/dossier")
    parser.add_argument("--fonts", default="fonts")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1,10,50,100")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    tools = ("ours", "typst", "pandoc")
    samples = {size: {tool: [] for tool in tools} for size in sizes}

    load_before = os.getloadavg()
    for size in sizes:
        cmds = commands(args, size)
        # One untimed run of each: page cache, font files, Python bytecode.
        for tool in tools:
            run(cmds[tool])
        for i in range(args.runs):
            for tool in tools:
                wall, cpu, rss, stdout = run(cmds[tool])
                sample = {"wall": wall, "cpu": cpu, "rss": rss}
                if tool == "typst":
                    sample["import"], sample["compile"] = map(float, stdout.split())
                samples[size][tool].append(sample)
            print(f"  {size}x run {i + 1}/{args.runs}: "
                  + ", ".join(f"{t} {fmt_time(samples[size][t][-1]['wall'])}" for t in tools),
                  file=sys.stderr, flush=True)

    load_after = os.getloadavg()
    with open(os.path.join(args.dir, "results.json"), "w") as f:
        json.dump({"samples": {str(k): v for k, v in samples.items()},
                   "loadavg": {"before": load_before, "after": load_after}}, f, indent=1)

    med = {
        size: {
            tool: {key: median(samples[size][tool], key) for key in samples[size][tool][0]}
            for tool in tools
        }
        for size in sizes
    }

    print(f"Medians of {args.runs} interleaved runs per tool and size (whole process: wall time, "
          f"peak RSS from GNU time). {os.cpu_count()} CPUs; 1-minute load average "
          f"{load_before[0]:.2f} before, {load_after[0]:.2f} after (above ~0.5 other work shared "
          "the machine: absolute times are then inflated, ratios less so).\n")
    print("| size | ours PDF+EPUB | ours RSS | Typst PDF (process) | Typst `compile()` only "
          "| Typst RSS | Pandoc EPUB | Pandoc RSS | ours/Typst time | ours/Typst `compile()` "
          "| ours/Pandoc time | ours/Typst RSS | ours/Pandoc RSS |")
    print("|" + " --- |" * 13)
    for size in sizes:
        o, t, p = med[size]["ours"], med[size]["typst"], med[size]["pandoc"]
        print(f"| {size}x | {fmt_time(o['wall'])} | {fmt_mib(o['rss'])} "
              f"| {fmt_time(t['wall'])} | {fmt_time(t['compile'])} | {fmt_mib(t['rss'])} "
              f"| {fmt_time(p['wall'])} | {fmt_mib(p['rss'])} "
              f"| {ratio(o['wall'], t['wall'])} | {ratio(o['wall'], t['compile'])} "
              f"| {ratio(o['wall'], p['wall'])} "
              f"| {o['rss'] / t['rss']:.2f} | {o['rss'] / p['rss']:.2f} |")
    print("\nCPU time (user + system, all threads, from wait4) of the same runs, medians:\n")
    print("| size | ours PDF+EPUB | Typst PDF | Pandoc EPUB | ours/Typst | ours/Pandoc |")
    print("| --- | --- | --- | --- | --- | --- |")
    for size in sizes:
        o, t, p = med[size]["ours"], med[size]["typst"], med[size]["pandoc"]
        print(f"| {size}x | {fmt_time(o['cpu'])} | {fmt_time(t['cpu'])} | {fmt_time(p['cpu'])} "
              f"| {ratio(o['cpu'], t['cpu'])} | {ratio(o['cpu'], p['cpu'])} |")
    print()
    print("Typst start-up inside the process (Python start + `import typst`), median: "
          + ", ".join(f"{s}x {fmt_time(med[s]['typst']['wall'] - med[s]['typst']['compile'])}"
                      for s in sizes)
          + " (process wall time minus `compile()`).")

    # Linearity: time per 1x unit, and a least-squares line t = a + b*N through the medians.
    print("\nLinearity of our cost (medians):\n")
    print("| size | wall | wall per 1x unit | CPU | CPU per 1x unit | RSS | RSS per 1x unit |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for size in sizes:
        o = med[size]["ours"]
        print(f"| {size}x | {fmt_time(o['wall'])} | {fmt_time(o['wall'] / size)} "
              f"| {fmt_time(o['cpu'])} | {fmt_time(o['cpu'] / size)} "
              f"| {fmt_mib(o['rss'])} | {fmt_mib(o['rss'] / size)} |")
    if len(sizes) >= 2:
        xs = sizes
        ys = [med[s]["ours"]["wall"] for s in sizes]
        mx, my = statistics.mean(xs), statistics.mean(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        intercept = my - slope * mx
        worst = max(abs(y - (intercept + slope * x)) / y for x, y in zip(xs, ys))
        lo, hi = min(sizes), max(sizes)
        growth = (med[hi]["ours"]["wall"] / med[lo]["ours"]["wall"]) / (hi / lo)
        print(f"\nFit: wall ≈ {fmt_time(intercept)} + {fmt_time(slope)} × N "
              f"(largest deviation from the line {worst * 100:.1f}%). "
              f"Wall time {lo}x -> {hi}x grows {med[hi]['ours']['wall'] / med[lo]['ours']['wall']:.1f}x "
              f"for {hi // lo}x the input ({growth:.2f} of linear, fixed start-up cost included).")
        if 10 in sizes and hi > 10:
            g = (med[hi]["ours"]["wall"] / med[10]["ours"]["wall"]) / (hi / 10)
            print(f"From 10x to {hi}x (start-up amortised): {g:.2f} of linear "
                  f"(1.00 = linear, above 1 = super-linear).")

    # Targets: report only.
    print("\nTargets (reported, not enforced):\n")
    def targets(size, label, share, mib):
        """The time and memory targets at one size: ours ≤ 1/share of Typst, peak ≤ mib MiB."""
        o, t = med[size]["ours"], med[size]["typst"]
        return [
            (f"{label}: ours PDF+EPUB ≤ 1/{share} of Typst PDF wall time",
             o["wall"] <= t["wall"] / share, f"{ratio(o['wall'], t['wall'])} "
             f"(against Typst's `compile()` alone: {ratio(o['wall'], t['compile'])})"),
            (f"{label}: ours peak RSS ≤ {mib} MiB", o["rss"] <= mib * MIB, fmt_mib(o["rss"])),
        ]

    checks = []
    if 1 in med:
        checks += targets(1, "Kloop 1x", 10, 15)
    if 50 in med:
        checks += targets(50, "50x", 20, 60)
    print("| target | met | measured |")
    print("| --- | --- | --- |")
    for name, ok, measured in checks:
        print(f"| {name} | {'yes' if ok else '**no**'} | {measured} |")


if __name__ == "__main__":
    main()
