#!/usr/bin/env bash
# End-to-end test of `crosscheck serve` in headless Chromium: builds the binary, ingests the demo
# corpus (examples/) and the hostile fixtures into a temporary database, serves it on a free
# loopback port, runs story.test.mjs with node's test runner, and shuts the server down with
# SIGTERM (which must end it cleanly). Screenshots are kept in $SHOT_DIR (a new temporary folder
# by default), printed at the end.
#
# CROSSCHECK_BIN=path skips the build and tests that binary.
#
# Needs: Debian's chromium (/usr/bin/chromium), node and `npm ci` in e2e/ (done here if needed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
cd "$repo"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"

# CROSSCHECK_BIN runs an already built binary instead.
bin="${CROSSCHECK_BIN:-}"
if [ -z "$bin" ]; then
  cargo build --quiet -p crosscheck-cli --bin crosscheck
  bin="$CARGO_TARGET_DIR/debug/crosscheck"
fi
work="$(mktemp -d)"
export SHOT_DIR="${SHOT_DIR:-$(mktemp -d -t crosscheck-shots-XXXXXX)}"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -KILL "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

inputs=("$here/fixtures")
if [ -d examples ] && [ -n "$(ls -A examples 2>/dev/null)" ]; then inputs=(examples "${inputs[@]}"); fi
# Exit 1 (some items failed, e.g. a README) still leaves the stories to test.
status=0
"$bin" ingest --quiet --db "$work/e2e.db" "${inputs[@]}" > "$work/ingest.out" || status=$?
if [ "$status" -gt 1 ]; then echo "ingest failed with status $status" >&2; exit 1; fi
echo "ingested $(grep -c '^added' "$work/ingest.out") articles into $(grep -c '^story' "$work/ingest.out") stories"

"$bin" serve --db "$work/e2e.db" --addr 127.0.0.1:0 > "$work/serve.log" 2>&1 &
server=$!
addr=""
for _ in $(seq 1 100); do
  addr="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" | head -1 || true)"
  [ -n "$addr" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$addr" ] || { echo "server did not start" >&2; cat "$work/serve.log" >&2; exit 1; }

if [ ! -d "$here/node_modules/playwright-core" ]; then (cd "$here" && npm ci --silent); fi
test_status=0
BASE_URL="$addr" node --test --test-reporter=spec "$here/story.test.mjs" || test_status=$?

kill -TERM "$server"
server_status=0
wait "$server" || server_status=$?
server=""
if [ "$server_status" -ne 0 ]; then
  echo "server exited with status $server_status after SIGTERM" >&2
  cat "$work/serve.log" >&2
  exit 1
fi
grep -q 'shutting down' "$work/serve.log" || { echo "no graceful shutdown in the log" >&2; exit 1; }
echo "screenshots: $SHOT_DIR"
exit "$test_status"
