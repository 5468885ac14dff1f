// The hub in Azure: Flex Consumption Function App with a user-assigned managed identity, storage without
// shared keys, Service Bus topic for "index published", Key Vault for source credentials and the hashing key,
// Application Insights on Log Analytics. Every module lives in this repo (no registry modules: CI has no network).
targetScope = 'subscription'

@minLength(1)
@maxLength(20)
@description('Environment name (azd): used in resource names and tags.')
param environmentName string

@description('Azure region: one where Flex Consumption is offered.')
@allowed([
  'australiaeast', 'brazilsouth', 'canadacentral', 'centralindia', 'centralus', 'eastasia', 'eastus', 'eastus2'
  'francecentral', 'germanywestcentral', 'italynorth', 'japaneast', 'koreacentral', 'northcentralus', 'northeurope'
  'norwayeast', 'southafricanorth', 'southcentralus', 'southeastasia', 'southindia', 'spaincentral', 'swedencentral'
  'uaenorth', 'uksouth', 'westcentralus', 'westeurope', 'westus', 'westus2', 'westus3'
])
@metadata({ azd: { type: 'location' } })
param location string

@description('dev or prod: prod adds delete locks and keeps an always-ready instance for the durable functions.')
@allowed(['dev', 'prod'])
param environmentType string = 'dev'

@description('Client (application) id of the Entra ID app registration that signs administrators in (App Service authentication). No default: azd asks for it, and infra/hooks/preprovision.sh refuses an empty or all-zero id.')
@minLength(36)
@maxLength(36)
param authClientId string

@description('Tenant of that app registration.')
param authTenantId string = tenant().tenantId

// What differs per environment defaults from environmentType here, once: azd (main.parameters.json passes a value only
// when the azd environment sets one) and the .bicepparam files (which set none of these) then deploy the same thing.
@description('Key Vault purge protection: on in prod; off in dev so that azd down then azd up can recreate the vault.')
param keyVaultPurgeProtection bool = environmentType == 'prod'

@description('Name of the resource group to create.')
param resourceGroupName string = 'rg-sqihub-${environmentName}'

@description('Instance memory of the Flex Consumption app, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = environmentType == 'prod' ? 4096 : 2048

@description('Maximum number of instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = environmentType == 'prod' ? 100 : 10

@description('Base address of the National Public Service Portal sync API.')
param portalBaseUrl string

@description('Base address of the national population database sharing-log API (through NDXP/LGSP).')
param populationBaseUrl string

@description('Base address of the national business registration database sharing-log API.')
param businessBaseUrl string

@description('App role (App Service authentication) administrators must hold to use the API.')
param adminRole string = 'Hub.Admin'

@description('App role (App Service authentication) of unit viewers: read-only, limited to the units administrators grant them.')
param viewerRole string = 'Hub.Viewer'

@description('SMTP relay for notifications (password: Key Vault secret smtp-password; webhook signing key: webhook-signing-secret).')
param smtpHost string = ''
param smtpPort int = 587
param smtpUserName string = ''

@description('Optional object id of a person or group to administer Key Vault secrets (set the portal key and the hashing key).')
param vaultAdministratorObjectId string = ''

@description('Require an administrator approval before each publication.')
param requireApproval bool = environmentType == 'prod'

@description('Log Analytics retention in days.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = environmentType == 'prod' ? 365 : 30

var tags = { 'azd-env-name': environmentName, workload: 'service-quality-index-hub' }
var suffix = uniqueString(subscription().id, environmentName, location)

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: resourceGroupName
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: rg
  name: 'identity'
  params: { name: 'id-sqihub-${suffix}', location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  name: 'monitoring'
  params: { workspaceName: 'log-sqihub-${suffix}', appInsightsName: 'appi-sqihub-${suffix}', location: location, tags: tags, retentionDays: logRetentionDays }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  name: 'storage'
  params: { name: 'stsqihub${take(suffix, 12)}', location: location, tags: tags }
}

module serviceBus 'modules/servicebus.bicep' = {
  scope: rg
  name: 'servicebus'
  params: { name: 'sb-sqihub-${suffix}', location: location, tags: tags }
}

module keyVault 'modules/keyvault.bicep' = {
  scope: rg
  name: 'keyvault'
  params: { name: 'kv-sqihub-${take(suffix, 10)}', location: location, tags: tags, purgeProtection: keyVaultPurgeProtection }
}

// Key Vault, storage and Service Bus logs and metrics into the workspace that holds the app's telemetry.
module diagnostics 'modules/diagnostics.bicep' = {
  scope: rg
  name: 'diagnostics'
  params: {
    workspaceId: monitoring.outputs.workspaceId
    keyVaultName: keyVault.outputs.name
    storageAccountName: storage.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.name
  }
}

// In prod, nobody deletes the data of record by mistake (a lock must be removed first, on purpose).
module locks 'modules/locks.bicep' = if (environmentType == 'prod') {
  scope: rg
  name: 'locks'
  params: { storageAccountName: storage.outputs.name, keyVaultName: keyVault.outputs.name, serviceBusNamespaceName: serviceBus.outputs.name }
}

module roles 'modules/roles.bicep' = {
  scope: rg
  name: 'roles'
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    vaultAdministratorObjectId: vaultAdministratorObjectId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  scope: rg
  name: 'functionapp'
  params: {
    name: 'func-sqihub-${suffix}'
    planName: 'plan-sqihub-${suffix}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    serviceBusTopicName: serviceBus.outputs.topicName
    keyVaultName: keyVault.outputs.name
    portalBaseUrl: portalBaseUrl
    populationBaseUrl: populationBaseUrl
    businessBaseUrl: businessBaseUrl
    adminRole: adminRole
    viewerRole: viewerRole
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpUserName: smtpUserName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    requireApproval: requireApproval
    authClientId: authClientId
    authTenantId: authTenantId
    alwaysReadyDurable: environmentType == 'prod' ? 1 : 0
  }
  dependsOn: [roles]
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.defaultHostName
output AZURE_CONSOLE_SIGN_IN_URL string = 'https://${functionApp.outputs.defaultHostName}/.auth/login/aad?post_login_redirect_uri=/api/console'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output AZURE_SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
