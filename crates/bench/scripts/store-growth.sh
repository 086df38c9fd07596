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
mkdir -p "$WORK"
# The feed is written gzip'd (about 60 MB per 200,000 articles); crosscheck reads it as is. A
# feed of plain .jsonl batches already in WORKDIR/feed is used too.
if ! ls "$WORK"/feed/batch-00000.jsonl* >/dev/null 2>&1; then
    python3 "$HERE/synth_stories.py" --articles "$N" --batch 1000 --gzip --out "$WORK/feed" >&2
fi
DB="$WORK/growth.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
echo "batch,stored_before,seconds,cpu_seconds,peak_rss_kib,db_bytes"
run() {
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$BIN" ingest -q --db "$DB" "$1" >/dev/null
    read -r wall user sys rss <"$WORK/time"
    bytes=$(( $(stat -c %s "$DB") + $(stat -c %s "$DB-wal" 2>/dev/null || echo 0) ))
    echo "$wall,$(echo "$user + $sys" | bc),$rss,$bytes"
}
k=0
for f in "$WORK"/feed/batch-*.jsonl*; do
    [ -n "${LIMIT:-}" ] && [ "$k" -ge "$LIMIT" ] && break
    echo "$k,$((k * 1000)),$(run "$f")"
    k=$((k + 1))
done
# One article at a time into the grown store: follow-ups of a recent story (its last line,
# re-identified), so each is placed against a live neighbourhood.
last=$(ls "$WORK"/feed/"$(printf 'batch-%05d.jsonl' $((k - 1)))"*)
for i in 1 2 3 4 5; do
    # (sed reads to the end: `head -n 1` could exit while tail still writes, and pipefail then
    # ended the script with SIGPIPE before the fifth single article, now and then.)
    zcat -f "$last" | tail -n "$i" | sed -n "1{s/\"id\": \"n/\"id\": \"single$i-n/;p;}" > "$WORK/single$i.jsonl"
    echo "single,$((k * 1000 + i - 1)),$(run "$WORK/single$i.jsonl")"
done
