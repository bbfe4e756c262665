#!/usr/bin/env python3
"""Scaling check: every pathological input class of issue 11, built at two sizes 4x apart.

A linear program takes about 4x the time and memory at 4x the size; this fails when either grows
more than 6x (time and memory above a fixed floor, so start-up and noise do not count). It runs
the `dossier` binary it is given (tests/run.sh passes the one the tests just built) on files it
writes into a temporary folder, and prints the table that goes into BENCHMARKS.md.

    python3 benches/scaling.py target/release/dossier
    python3 benches/scaling.py target/release/dossier --table   # Markdown table only
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

LIMIT = 6.0
# Below these, a run is start-up and noise: the ratio is not judged.
TIME_FLOOR = 0.05  # seconds (the release binary: start-up is some 10 ms)
MEMORY_FLOOR = 24 * 1024  # KiB of peak RSS

HEAD = """language: en
name: Scaling Test
type: [Test]
updated: 2026-01-01
facts:
  country: Nowhere
"""


def document(lead="A lead.", paragraphs=("A paragraph.",), extra="", timeline="", sources=None):
    """A complete organisation file around the given pieces of text (YAML-quoted)."""
    body = [HEAD, f"lead: {quote(lead)}", "sections:", "  - id: main", "    title: Main", "    paragraphs:"]
    body += [f"      - {quote(p)}" for p in paragraphs]
    body.append(extra)
    if timeline:
        body.append(timeline)
    body.append(sources or "sources:\n  - title: A source\n    publisher: Nobody\n    date: 2020")
    return "\n".join(body) + "\n"


def quote(text):
    """A YAML double-quoted scalar."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


# Each class: name -> function of a size n giving the file's text.
def alias_bomb(n):
    lines = [HEAD, "lead: &a " + quote("x" * 1000), "sections:"]
    lines += [f"  - {{id: s{i}, title: *a, paragraphs: [*a]}}" for i in range(n)]
    return "\n".join(lines) + "\n"


def block_dashes(n):
    # Inside a folded paragraph, as a journalist's list of dashes would be.
    folded = ">-\n        " + "- " * n
    return document().replace('      - "A paragraph."', "      - " + folded)


def nested_flow(n):
    return HEAD + "lead: x\nother: " + "[" * n + "]" * n + "\n"


def nested_mappings(n):
    return HEAD + "lead: x\nother: " + "{a: " * n + "1" + "}" * n + "\n"


def zero_width_breaks(n):
    # Combining marks with break opportunities between them: fragments of no width at all.
    return document(paragraphs=["\u0301\u200b" * n])


def unbreakable_word(n):
    return document(paragraphs=["w" * n])


def many_urls(n):
    return document(paragraphs=[" ".join(f"https://example.org/{i}/path" for i in range(n))])


def many_diagnostics(n):
    events = "\n".join(
        f"  - {{date: 2020, title: E{i}, text: T, section: nowhere-{i}}}" for i in range(n)
    )
    return document(timeline="timeline:\n" + events)


def many_licensed_sources(n):
    entries = "\n".join(
        f"  - {{title: Source {i}, publisher: Publisher {i}, url: https://example.org/{i},"
        f" licence: {{name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}}}}"
        for i in range(n)
    )
    return document(sources="sources:\n" + entries)


def long_lead(n):
    return document(lead=" ".join(["Independent"] * n))


def long_name(n):
    return document().replace("name: Scaling Test", "name: " + quote(" ".join(["Name"] * n)))


CLASSES = [
    # (name, generator, smaller size, command): sizes are 4x apart and within the 10 MiB limit.
    ("alias bomb (refused)", alias_bomb, 500, "check"),
    ("block sequence `- - -`", block_dashes, 20_000, "check"),
    ("nested flow `[[[`", nested_flow, 10_000, "check"),
    ("nested mappings `{a: {a:`", nested_mappings, 10_000, "check"),
    ("zero-width break opportunities", zero_width_breaks, 20_000, "build"),
    ("one unbreakable word", unbreakable_word, 100_000, "build"),
    ("a paragraph of URLs", many_urls, 2_000, "build"),
    ("events pointing nowhere (diagnostics)", many_diagnostics, 4_000, "check"),
    ("licensed sources", many_licensed_sources, 250, "build"),
    ("a long lead", long_lead, 8_000, "build"),
    ("a long name", long_name, 2_000, "build"),
]


def measure(binary, command, path, out):
    """Seconds and peak RSS (KiB) of one run; the exit code must be 0, 1 or 2, never a crash."""
    args = [binary, command, path] + (["-o", out] if command == "build" else [])
    started = time.monotonic()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1, 2):
        raise SystemExit(f"{command} {path}: exit code {code}")
    return seconds, usage.ru_maxrss


def growth(small, large, floor):
    return large / max(small, floor)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--table", action="store_true", help="print only the Markdown table")
    args = parser.parse_args()
    rows, failures = [], []
    with tempfile.TemporaryDirectory() as folder:
        for name, make, size, command in CLASSES:
            runs = []
            for n in (size, size * 4):
                path = os.path.join(folder, f"case-{n}.yaml")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(make(n))
                runs.append((n, os.path.getsize(path)) + measure(args.binary, command, path, folder))
            (n1, b1, t1, m1), (n2, b2, t2, m2) = runs
            time_growth = growth(t1, t2, TIME_FLOOR)
            memory_growth = growth(m1, m2, MEMORY_FLOOR)
            rows.append((name, command, b1, b2, t1, t2, time_growth, m1, m2, memory_growth))
            if time_growth > LIMIT or memory_growth > LIMIT:
                failures.append(name)
    print("| class | command | bytes | seconds | time growth | peak KiB | memory growth |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, command, b1, b2, t1, t2, tg, m1, m2, mg in rows:
        print(f"| {name} | {command} | {b1:,} → {b2:,} | {t1:.2f} → {t2:.2f} | {tg:.1f}× "
              f"| {m1:,} → {m2:,} | {mg:.1f}× |")
    if failures and not args.table:
        print(f"\nsuper-linear (more than {LIMIT}× at 4× the size): {', '.join(failures)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
