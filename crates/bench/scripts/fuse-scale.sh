#!/usr/bin/env bash
# Fusion at scale, side by side: this tree and a base revision, one story per run.
#
#   crates/bench/scripts/fuse-scale.sh [BASE_REV] [SIZES] [KINDS]
#
# Builds `fuse_scale` (crates/bench/src/bin/fuse_scale.rs) in release mode twice: from this tree,
# and from BASE_REV (default: main) exported with `git archive` into $CARGO_TARGET_DIR, with this
# tree's bench crate copied in (the harness only uses the public fuser API). Each size of each
# kind then runs once per build under `/usr/bin/time -v` on at most 2 threads, with a time limit
# ($FUSE_SCALE_TIMEOUT seconds, default 600) and an address-space limit ($FUSE_SCALE_MAX_KB,
# default 12 GiB) so that a runaway base run is reported, not fatal. One TSV line per run goes
# to stdout: build, kind, articles, fusion seconds, wall seconds, CPU seconds (user + system),
# peak RSS MiB, exit code and the harness's JSON line. On a loaded machine the CPU seconds are the
# figure to compare; a run killed by the time limit has exit code 124 and no figures.
# FUSE_SCALE_BASE_BIN=path uses an already built base `fuse_scale` instead of building BASE_REV
# (the runs still start in an export of BASE_REV, for the story data).
# After the table, one line per kind and build gives the growth exponents between successive
# sizes (log(time ratio) / log(size ratio), CPU seconds, then peak RSS): 1 is linear.
set -euo pipefail
base="${1:-main}"
sizes="${2:-50 200 500 2000}"
kinds="${3:-synthetic copies real}"
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"
limit_s="${FUSE_SCALE_TIMEOUT:-600}"
limit_kb="${FUSE_SCALE_MAX_KB:-12582912}"
bins="$target/fuse-scale-bin"
mkdir -p "$bins"

build() { # name src
    # The two trees' workspace crates get the same artifact names in one target directory
    # (cargo names a path package by its path inside the workspace), and once the second build
    # was judged fresh and copied the first one's binary (base and head byte for byte the
    # same): clean the workspace crates (not the registry dependencies) before each build.
    local pkgs
    pkgs="$(cd "$2" && cargo metadata --no-deps --format-version 1 |
        python3 -c 'import json, sys; print(" ".join("-p " + p["name"] for p in json.load(sys.stdin)["packages"]))')"
    # shellcheck disable=SC2086
    (cd "$2" && CARGO_TARGET_DIR="$target" cargo clean --release --quiet $pkgs)
    (cd "$2" && CARGO_TARGET_DIR="$target" cargo build --release --quiet -p crosscheck-bench --bin fuse_scale)
    cp "$target/release/fuse_scale" "$bins/$1"
}

src_base="$target/fuse-scale-base"
rm -rf "$src_base" && mkdir -p "$src_base"
git -C "$repo" archive "$base" | tar -x -C "$src_base"
rm -rf "$src_base/crates/bench" && cp -r "$repo/crates/bench" "$src_base/crates/bench"
export CROSSCHECK_SHARED="${CROSSCHECK_SHARED:-$(cd "$repo/../shared" && pwd)}"
if [ -n "${FUSE_SCALE_BASE_BIN:-}" ]; then
    cp "$FUSE_SCALE_BASE_BIN" "$bins/base"
else
    build base "$src_base" >&2
fi
build head "$repo" >&2

table="$(mktemp)"
printf 'build\tkind\tarticles\tfuse_s\twall_s\tcpu_s\tpeak_mib\texit\tjson\n'
for kind in $kinds; do
    for n in $sizes; do
        for b in base head; do
            log="$(mktemp)"
            set +e
            json="$( (ulimit -v "$limit_kb"; cd "$src_base"; RAYON_NUM_THREADS=2 timeout "$limit_s" \
                /usr/bin/time -v "$bins/$b" "$kind" "$n") 2>"$log")"
            code=$?
            set -e
            wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" |
                awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')"
            cpu="$(awk -F': ' '/User time|System time/ {t += $2} END {if (NR) printf "%.2f", t}' "$log")"
            rss="$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$log")"
            fuse_s="$(printf '%s' "$json" | sed -n 's/.*"fuse_s":\([0-9.]*\).*/\1/p')"
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$b" "$kind" "$n" "${fuse_s:--}" "${wall:--}" \
                "${cpu:--}" "${rss:--}" "$code" "${json:-}" | tee -a "$table"
            rm -f "$log"
        done
    done
done
# Growth exponents between successive sizes, per kind and build (a size a kind cannot reach,
# `real` past its corpus, counts the articles it had).
awk -F'\t' '$8 == 0 && $6 != "-" {
        key = $2 "\t" $1
        match($9, /"articles":[0-9]+/); n = substr($9, RSTART + 11, RLENGTH - 11) + 0
        if (key in last_n && n > last_n[key]) {
            cpu_e = (last_c[key] > 0 && $6 > 0) ? log($6 / last_c[key]) / log(n / last_n[key]) : 0
            mem_e = log($7 / last_m[key]) / log(n / last_n[key])
            curve[key] = curve[key] sprintf("  %d->%d: cpu %.2f rss %.2f", last_n[key], n, cpu_e, mem_e)
        }
        last_n[key] = n; last_c[key] = $6; last_m[key] = $7
    }
    END { for (k in curve) printf "exponents\t%s\t%s\n", k, curve[k] }' "$table" | sort
rm -f "$table"
