#!/usr/bin/env sh
# MinHash signatures: crosscheck vs rensa and datasketch. See minhash_compare.py.
# The virtual environment lives outside the repository:
#   ${CROSSCHECK_BENCH_VENV:-$HOME/.cache/crosscheck-bench-venv}
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
venv=${CROSSCHECK_BENCH_VENV:-$HOME/.cache/crosscheck-bench-venv}
ecb=${ECBPLUS_DIR:-$repo/../shared/data/ecbplus}
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet rensa datasketch
fi
cargo build --quiet --release -p crosscheck-bench --bin dedup_minhash
target=${CARGO_TARGET_DIR:-$repo/target}
"$venv/bin/python" "$here/minhash_compare.py" "$ecb" "$target/release/dedup_minhash"
