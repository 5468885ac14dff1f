#!/usr/bin/env bash
# azd preprovision: refuse, in one line and before anything is deployed, the values that would deploy silently but
# not work — the app registration that signs administrators in (AUTH_CLIENT_ID) missing, not a GUID, or the all-zero
# placeholder (App Service authentication would then refuse every administrator).
set -euo pipefail
id="${AUTH_CLIENT_ID:-}"
fail() { echo "preprovision: $*" >&2; exit 1; }
[ -n "$id" ] || fail "AUTH_CLIENT_ID is not set: azd env set AUTH_CLIENT_ID <client id of the Entra ID app registration that signs administrators in>"
[[ "$id" =~ ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ ]] \
  || fail "AUTH_CLIENT_ID '$id' is not a client id (a GUID): azd env set AUTH_CLIENT_ID <client id of the app registration>"
[ "$id" != "00000000-0000-0000-0000-000000000000" ] \
  || fail "AUTH_CLIENT_ID is the all-zero placeholder: azd env set AUTH_CLIENT_ID <client id of the app registration>"
case "${ENVIRONMENT_TYPE:-dev}" in dev|prod) ;; *) fail "ENVIRONMENT_TYPE '${ENVIRONMENT_TYPE}' must be dev or prod" ;; esac
echo "preprovision: AUTH_CLIENT_ID $id, environment ${ENVIRONMENT_TYPE:-dev}"
