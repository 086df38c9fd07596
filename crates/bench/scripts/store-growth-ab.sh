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
. "$HERE/store-growth-common.sh"
mkdir -p "$WORK"
make_feed "$WORK" "$N"
for v in base new; do rm -f "$WORK/$v.db" "$WORK/$v.db-wal" "$WORK/$v.db-shm"; done
echo "bin,batch,stored_before,seconds,cpu_seconds,peak_rss_kib,db_bytes"
k=0
for f in "$WORK"/feed/batch-*.jsonl*; do
    [ -n "${LIMIT:-}" ] && [ "$k" -ge "$LIMIT" ] && break
    echo "base,$k,$((k * 1000)),$(timed_ingest "$BASE" "$WORK/base.db" "$f")"
    echo "new,$k,$((k * 1000)),$(timed_ingest "$NEW" "$WORK/new.db" "$f")"
    k=$((k + 1))
done
for i in 1 2 3 4 5; do
    single_input "$WORK" "$k" "$i"
    echo "base,single,$((k * 1000 + i - 1)),$(timed_ingest "$BASE" "$WORK/base.db" "$WORK/single$i.jsonl")"
    echo "new,single,$((k * 1000 + i - 1)),$(timed_ingest "$NEW" "$WORK/new.db" "$WORK/single$i.jsonl")"
done
