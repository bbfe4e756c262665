#!/usr/bin/env bash
# The test command (README): installs the independent validators when missing, then runs the
# whole test suite with them required, so a missing tool fails a test instead of skipping it.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/install-validators
export DOSSIER_REQUIRE_TOOLS=1
cargo test --all-targets "$@"
