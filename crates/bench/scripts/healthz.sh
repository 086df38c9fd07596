#!/usr/bin/env bash
# `/healthz` under load: serves DB with BIN on loopback and runs `wrk` against `/healthz`.
#
#   crates/bench/scripts/healthz.sh BIN DB [DURATION] [CONNECTIONS]
#
# Prints one CSV line: db,articles,requests_per_s,p99 (Debian's `wrk` must be installed).
set -euo pipefail
# shellcheck source=../../server/bench/port.sh
. "$(dirname "$0")/../../server/bench/port.sh"
BIN=${1:?crosscheck binary}
DB=${2:?story database}
DURATION=${3:-10s}
CONNECTIONS=${4:-32}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
log=$(mktemp)
RUST_LOG=warn "$BIN" serve --db "$DB" --addr 127.0.0.1:0 >"$log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
port="$(listening_port "$server" "$log")"
url="http://127.0.0.1:$port/healthz"
articles=$(curl -s "$url" | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')
out=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --timeout 5s --latency "$url")
rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
echo "$DB,$articles,$rps,$p99"
