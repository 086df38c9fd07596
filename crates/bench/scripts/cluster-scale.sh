#!/usr/bin/env bash
# Clustering at scale: `crosscheck cluster` over N synthetic articles (one file), with
# articles per second and peak RSS.
#
#   crates/bench/scripts/cluster-scale.sh BIN WORKDIR N
#
# Prints one CSV line: articles,seconds,articles_per_s,peak_rss_kib,stories
set -euo pipefail
BIN=${1:?crosscheck binary}
WORK=${2:?work directory}
N=${3:?number of articles}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$WORK/scale-$N"
if [ ! -f "$WORK/scale-$N/all.jsonl" ]; then
    python3 "$HERE/synth_stories.py" --articles "$N" --one-file --out "$WORK/scale-$N" >&2
fi
start=$(date +%s.%N)
/usr/bin/time -f %M -o "$WORK/rss" "$BIN" cluster -q "$WORK/scale-$N/all.jsonl" >"$WORK/scale-$N/out.jsonl"
end=$(date +%s.%N)
secs=$(echo "$end - $start" | bc)
stories=$(python3 -c "import json,sys; print(len({json.loads(l)['story'] for l in open(sys.argv[1])}))" "$WORK/scale-$N/out.jsonl")
echo "$N,$secs,$(echo "$N / $secs" | bc),$(cat "$WORK/rss"),$stories"
