#!/usr/bin/env bash
# Starts Azurite on loopback on free ports, waits until all three services answer, and writes
# .azurite/env (source it: exports HubStorage and AzureWebJobsStorage) and .azurite/azurite.pid.
# Usage: scripts/azurite-up.sh [--persist]   (default: in-memory; --persist keeps data in .azurite/data)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
state="$root/.azurite"
mkdir -p "$state"
bin="$root/node_modules/.bin/azurite"
[ -x "$bin" ] || { echo "azurite not installed: run 'npm ci' in $root" >&2; exit 1; }

if [ -f "$state/azurite.pid" ] && kill -0 "$(cat "$state/azurite.pid")" 2>/dev/null; then
  echo "azurite already running (pid $(cat "$state/azurite.pid")); reusing it" >&2
  exit 0
fi

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
blob="${AZURITE_BLOB_PORT:-$(free_port)}"
queue="${AZURITE_QUEUE_PORT:-$(free_port)}"
table="${AZURITE_TABLE_PORT:-$(free_port)}"
while [ "$queue" = "$blob" ]; do queue=$(free_port); done
while [ "$table" = "$blob" ] || [ "$table" = "$queue" ]; do table=$(free_port); done

persistence=(--inMemoryPersistence)
if [ "${1:-}" = "--persist" ]; then mkdir -p "$state/data"; persistence=(--location "$state/data"); fi

"$bin" "${persistence[@]}" --skipApiVersionCheck --loose --silent --disableTelemetry \
  --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
  --tableHost 127.0.0.1 --tablePort "$table" >"$state/azurite.log" 2>&1 &
pid=$!
echo "$pid" >"$state/azurite.pid"

key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
conn="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
cat >"$state/env" <<ENV
export HubStorage='$conn'
export AzureWebJobsStorage='$conn'
ENV

# Ready when every port answers HTTP (403 without auth is fine: it is serving).
for _ in $(seq 1 100); do
  ready=1
  for p in "$blob" "$queue" "$table"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$p/devstoreaccount1?comp=list" || true)
    [ "$code" = "000" ] && ready=0
  done
  if [ $ready = 1 ]; then echo "azurite ready (pid $pid; blob $blob, queue $queue, table $table)" >&2; exit 0; fi
  kill -0 "$pid" 2>/dev/null || { echo "azurite exited; log:" >&2; cat "$state/azurite.log" >&2; exit 1; }
  sleep 0.2
done
echo "azurite did not become ready in 20 s" >&2
kill "$pid" 2>/dev/null || true
exit 1
