#!/usr/bin/env bash
# Clustering at scale: `crosscheck cluster` over N synthetic articles (one gzip'd file, which
# crosscheck reads as is), with articles per second and peak RSS.
#
#   crates/bench/scripts/cluster-scale.sh BIN WORKDIR N
#
# Prints one CSV line:
#   articles,seconds,cpu_seconds,articles_per_s,articles_per_cpu_s,peak_rss_kib,stories
# (cpu_seconds = user + system: the figure to compare on a shared machine). The corpus stays in
# WORKDIR for the next run (about 190 MB per million articles); the output is deleted.
set -euo pipefail
BIN=${1:?crosscheck binary}
WORK=${2:?work directory}
N=${3:?number of articles}
HERE=$(cd "$(dirname "$0")" && pwd)
DIR="$WORK/scale-$N"
mkdir -p "$DIR"
if [ ! -f "$DIR/all.jsonl.gz" ]; then
    python3 "$HERE/synth_stories.py" --articles "$N" --one-file --gzip --out "$DIR" >&2
fi
/usr/bin/time -f "%e %U %S %M" -o "$DIR/time" "$BIN" cluster -q "$DIR/all.jsonl.gz" >"$DIR/out.jsonl"
read -r wall user sys rss <"$DIR/time"
cpu=$(echo "$user + $sys" | bc)
stories=$(python3 -c "import json,sys; print(len({json.loads(l)['story'] for l in open(sys.argv[1])}))" "$DIR/out.jsonl")
rm -f "$DIR/out.jsonl"
echo "$N,$wall,$cpu,$(echo "$N / $wall" | bc),$(echo "$N / $cpu" | bc),$rss,$stories"
