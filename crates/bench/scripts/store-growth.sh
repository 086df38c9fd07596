#!/usr/bin/env bash
# Store growth: ingest batches of 1,000 synthetic articles into one story database and time
# each batch; then time single articles into the grown store.
#
#   crates/bench/scripts/store-growth.sh BIN WORKDIR [ARTICLES]
#
# BIN is a crosscheck binary (a release build for figures). Prints CSV on stdout:
#   batch,stored_before,seconds,cpu_seconds,peak_rss_kib,db_bytes
# (cpu_seconds = user + system: the figure to compare on a shared machine), then lines
# "single,..." with the same columns for five one-article ingests. Set LIMIT to stop after that
# many batches.
set -euo pipefail
BIN=${1:?crosscheck binary}
WORK=${2:?work directory}
N=${3:-200000}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/store-growth-common.sh"
mkdir -p "$WORK"
make_feed "$WORK" "$N"
DB="$WORK/growth.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
echo "batch,stored_before,seconds,cpu_seconds,peak_rss_kib,db_bytes"
k=0
for f in "$WORK"/feed/batch-*.jsonl*; do
    [ -n "${LIMIT:-}" ] && [ "$k" -ge "$LIMIT" ] && break
    echo "$k,$((k * 1000)),$(timed_ingest "$BIN" "$DB" "$f")"
    k=$((k + 1))
done
# One article at a time into the grown store.
for i in 1 2 3 4 5; do
    single_input "$WORK" "$k" "$i"
    echo "single,$((k * 1000 + i - 1)),$(timed_ingest "$BIN" "$DB" "$WORK/single$i.jsonl")"
done
