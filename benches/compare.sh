#!/usr/bin/env bash
# Times our release build (PDF + EPUB) against Typst (PDF) and Pandoc (EPUB) on data/kloop.yaml
# and on 10x, 50x and 100x versions of it. Runnable from a fresh clone: installs what is missing
# (pandoc and fonts-noto-core from Debian, typst and PyYAML from PyPI), builds the release
# binary, generates equivalent Typst and Pandoc Markdown sources (benches/gen_sources.py), then
# runs benches/compare.py, which prints the table that goes into BENCHMARKS.md.
#
#   bash benches/compare.sh                    # 5 interleaved runs per tool and size
#   RUNS=3 SIZES=1,50 bash benches/compare.sh  # fewer
#
# Work files go to target/bench-compare/ (RESULTS_DIR to change); raw samples to results.json there.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS="${RUNS:-5}"
SIZES="${SIZES:-1,10,50,100}"
DIR="${RESULTS_DIR:-target/bench-compare}"
PYTHON="${PYTHON:-python3}"

say() { printf '==> %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        say "need root for: $*"; exit 1
    fi
}

apt_updated=
apt_install() {
    if [ -z "$apt_updated" ]; then
        as_root apt-get update -qq
        apt_updated=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- tools -----------------------------------------------------------------------------------------
# GNU time measures peak memory: a process started from Python inherits Python's own peak at exec.
if [ ! -x /usr/bin/time ]; then
    say "installing time (apt)"
    apt_install time
fi
if ! command -v pandoc >/dev/null; then
    say "installing pandoc (apt)"
    apt_install pandoc
fi
# Typst is given the repository's fonts/ (Noto Sans Regular/Bold/Italic, the same files our binary
# embeds) and ignores system fonts; fonts-noto-core is what those files come from, installed for
# completeness when missing.
if [ ! -e /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf ]; then
    say "installing fonts-noto-core (apt)"
    apt_install fonts-noto-core || say "fonts-noto-core could not be installed; using fonts/ only"
fi
if ! "$PYTHON" -c 'import typst' 2>/dev/null; then
    say "installing typst (PyPI)"
    "$PYTHON" -m pip install --quiet typst
fi
if ! "$PYTHON" -c 'import yaml' 2>/dev/null; then
    say "installing PyYAML (PyPI)"
    "$PYTHON" -m pip install --quiet PyYAML
fi

say "versions: $(pandoc --version | head -n1); typst (PyPI) $("$PYTHON" -c 'import typst; print(typst.__version__)'); $("$PYTHON" --version)"

# --- our binary ------------------------------------------------------------------------------------
say "cargo build --release"
cargo build --release --quiet
say "$(target/release/dossier --version)"

# --- inputs ----------------------------------------------------------------------------------------
rm -rf "$DIR"
mkdir -p "$DIR"
say "generating inputs in $DIR (sizes $SIZES)"
"$PYTHON" benches/gen_sources.py --data data/kloop.yaml --out "$DIR" --sizes "$SIZES"

# --- timing ----------------------------------------------------------------------------------------
say "timing: $RUNS interleaved runs per tool and size"
"$PYTHON" benches/compare.py --dir "$DIR" --dossier target/release/dossier --fonts fonts \
    --runs "$RUNS" --sizes "$SIZES"
