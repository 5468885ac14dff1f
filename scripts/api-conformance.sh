#!/usr/bin/env bash
# The administrators' API checked by tools we did not write: Spectral lints openapi.json (zero errors), then real
# answers of `hub serve` go through Prism's validating proxy (--errors): a request or response that does not match
# the document fails the check. Needs HubStorage (Azurite) and a built hub. Prints one line per check and, last,
# "conformance: N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
spec=functions/Hub.Api/OpenApi/openapi.json
passed=0; failed=0
ok() { echo "  ok   $1"; passed=$((passed + 1)); }
ko() { echo "  FAIL $1"; failed=$((failed + 1)); }

if npx --no-install spectral lint "$spec" --fail-severity=error >out/spectral.log 2>&1; then ok "spectral: $(grep -oE '[0-9]+ errors?, [0-9]+ warnings?' out/spectral.log || echo 'no problems')"
else ko "spectral found errors (out/spectral.log)"; cat out/spectral.log; fi
# The hub's rules catch what they are for: the same document without a Location header and an example fails.
node -e 'const d=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));
  delete d.paths["/scoring/{period}"].post.responses["202"].headers;
  delete d.paths["/live/{period}"].get.responses["200"].content["application/json"].example;
  require("fs").writeFileSync("out/openapi-broken.json", JSON.stringify(d));' "$spec"
npx --no-install spectral lint out/openapi-broken.json --ruleset .spectral.yaml --fail-severity=error >out/spectral-broken.log 2>&1
if grep -q hub-location-header out/spectral-broken.log && grep -q hub-success-json-example out/spectral-broken.log; then ok "spectral: the hub's rules refuse a document without a Location header or an example"
else ko "spectral did not refuse a document without a Location header and an example (out/spectral-broken.log)"; fi

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
api=$(free_port); proxy=$(free_port)
period=$(date -u -d "$(date -u +%Y-%m-01) -3 months" +%Y)-Q$(( ( $(date -u -d "$(date -u +%Y-%m-01) -3 months" +%-m) - 1 ) / 3 + 1 ))
StorageNamespace="conf$RANDOM" dotnet functions/Hub.Local/bin/Release/net10.0/hub.dll serve --port "$api" --units 12 --dossiers 1200 >out/conformance-serve.log 2>&1 &
serve=$!
# Prism started as itself, not through npx: killing npx's pid would leave its node child (the proxy) running.
node_modules/.bin/prism proxy "$spec" "http://127.0.0.1:$api/api" --errors --port "$proxy" >out/prism.log 2>&1 &
prism=$!
stop() {
  kill "$serve" "$prism" 2>/dev/null
  wait "$serve" "$prism" 2>/dev/null
  # Whatever Prism forked for itself goes with it.
  pkill -f "prism proxy $spec http://127.0.0.1:$api/api" 2>/dev/null || true
}
trap stop EXIT
for _ in $(seq 1 600); do grep -q "hub serve:" out/conformance-serve.log && break; sleep 0.5; done
# A hub that never came up is one named failure with its own last words, not twenty ECONNREFUSEDs.
grep -q "hub serve:" out/conformance-serve.log || { echo "  FAIL hub serve did not start in 300 s:"; tail -5 out/conformance-serve.log | cut -c1-300; }
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$proxy/health" && break; sleep 0.5; done

# check METHOD PATH EXPECTED_STATUS [BODY] [AUTH=yes]
check() {
  local method=$1 path=$2 expected=$3 body=${4:-} auth=${5:-yes}
  local args=(-s -o out/conformance-body -D out/conformance-headers -X "$method" "http://127.0.0.1:$proxy/$path")
  [ "$auth" = yes ] && args+=(-H 'x-hub-dev-key: local-admin-key')
  [ -n "$body" ] && args+=(-H 'content-type: application/json' -d "$body")
  curl "${args[@]}"
  local status; status=$(head -1 out/conformance-headers | awk '{print $2}')
  if grep -qi '^sl-violations' out/conformance-headers || grep -q 'stoplight.io/prism/errors' out/conformance-body; then
    ko "$method /api/$path: Prism reports a violation: $(grep -i '^sl-violations' out/conformance-headers) $(head -c 300 out/conformance-body)"
  elif [ "$status" != "$expected" ]; then ko "$method /api/$path: $status, expected $expected: $(head -c 300 out/conformance-body)"
  else ok "$method /api/$path -> $status"; fi
}

check GET health 200 "" no
check GET openapi.json 200 "" no
check GET sync/status 200
check GET "scores/$period" 404
check GET "scoring/$period" 404
check POST "scoring/$period" 202 '{"reason":"conformance run"}'
check POST "scoring/$period" 409 '{"reason":"a second start"}'
for _ in $(seq 1 120); do
  curl -s -H 'x-hub-dev-key: local-admin-key' "http://127.0.0.1:$api/api/scoring/$period" | grep -q '"stage":"done:' && break; sleep 0.5
done
check GET "scoring/$period" 200
check GET "publications/$period" 200
check GET "scores/$period" 200
check GET "scores/$period?unit=G12" 200
check GET "reconciliation/$period" 200
check POST "publications/$period/approval" 409 '{"approve":true}'
check POST "publications/$period" 202 '{"reason":"re-publication after a correction"}'
check GET reports 200 "" no
# (GET reports/{period} answers 302; Prism's proxy follows redirects, so it is checked by ReportTests instead.)
check GET "reports/$period/v1/index.html" 200 "" no
check GET "reports/$period/v1/index.xlsx" 200 "" no
check GET "reports/$period/v9/index.html" 404 "" no
check POST "scoring/2100-Q4" 409 '{"reason":"a period that has not ended"}'
# The rest of the table, each answer validated against its generated schema.
running=$(date -u +%Y)-Q$(( ( $(date -u +%-m) - 1 ) / 3 + 1 ))
check GET "reports/$period/v1/index.json" 200 "" no
check GET alerts 200
check GET "provisional/$period" 404
check POST "comparisons/$period" 201 '{"methodology":"766-2022"}'
check GET "comparisons/$period" 200
check GET "breakdown/$period?unit=G12" 200
check GET "live/$running?unit=G12" 200
check GET "watchlist/$running?unit=G12&kind=overdue&pageSize=5" 200
check GET "watchlist/$running?unit=G12&format=csv" 200
check PUT scopes/xem-thu 200 '{"units":["G12.02"],"reason":"conformance: a viewer of G12.02"}'
check GET scopes 200
check POST subscriptions 201 '{"unit":"G12.02","channel":"webhook","address":"https://hooks.example.vn/hub","digest":false}'
check GET subscriptions 200
subscription=$(node -e 'console.log(JSON.parse(require("fs").readFileSync("out/conformance-body","utf8"))[0].id)' 2>/dev/null)
check DELETE "subscriptions/G12.02/$subscription" 204
check GET notifications/deliveries 200
check GET console 200
check DELETE scopes/xem-thu 204
check DELETE scopes/xem-thu 404
check POST "scoring/2021-Q4" 400 '{"reason":"before the first period"}'

echo "conformance: $passed passed, $failed failed"
[ "$failed" = 0 ]
