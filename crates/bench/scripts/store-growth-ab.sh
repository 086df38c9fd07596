#!/usr/bin/env bash
# Store growth, A/B: like store-growth.sh, with two binaries ingesting the same batches into two
# stores, alternating batch by batch, so that both see the same load on a shared machine.
#
#   crates/bench/scripts/store-growth-ab.sh BASE_BIN NEW_BIN WORKDIR [ARTICLES]
#
# Prints CSV on stdout: bin,batch,stored_before,seconds,cpu_seconds,peak_rss_kib,db_bytes
# (bin is "base" or "new"), then "single" lines for five one-article ingests by each. Set LIMIT
# to stop after that many batches. The feed is WORKDIR/feed, made as store-growth.sh makes it.
set -euo pipefail
BASE=${1:?base crosscheck binary}
NEW=${2:?new crosscheck binary}
WORK=${3:?work directory}
N=${4:-200000}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$WORK"
if ! ls "$WORK"/feed/batch-00000.jsonl* >/dev/null 2>&1; then
    python3 "$HERE/synth_stories.py" --articles "$N" --batch 1000 --gzip --out "$WORK/feed" >&2
fi
for v in base new; do rm -f "$WORK/$v.db" "$WORK/$v.db-wal" "$WORK/$v.db-shm"; done
echo "bin,batch,stored_before,seconds,cpu_seconds,peak_rss_kib,db_bytes"
run() {
    local bin=$1 db=$2 input=$3
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$bin" ingest -q --db "$db" "$input" >/dev/null
    read -r wall user sys rss <"$WORK/time"
    bytes=$(( $(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0) ))
    echo "$wall,$(echo "$user + $sys" | bc),$rss,$bytes"
}
k=0
for f in "$WORK"/feed/batch-*.jsonl*; do
    [ -n "${LIMIT:-}" ] && [ "$k" -ge "$LIMIT" ] && break
    echo "base,$k,$((k * 1000)),$(run "$BASE" "$WORK/base.db" "$f")"
    echo "new,$k,$((k * 1000)),$(run "$NEW" "$WORK/new.db" "$f")"
    k=$((k + 1))
done
last=$(ls "$WORK"/feed/"$(printf 'batch-%05d.jsonl' $((k - 1)))"*)
for i in 1 2 3 4 5; do
    zcat -f "$last" | tail -n "$i" | sed -n "1{s/\"id\": \"n/\"id\": \"single$i-n/;p;}" > "$WORK/single$i.jsonl"
    echo "base,single,$((k * 1000 + i - 1)),$(run "$BASE" "$WORK/base.db" "$WORK/single$i.jsonl")"
    echo "new,single,$((k * 1000 + i - 1)),$(run "$NEW" "$WORK/new.db" "$WORK/single$i.jsonl")"
done
