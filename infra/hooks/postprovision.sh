#!/usr/bin/env bash
# azd postprovision: what a first `azd up` needs beyond the template.
# 1. The personal-data hashing key (Decree 13/2023/NĐ-CP): created once, random, if absent; never rotated here
#    (rotation is a re-sync procedure, docs/security.md). An existing secret is never overwritten, a soft-deleted one
#    (azd down, then azd up) is recovered, and only a definite "not found" creates a new one: any other failure of
#    the read stops the hook, because a new key would silently make every stored hash unmatchable.
# 2. The source API keys: checked; a missing one is named with the command that sets it (the app starts without it
#    and syncs the other sources; sync status and health name the missing key).
# 3. The Function App restarted so that it resolves its Key Vault references again (a reference to a secret that did
#    not exist yet stays unresolved until then).
# Role assignments made by the deployment take minutes to reach Key Vault: a refusal (403) or a transient failure is
# retried (HUB_AZ_ATTEMPTS times, HUB_AZ_RETRY_SECONDS apart). Any failure ends with one line saying what to do.
set -euo pipefail
vault="${AZURE_KEY_VAULT_NAME:?AZURE_KEY_VAULT_NAME is not set: run through azd}"
app="${AZURE_FUNCTION_APP_NAME:?AZURE_FUNCTION_APP_NAME is not set: run through azd}"
group="${AZURE_RESOURCE_GROUP:?AZURE_RESOURCE_GROUP is not set: run through azd}"
attempts="${HUB_AZ_ATTEMPTS:-12}"
pause="${HUB_AZ_RETRY_SECONDS:-15}"

fail() { echo "postprovision: $*" >&2; exit 1; }

command -v az >/dev/null 2>&1 || fail "the Azure CLI (az) is not installed; install it, run 'az login', then 'azd hooks run postprovision'."
# azd auth login signs in azd only: az has its own sign-in.
az account show --output none >/dev/null 2>&1 \
  || fail "the Azure CLI is not signed in (azd auth login does not sign in az): run 'az login', then 'azd hooks run postprovision'."
if [ -n "${AZURE_SUBSCRIPTION_ID:-}" ]; then
  az account set --subscription "$AZURE_SUBSCRIPTION_ID" >/dev/null 2>&1 \
    || fail "the signed-in az account cannot use subscription $AZURE_SUBSCRIPTION_ID: run 'az login' with an account that can, then 'azd hooks run postprovision'."
fi

# What a failed az call said, as one kind: notfound | transient | other.
kind_of() {
  case "$1" in
    # Key Vault's own code for a secret (or a deleted secret) that does not exist: the only "absent".
    *SecretNotFound*) echo notfound ;;
    # A role assignment not yet effective, throttling, the service or the network briefly away.
    *Forbidden*|*AuthorizationFailed*|*"not authorized"*|*Throttled*|*TooManyRequests*|*"(429)"*|*ServiceUnavailable*|*"(503)"*|*"(502)"*|*"(500)"*|*InternalServerError*|*"timed out"*|*"Max retries"*|*"Failed to resolve"*|*"Connection aborted"*|*"Connection refused"*) echo transient ;;
    *) echo other ;;
  esac
}

# Runs az with the given arguments, retrying transient failures. Prints az's output. Exit status: 0 done, 3 not found.
az_call() {
  local what=$1 out kind i
  shift
  for ((i = 1; i <= attempts; i++)); do
    if out=$(az "$@" 2>&1); then printf '%s' "$out"; return 0; fi
    kind=$(kind_of "$out")
    if [ "$kind" = notfound ]; then return 3; fi
    if [ "$kind" = other ]; then fail "$what failed: $(printf '%s' "$out" | grep -v '^\s*$' | head -1)"; fi
    [ "$i" -lt "$attempts" ] && { echo "postprovision: $what refused or failed, probably while the new role assignment propagates; retrying in ${pause}s ($i/$attempts)" >&2; sleep "$pause"; }
  done
  fail "$what still failing after $attempts attempts: $(printf '%s' "$out" | grep -v '^\s*$' | head -1). Check that you hold 'Key Vault Secrets Officer' on $vault (AZURE_PRINCIPAL_ID), then run 'azd hooks run postprovision'."
}

# Sets state to present | deleted | absent (in this shell, not a subshell: a failure must end the hook).
secret_state() {
  local name=$1 status=0
  az_call "reading secret $name from $vault" keyvault secret show --vault-name "$vault" --name "$name" --query id -o tsv >/dev/null || status=$?
  if [ "$status" = 0 ]; then state=present; return; fi
  status=0
  az_call "looking for a deleted secret $name in $vault" keyvault secret show-deleted --vault-name "$vault" --name "$name" --query recoveryId -o tsv >/dev/null || status=$?
  if [ "$status" = 0 ]; then state=deleted; else state=absent; fi
}

# Secrets the hub makes itself, once: kept when present, recovered when soft-deleted (the same value: stored hashes
# and receivers' signature checks still match), created at random when absent.
generated_secret() {
  local name=$1 bytes=$2
  state=""
  secret_state "$name"
  case "$state" in
    present) echo "$name: present (kept)" ;;
    deleted)
      az_call "recovering the deleted $name" keyvault secret recover --vault-name "$vault" --name "$name" --output none >/dev/null
      echo "$name: recovered from soft delete (the same key: stored hashes still match)" ;;
    absent)
      az_call "creating $name" keyvault secret set --vault-name "$vault" --name "$name" --value "$(openssl rand -base64 "$bytes")" --output none >/dev/null
      echo "$name: created ($bytes random bytes)" ;;
  esac
}
generated_secret personal-data-hash-key 48
# The webhook notifications' signing key (x-hub-signature); receivers are given it out of band.
generated_secret webhook-signing-secret 32

missing=()
for secret in portal-api-key population-api-key business-api-key; do
  secret_state "$secret"
  case "$state" in
    present) echo "$secret: present" ;;
    deleted) echo "WARNING: $secret is deleted (recoverable); recover it with: az keyvault secret recover --vault-name $vault --name $secret"; missing+=("$secret") ;;
    absent) echo "WARNING: $secret is missing; set it with: az keyvault secret set --vault-name $vault --name $secret --value <key issued to the ministry>"; missing+=("$secret") ;;
  esac
done

az_call "restarting $app" functionapp restart --name "$app" --resource-group "$group" --output none >/dev/null
echo "Function App restarted: Key Vault references resolved again."
if [ "${#missing[@]}" -gt 0 ]; then
  echo "The app runs and syncs the other sources; ${missing[*]} stay(s) unsynced (sync status and health name it) until set, then: azd hooks run postprovision"
fi
