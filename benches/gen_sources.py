#!/usr/bin/env python3
"""Makes the inputs of benches/compare.py from data/kloop.yaml, with no hand-tuning.

For each size N (1, 10, 50, 100 by default) it writes into OUT_DIR:

  kloop-xN.yaml  our input: the sections and timeline repeated N times, every section id and
                 timeline reference given the suffix -cK (the same text tests/common/scale.rs makes)
  kloop-xN.typ   a self-contained Typst document with the same content, laid out like our fact
                 sheet (A4, Noto Sans, a header, the lead beside a key-facts table, a timeline,
                 the sections in two justified columns, the sources, a footer with page numbers)
  kloop-xN.md    Pandoc Markdown with the same content (title block, lead, facts table, one
                 chapter per section, timeline, sources) for `pandoc kloop-xN.md -o kloop-xN.epub`

The Typst and Markdown files are generated from the parsed scaled YAML, so every size carries
the same words in all three formats.

Usage: gen_sources.py [--data data/kloop.yaml] [--out target/bench-compare] [--sizes 1,10,50,100]
"""

import argparse
import datetime
import os
import re
import sys

import yaml

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]


# --- scaling: a line-for-line mirror of tests/common/scale.rs ------------------------------------

def rust_lines(block):
    """str::lines() of Rust: split on \\n, drop one trailing empty line, strip a trailing \\r."""
    parts = block.split("\n")
    if block.endswith("\n"):
        parts.pop()
    return [p[:-1] if p.endswith("\r") else p for p in parts]


def suffix_ids(block, copy):
    out = []
    for line in rust_lines(block):
        trimmed = line.lstrip()
        if trimmed.startswith("- id: ") or trimmed.startswith("section: "):
            out.append(f"{line}-c{copy}")
        else:
            out.append(line)
    return "\n".join(out)


def scaled_kloop(text, times):
    head, rest = text.split("\nsections:\n", 1)
    sections, rest = rest.split("\ntimeline:\n", 1)
    timeline, sources = rest.split("\nsources:\n", 1)
    out = [f"{head}\nsections:\n"]
    for copy in range(times):
        out.append(suffix_ids(sections, copy))
        out.append("\n")
    out.append("\ntimeline:\n")
    for copy in range(times):
        out.append(suffix_ids(timeline, copy))
        out.append("\n")
    out.append("\nsources:\n")
    out.append(sources)
    return "".join(out)


# --- shared wording ------------------------------------------------------------------------------

def fmt_date(value):
    """YYYY, YYYY-MM or YYYY-MM-DD (PyYAML gives int, str or date) as English words."""
    if isinstance(value, datetime.date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    text = str(value)
    parts = text.split("-")
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"


def host(url):
    return re.sub(r"^https?://", "", url).rstrip("/")


def facts_rows(org):
    """(label, value) pairs of the key facts, in our order and with our labels."""
    facts = org.get("facts") or {}
    rows = []
    if facts.get("languages"):
        rows.append((f"Languages ({len(facts['languages'])})", ", ".join(facts["languages"])))
    for key, label in (("country", "Country"), ("headquarters", "Headquarters"), ("owner", "Owner")):
        if facts.get(key):
            rows.append((label, facts[key]))
    founders = facts.get("founders") or []
    if founders:
        rows.append(("Founder" if len(founders) == 1 else "Founders", ", ".join(founders)))
    editors = facts.get("editors") or []
    if editors:
        value = ", ".join(
            f"{e['name']} ({e['role']})" if e.get("role") else e["name"] for e in editors
        )
        rows.append(("Editor" if len(editors) == 1 else "Editors", value))
    if facts.get("url"):
        rows.append(("Website", host(facts["url"])))
    if facts.get("commercial") is not None:
        rows.append(("Commercial", "Yes" if facts["commercial"] else "No"))
    launched = facts.get("launched") or []
    if launched:
        rows.append((
            "Launched",
            "; ".join(
                fmt_date(d["date"]) + (f" ({d['note']})" if d.get("note") else "") for d in launched
            ),
        ))
    for other in facts.get("other") or []:
        rows.append((other["label"], other["value"]))
    return rows


def source_line(src):
    parts = [src["title"]]
    if src.get("publisher"):
        parts.append(src["publisher"])
    parts.append(src["url"])
    if src.get("accessed"):
        parts.append("accessed " + fmt_date(src["accessed"]))
    return ", ".join(parts)


def section_titles(org):
    titles = {}

    def walk(sections):
        for s in sections:
            titles[s["id"]] = s["title"]
            walk(s.get("subsections") or [])

    walk(org.get("sections") or [])
    return titles


def licence_line(org):
    names = [
        f"{s['title']} ({s['publisher']}), {s['licence']['name']}" if s.get("publisher")
        else f"{s['title']}, {s['licence']['name']}"
        for s in org["sources"] if s.get("licence")
    ]
    return "Text: " + "; ".join(names) if names else ""


# --- Typst ---------------------------------------------------------------------------------------

def ts(text):
    """A Typst string literal (inserted into markup with #)."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def label(section_id):
    return f"<{section_id}>"


def to_typst(org):
    name = org["name"]
    kinds = ", ".join(org.get("type") or [])
    lang = str(org["language"]).split("-")[0]
    url = (org.get("facts") or {}).get("url")
    out = []
    w = out.append
    w(f"#set document(title: {ts(name)}, author: {ts(name)}, keywords: ({', '.join(ts(k) for k in org.get('type') or [])},))")
    w(f'#set text(font: "Noto Sans", size: 9.5pt, lang: "{lang}", hyphenate: true)')
    w("#set par(justify: true, leading: 0.55em, spacing: 0.75em)")
    w(
        "#set page(paper: \"a4\", margin: (x: 16mm, top: 16mm, bottom: 20mm), footer: context [\n"
        f"  #set text(size: 7.5pt)\n  #{ts(licence_line(org))} #h(1fr) #{ts('Data as of ' + fmt_date(org['updated']))} #h(1em)\n"
        "  Page #counter(page).display() of #counter(page).final().first()\n])"
    )
    w("#set heading(numbering: none)")
    w("#show heading.where(level: 1): set text(size: 13pt)")
    w("#show heading.where(level: 2): set text(size: 10.5pt)")
    w("")
    # Header band: the wordmark, the kind, the address.
    w("#block(width: 100%, fill: rgb(\"#1d3557\"), inset: 8mm, below: 6mm)[")
    w(f"  #set text(fill: white)\n  #text(size: 28pt, weight: \"bold\")[#{ts(name)}] #h(1fr) "
      + (f"#link({ts(url)})[#{ts(host(url))}]" if url else ""))
    w(f"  \\\n  #text(size: 11pt)[#{ts(kinds)}]")
    w("]")
    w("")
    # Lead beside the key facts.
    w("#grid(columns: (1fr, 62mm), column-gutter: 6mm)[")
    w(f"  #text(size: 11pt)[#{ts(org['lead'])}]")
    w("][")
    w("  #block(fill: luma(240), inset: 4mm, width: 100%)[")
    w("    #set par(justify: false)")
    w('    #text(weight: "bold", size: 11pt)[Key facts]')
    w("    #table(columns: (auto, 1fr), stroke: none, inset: (x: 0pt, y: 2pt), column-gutter: 3mm,")
    for key, value in facts_rows(org):
        w(f"      [#strong({ts(key)})], [#{ts(value)}],")
    w("    )")
    w("  ]")
    w("]")
    w("")
    # Timeline: every event links to its section.
    w("= Timeline")
    for event in org.get("timeline") or []:
        w(f"- #strong({ts(fmt_date(event['date']))}): "
          f"#link({label(event['section'])})[#{ts(event['title'])}] --- #{ts(event['text'])}")
    w("")
    # The sections, in two columns.
    w("#columns(2, gutter: 6mm)[")

    def section(s, level):
        w(f"{'=' * level} #{ts(s['title'])} {label(s['id'])}")
        for paragraph in s.get("paragraphs") or []:
            w("")
            w(f"#{ts(paragraph)}")
        w("")
        for sub in s.get("subsections") or []:
            section(sub, level + 1)

    for s in org.get("sections") or []:
        section(s, 1)
    w("= Sources and licence")
    for src in org["sources"]:
        line = f"- #link({ts(src['url'])})[#{ts(source_line(src))}]"
        if src.get("licence"):
            lic = src["licence"]
            line += f". Licence: #link({ts(lic['url'])})[#{ts(lic['name'])}]"
        w(line)
    w("]")
    return "\n".join(out) + "\n"


# --- Pandoc Markdown -----------------------------------------------------------------------------

MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#$|~^@\"])")


def md(text):
    """Markdown text with every character Pandoc could read as markup escaped."""
    escaped = MD_SPECIAL.sub(r"\\\1", str(text).replace("\n", " "))
    # A line starting "2019. " would be an ordered list; "- " a bullet.
    return re.sub(r"^(\d+)\.", r"\1\\.", escaped)


def yaml_str(text):
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_markdown(org):
    out = []
    w = out.append
    w("---")
    w(f"title: {yaml_str(org['name'])}")
    w(f"subtitle: {yaml_str(', '.join(org.get('type') or []))}")
    w(f"lang: {org['language']}")
    w(f"date: {yaml_str(fmt_date(org['updated']))}")
    rights = licence_line(org)
    if rights:
        w(f"rights: {yaml_str(rights)}")
    w("---")
    w("")
    w(md(org["lead"]))
    w("")
    w("# Key facts {#key-facts}")
    w("")
    w("| Fact | Value |")
    w("| --- | --- |")
    for key, value in facts_rows(org):
        w(f"| {md(key)} | {md(value)} |")
    w("")

    def section(s, level):
        w(f"{'#' * level} {md(s['title'])} {{#{s['id']}}}")
        w("")
        for paragraph in s.get("paragraphs") or []:
            w(md(paragraph))
            w("")
        for sub in s.get("subsections") or []:
            section(sub, level + 1)

    for s in org.get("sections") or []:
        section(s, 1)
    titles = section_titles(org)
    w("# Timeline {#timeline}")
    w("")
    for event in org.get("timeline") or []:
        see = titles.get(event["section"], event["section"])
        w(f"- **{md(fmt_date(event['date']))}**: {md(event['title'])}. {md(event['text'])} "
          f"See [{md(see)}](#{event['section']}).")
    w("")
    w("# Sources and licence {#sources}")
    w("")
    for src in org["sources"]:
        line = f"- [{md(source_line(src))}]({src['url']})"
        if src.get("licence"):
            lic = src["licence"]
            line += f". Licence: [{md(lic['name'])}]({lic['url']})"
        w(line)
    w("")
    return "\n".join(out)


# --- main ----------------------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="data/kloop.yaml")
    parser.add_argument("--out", default="target/bench-compare")
    parser.add_argument("--sizes", default="1,10,50,100")
    args = parser.parse_args(argv)
    with open(args.data, encoding="utf-8") as f:
        text = f.read()
    os.makedirs(args.out, exist_ok=True)
    stem = os.path.splitext(os.path.basename(args.data))[0]
    for size in (int(s) for s in args.sizes.split(",")):
        scaled = scaled_kloop(text, size)
        org = yaml.safe_load(scaled)
        base = os.path.join(args.out, f"{stem}-x{size}")
        for ext, content in (("yaml", scaled), ("typ", to_typst(org)), ("md", to_markdown(org))):
            with open(f"{base}.{ext}", "w", encoding="utf-8") as f:
                f.write(content)
        words = sum(len(p.split()) for s in org["sections"] for p in s.get("paragraphs") or []) + sum(
            len(p.split()) for s in org["sections"] for sub in s.get("subsections") or []
            for p in sub.get("paragraphs") or []
        )
        print(f"{base}.{{yaml,typ,md}}: {len(org['sections'])} sections, "
              f"{len(org['timeline'])} events, {words} words of section text", file=sys.stderr)


if __name__ == "__main__":
    main()
