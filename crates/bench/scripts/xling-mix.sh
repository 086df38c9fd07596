#!/usr/bin/env bash
# Cross-lingual story placement (issue 15): fuse every event's English reports, the reports in
# other languages and the distractors in one run, then print the story each report joined.
#
# Usage: crates/bench/scripts/xling-mix.sh [CROSSCHECK_BIN] [DATA_DIR]
# By default the binary is target/debug/crosscheck under $CARGO_TARGET_DIR (or ./target) and the
# data is ../shared/data/realnews.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
bin="${1:-${CARGO_TARGET_DIR:-$root/target}/debug/crosscheck}"
data="${2:-$root/../shared/data/realnews}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$bin" fuse -q "$data"/*/articles.jsonl "$data"/*/other-languages.jsonl "$data"/distractors.jsonl \
  --format json -o "$out/mix.json" || [ $? -eq 1 ] # 1: done, with item errors (printed above)
python3 "$root/crates/bench/scripts/xling_mix.py" "$out/mix.json" "$data"
