// Delete locks (prod): the storage account (data of record, publications), Key Vault (keys) and Service Bus.
param storageAccountName string
param keyVaultName string
param serviceBusNamespaceName string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource storageLock 'Microsoft.Authorization/locks@2020-05-01' = {
  scope: account
  name: 'do-not-delete'
  properties: { level: 'CanNotDelete', notes: 'Holds the index data of record and every publication.' }
}

resource vaultLock 'Microsoft.Authorization/locks@2020-05-01' = {
  scope: vault
  name: 'do-not-delete'
  properties: { level: 'CanNotDelete', notes: 'Holds the personal-data hashing key and the source credentials.' }
}

resource serviceBusLock 'Microsoft.Authorization/locks@2020-05-01' = {
  scope: namespace
  name: 'do-not-delete'
  properties: { level: 'CanNotDelete', notes: 'Carries the index-published events to the portals.' }
}
