#!/usr/bin/env bash
# Builds a briefing packet of 50 organisations (copies of the three files in data/, each under
# its own name) with the release binary, 5 times, and prints wall time and peak memory of each
# run (GNU time). The row goes into BENCHMARKS.md ("A packet of 50 organisations").
#
#   bash benches/packet.sh            # MEMBERS=100 RUNS=3 bash benches/packet.sh
set -euo pipefail
cd "$(dirname "$0")/.."
MEMBERS="${MEMBERS:-50}"
RUNS="${RUNS:-5}"
DIR="${RESULTS_DIR:-target/bench-packet}"

cargo build --release --quiet
rm -rf "$DIR" && mkdir -p "$DIR/orgs" "$DIR/out"
sources=(data/kloop.yaml data/steppe-watch.yaml data/too-media.yaml)
members=()
for i in $(seq 1 "$MEMBERS"); do
    name=$(printf 'org-%03d.yaml' "$i")
    cp "${sources[$(( (i - 1) % ${#sources[@]} ))]}" "$DIR/orgs/$name"
    members+=("orgs/$name")
done
{
    printf 'packet:\n  title: A packet of %s organisations\n  language: en\n  updated: 2026-11-27\n' "$MEMBERS"
    printf '  introduction: [Copies of the example organisations, to measure a large packet.]\n'
    printf '  members:\n'
    printf '    - %s\n' "${members[@]}"
} > "$DIR/packet.yaml"

printf '| run | wall | peak RSS | CPU | pages |\n| --- | --- | --- | --- | --- |\n'
for run in $(seq 1 "$RUNS"); do
    /usr/bin/time -f '%e %M %P' -o "$DIR/time.txt" target/release/dossier build "$DIR/packet.yaml" -o "$DIR/out" >/dev/null
    read -r wall kib cpu < "$DIR/time.txt"
    pages=$(pdfinfo "$DIR/out/packet.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
    printf '| %s | %s s | %.1f MiB | %s | %s |\n' "$run" "$wall" "$(echo "$kib / 1024" | bc -l)" "$cpu" "${pages:-?}"
done
