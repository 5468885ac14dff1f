#!/usr/bin/env bash
# The scaling curve: `hub bench-stages` at 10,000, 100,000 and 300,000 dossiers, each on a fresh Azurite, into
# docs/performance/scaling.csv, drawn as docs/performance/scaling.png. --with-million adds 1,000,000: more than an
# hour here, because Azurite's cost per write grows with the table (docs/performance.md).
# Usage: scripts/bench-scaling.sh [--with-million] [--sizes "N N ..."] [--units N]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
sizes=(10000 100000 300000)
units=100
while [ $# -gt 0 ]; do
  case "$1" in
    # Azurite keeps every entity in one Node heap: a million dossiers' rows (and the raw loop's as many) need more
    # than Node's default of about 4 GB.
    --with-million) sizes+=(1000000); export NODE_OPTIONS="--max-old-space-size=${AZURITE_HEAP_MB:-14336}"; shift ;;
    --sizes) read -r -a sizes <<<"$2"; shift 2 ;;
    --units) units="$2"; shift 2 ;;
    *) echo "unknown option: $1 (--with-million, --sizes \"N N ...\", --units N)" >&2; exit 2 ;;
  esac
done

npm ci --no-audit --no-fund --loglevel=error
dotnet build functions/Hub.Local -c Release -v quiet -nologo
hub=(dotnet functions/Hub.Local/bin/Release/net10.0/hub.dll)
csv=docs/performance/scaling.csv
mkdir -p docs/performance
rm -f "$csv"
trap '"$root/scripts/azurite-down.sh"' EXIT
for n in "${sizes[@]}"; do
  # A fresh Azurite per size: a long-lived one grows and slows down, which would bend the curve.
  "$root/scripts/azurite-down.sh" >/dev/null 2>&1 || true
  "$root/scripts/azurite-up.sh"
  # shellcheck disable=SC1091
  source "$root/.azurite/env"
  "${hub[@]}" bench-stages --dossiers "$n" --units "$units" --csv "$csv"
done
"${hub[@]}" bench-chart --csv "$csv" --png docs/performance/scaling.png
