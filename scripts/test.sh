#!/usr/bin/env bash
# Runs every test from a fresh clone: installs Azurite (npm ci), restores, builds, starts Azurite on free
# loopback ports, runs all test projects, and stops Azurite (by its pid) whatever happens.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mkdir -p out

npm ci --no-audit --no-fund --loglevel=error
# The report's browser test drives Debian's chromium (Playwright's own browser download cannot work here); Noto for
# Vietnamese text in the browser.
if ! command -v chromium >/dev/null 2>&1 || [ ! -d /usr/share/fonts/truetype/noto ]; then
  as_root=""; [ "$(id -u)" = 0 ] || as_root="sudo"
  $as_root apt-get install -y -qq chromium fonts-noto-core >/dev/null 2>&1 \
    || { $as_root apt-get update -qq >/dev/null && $as_root apt-get install -y -qq chromium fonts-noto-core >/dev/null; }
fi
dotnet restore Hub.sln -v quiet | grep -v "warning NU1603" || true
# The tools the tests run (dotnet-tools.json): smtp4dev, the real SMTP server the notification tests send through.
dotnet tool restore >/dev/null
# NU1603 (the registry serves a newer patch than asked) is expected here: see Directory.Build.props.
dotnet build Hub.sln --no-restore -c Release -nologo 2>&1 | grep -vE "warning NU1603" | grep -E "error|Warn|Error|Elapsed" || true
[ "${PIPESTATUS[0]}" = "0" ] || { echo "BUILD FAILED"; echo "0 passed, 1 failed"; exit 1; }

trap '"$root/scripts/azurite-down.sh"' EXIT
# Each stage gets its own fresh in-memory Azurite: an in-memory store that has taken a hundred integration tests'
# data answers slowly enough (minutes per query) to time out the next stage's start-up, which is a fact about the
# emulator's memory, not about the code under test.
fresh_azurite() {
  "$root/scripts/azurite-down.sh"
  "$root/scripts/azurite-up.sh"
  # shellcheck disable=SC1091
  source "$root/.azurite/env"
}

status=0
passed=0
failed=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  log="out/$name.log"
  echo "== $name"
  fresh_azurite
  if ! dotnet test "$project" --no-build -c Release --logger "console;verbosity=normal" >"$log" 2>&1; then status=1; fi
  grep -E '\[FAIL\]|Error Message|^\s+(Assert|Expected|Actual)|^\s*(Total tests|Passed|Failed|Skipped):|Total time' "$log" || true
  p=$(grep -E '^\s*Passed:\s+[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  f=$(grep -E '^\s*Failed:\s+[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  # A project that crashed before reporting counts as one failure, never as nothing.
  if [ -z "$p" ] && [ -z "$f" ]; then f=1; status=1; fi
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
# The API checked by tools we did not write (Spectral, Prism's validating proxy over a running hub serve).
echo "== API conformance"
fresh_azurite
if scripts/api-conformance.sh >out/conformance.log 2>&1; then :; else status=1; fi
grep -E 'FAIL|conformance:' out/conformance.log || true
cp=$(grep -oE 'conformance: [0-9]+ passed' out/conformance.log | grep -oE '[0-9]+' || echo 0)
cf=$(grep -oE '[0-9]+ failed' out/conformance.log | tail -1 | grep -oE '[0-9]+' || echo 1)
passed=$((passed + cp)); failed=$((failed + cf))
if [ $status != 0 ] && [ $failed = 0 ]; then failed=1; fi # a runner that failed without naming a test still fails
if [ $status = 0 ]; then echo "ALL TESTS PASSED"; else echo "TESTS FAILED (full logs in out/)"; fi
echo "$passed passed, $failed failed"
exit $status
