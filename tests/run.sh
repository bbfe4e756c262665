#!/usr/bin/env bash
# The test command (README): installs the independent validators when missing, then runs the
# whole test suite with them required, so a missing tool fails a test instead of skipping it.
# The tests build in the release profile, the README's first command's: the dependencies
# compiled for `cargo run --release` are used again, not compiled a second time.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/install-validators
export DOSSIER_REQUIRE_TOOLS=1
cargo test --release --all-targets "$@"
# Every pathological input class at two sizes 4x apart: fails when time or memory grows more
# than 6x (benches/scaling.py; the binary is the one the tests just built).
python3 benches/scaling.py "${CARGO_TARGET_DIR:-target}/release/dossier"
