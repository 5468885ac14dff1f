// Secrets of the hub: the portal API key (portal-api-key) and the personal-data hashing key
// (personal-data-hash-key). RBAC authorization, soft delete, purge protection in prod. Secrets are set by an
// administrator after deployment (README), never by a template or a parameters file.
param name string
param location string
param tags object

@description('Purge protection cannot be turned off once on: on in prod; off in dev so that a deleted vault can be purged and recreated.')
param purgeProtection bool

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
    // The API refuses an explicit false: leave it unset when off.
    enablePurgeProtection: purgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
