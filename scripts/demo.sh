#!/usr/bin/env bash
# The main job, end to end, on a fresh machine: installs Azurite, builds, starts Azurite, runs `hub demo`
# (portal simulator -> sync through the storage queue -> scoring orchestration -> publication), stops Azurite.
# Extra arguments go to `hub demo` (see: scripts/demo.sh --help).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

npm ci --no-audit --no-fund --loglevel=error
dotnet build functions/Hub.Local -c Release -v quiet -nologo

trap '"$root/scripts/azurite-down.sh"' EXIT
"$root/scripts/azurite-up.sh"
# shellcheck disable=SC1091
source "$root/.azurite/env"
dotnet run --project functions/Hub.Local -c Release --no-build -- demo "$@"
