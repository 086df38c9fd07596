#!/usr/bin/env bash
# Scores crosscheck's extractor and Python trafilatura on the same benchmark pages, one thread
# each, and prints one table (precision, recall, F1, median/mean ms per page, pages/s, speed
# ratio).
#
#   crates/bench/scripts/extract-eval.sh [extract_eval args...]
#
# The Python virtualenv lives outside the repository, in $EXTRACT_EVAL_VENV (by default
# ~/.cache/crosscheck/extract-eval-venv); the data in $EXTRACT_EVAL_DATA (by default
# ../shared/data/extraction next to the repository).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
data="${EXTRACT_EVAL_DATA:-$repo/../shared/data/extraction}"
venv="${EXTRACT_EVAL_VENV:-$HOME/.cache/crosscheck/extract-eval-venv}"
sets="${EXTRACT_EVAL_SETS:-aeb,wcxb-dev,wcxb-test,trafilatura}"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import trafilatura' 2>/dev/null; then
    # justext (a trafilatura dependency) imports lxml.html.clean, now a separate package.
    "$venv/bin/pip" install --quiet trafilatura lxml_html_clean
fi
"$venv/bin/python" -c 'import trafilatura; print("python trafilatura", trafilatura.__version__)' >&2

# Build first, so that the Python run and ours are not slowed down by a compile.
(cd "$repo" && cargo build --quiet --release -p crosscheck-bench --bin extract_eval)
target="${CARGO_TARGET_DIR:-$repo/target}"

peer="$(mktemp -t extract-peer.XXXXXX.json)"
trap 'rm -f "$peer"' EXIT
"$venv/bin/python" "$repo/crates/bench/scripts/extract_peer.py" --data "$data" --sets "$sets" --out "$peer"
"$target/release/extract_eval" --data "$data" --sets "$sets" --peer "$peer" "$@"
