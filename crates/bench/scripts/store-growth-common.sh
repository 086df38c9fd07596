# Shared by store-growth.sh and store-growth-ab.sh (sourced, not run): the feed, one timed
# ingest, and the one-article inputs.

# make_feed WORK N: writes WORK/feed (gzip'd batches of 1,000 synthetic articles, about 60 MB
# per 200,000; crosscheck reads them as they are) unless a feed of .jsonl or .jsonl.gz batches
# is already there.
make_feed() {
    if ! ls "$1"/feed/batch-00000.jsonl* >/dev/null 2>&1; then
        python3 "$(dirname "${BASH_SOURCE[0]}")/synth_stories.py" --articles "$2" --batch 1000 \
            --gzip --out "$1/feed" >&2
    fi
}

# timed_ingest BIN DB INPUT: ingests INPUT into DB and prints
# seconds,cpu_seconds,peak_rss_kib,db_bytes (cpu_seconds = user + system: the figure to compare
# on a shared machine; db_bytes counts the write-ahead log). Uses $WORK/time.
timed_ingest() {
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$1" ingest -q --db "$2" "$3" >/dev/null
    read -r wall user sys rss <"$WORK/time"
    bytes=$(( $(stat -c %s "$2") + $(stat -c %s "$2-wal" 2>/dev/null || echo 0) ))
    echo "$wall,$(echo "$user + $sys" | bc),$rss,$bytes"
}

# single_input WORK K I: writes WORK/singleI.jsonl, a follow-up of a recent story (the I-th
# line from the end of batch K-1, re-identified), so it is placed against a live neighbourhood.
single_input() {
    local last
    last=$(ls "$1"/feed/"$(printf 'batch-%05d.jsonl' $(($2 - 1)))"*)
    # (sed reads to the end: `head -n 1` could exit while tail still writes, and pipefail then
    # ended the script with SIGPIPE before the fifth single article, now and then.)
    zcat -f "$last" | tail -n "$3" | sed -n "1{s/\"id\": \"n/\"id\": \"single$3-n/;p;}" \
        > "$1/single$3.jsonl"
}
