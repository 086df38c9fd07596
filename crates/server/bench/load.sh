#!/usr/bin/env bash
# Load benchmark (not a test): `wrk` against GET /api/stories/{id} of a `crosscheck serve` on
# loopback, bounded in time. Target: >= 5,000 requests/s with p99 < 20 ms on 2 cores.
#
# Usage: crates/server/bench/load.sh [DURATION] [CONNECTIONS] [WRK_THREADS]
#        (defaults: 10s, 32, 1). Needs Debian's `wrk`. Builds the release binary, ingests
#        examples/ into a temporary database and benchmarks its largest story.
set -euo pipefail
duration="${1:-10s}"
connections="${2:-32}"
threads="${3:-1}"
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$repo"
# shellcheck source=port.sh
. "$repo/crates/server/bench/port.sh"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
command -v wrk > /dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

cargo build --quiet --release -p crosscheck-cli --bin crosscheck
bin="$CARGO_TARGET_DIR/release/crosscheck"
work="$(mktemp -d)"
server=""
cleanup() {
  [ -n "$server" ] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" ingest --quiet --db "$work/bench.db" examples > /dev/null || [ $? -eq 1 ]
story="$("$bin" stories --db "$work/bench.db" --json | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin if l.strip()]
print(max(rows, key=lambda r: r["articles"])["id"])')"

RUST_LOG=warn "$bin" serve --db "$work/bench.db" --addr 127.0.0.1:0 --log-format json > "$work/serve.log" 2>&1 &
server=$!
port="$(listening_port "$server" "$work/serve.log")"
url="http://127.0.0.1:$port/api/stories/$story"
bytes="$(curl -s "$url" | wc -c)"
echo "story $story: $bytes bytes per response; wrk -t$threads -c$connections -d$duration"
wrk -t"$threads" -c"$connections" -d"$duration" --timeout 5s --latency "$url"
