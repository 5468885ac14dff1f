#!/usr/bin/env bash
# azd postprovision: what a first `azd up` needs beyond the template.
# 1. The personal-data hashing key (Decree 13/2023/NĐ-CP): created once, random, if absent; never rotated here
#    (rotation is a re-sync procedure, docs/security.md).
# 2. The source API keys: checked; a missing one is named with the command that sets it.
# 3. The Function App restarted so that it resolves its Key Vault references again (a reference to a secret that did
#    not exist yet stays unresolved until then; the app refuses to start on one, naming the setting).
set -euo pipefail
vault="${AZURE_KEY_VAULT_NAME:?AZURE_KEY_VAULT_NAME is not set: run through azd}"
app="${AZURE_FUNCTION_APP_NAME:?}"
group="${AZURE_RESOURCE_GROUP:?}"

if az keyvault secret show --vault-name "$vault" --name personal-data-hash-key --query id -o tsv >/dev/null 2>&1; then
  echo "personal-data-hash-key: present (kept)"
else
  az keyvault secret set --vault-name "$vault" --name personal-data-hash-key --value "$(openssl rand -base64 48)" --output none
  echo "personal-data-hash-key: created (48 random bytes)"
fi

missing=0
for secret in portal-api-key population-api-key business-api-key; do
  if az keyvault secret show --vault-name "$vault" --name "$secret" --query id -o tsv >/dev/null 2>&1; then
    echo "$secret: present"
  else
    echo "WARNING: $secret is missing; set it with: az keyvault secret set --vault-name $vault --name $secret --value <key issued to the ministry>"
    missing=1
  fi
done

az functionapp restart --name "$app" --resource-group "$group" --output none
echo "Function App restarted: Key Vault references resolved again."
[ "$missing" = 0 ] || echo "The app will refuse to start until the missing secrets are set (its log names the setting); then run: azd hooks run postprovision"
