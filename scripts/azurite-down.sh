#!/usr/bin/env bash
# Stops the Azurite started by azurite-up.sh, by its own pid (TERM, then KILL after 5 s).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
pidfile="$root/.azurite/azurite.pid"
[ -f "$pidfile" ] || exit 0
pid=$(cat "$pidfile")
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  echo "azurite stopped (pid $pid)" >&2
fi
rm -f "$pidfile" "$root/.azurite/env"
