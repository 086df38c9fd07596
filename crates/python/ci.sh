#!/usr/bin/env bash
# Builds the wheel into the virtualenv .ci/install made and runs its pytest suite (the API, the
# CLI parity check on the demo corpus, the Spark job on Sail). Run from anywhere; .ci/run calls
# it after `cargo test`, whose build of the `crosscheck` binary the parity check uses.
set -euo pipefail
cd "$(dirname "$0")"
venv="${CROSSCHECK_VENV:-$HOME/.cache/crosscheck-venv}"
export VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" PYO3_PYTHON="$venv/bin/python"
target="${CARGO_TARGET_DIR:-../../target}"

# The extension module's own code only compiles with the `python` feature, which the
# workspace-wide clippy leaves off.
cargo clippy -p crosscheck-python --all-targets --features python --locked -- -D warnings
# A dev build: the dependencies are already compiled by `cargo test`, and a release build of
# the whole engine would cost minutes of CI for seconds of test time.
maturin develop --quiet
export CROSSCHECK_BIN="${CROSSCHECK_BIN:-$target/debug/crosscheck}"
[ -x "$CROSSCHECK_BIN" ] || cargo build --locked -q -p crosscheck-cli
python -m pytest -q tests
