// Secrets of the hub: the portal API key (portal-api-key) and the personal-data hashing key
// (personal-data-hash-key). RBAC authorization, soft delete and purge protection. Secrets are set by an
// administrator after deployment (README), never by a template or a parameters file.
param name string
param location string
param tags object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
