# Sourced by the server benchmarks (crates/server/bench/load.sh, crates/bench/scripts/healthz.sh).
#
#   listening_port PID LOG
#
# Waits up to ten seconds for the `crosscheck serve` of process PID, started with
# `--addr 127.0.0.1:0`, to listen, and prints its port. The address is logged at info level,
# which RUST_LOG=warn hides, so the port is read from `ss`. When the server does not start,
# prints LOG on stderr and returns 1.
listening_port() {
  local pid=$1 log=$2 port=""
  for _ in $(seq 1 100); do
    port="$(ss -ltnpH 2>/dev/null | grep "pid=$pid," | grep -o '127\.0\.0\.1:[0-9]*' | head -1 | cut -d: -f2 || true)"
    [ -n "$port" ] && { echo "$port"; return 0; }
    sleep 0.1
  done
  echo "server did not start" >&2
  cat "$log" >&2
  return 1
}
