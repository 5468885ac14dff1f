// Diagnostic settings: Key Vault audit events (who read which secret), storage and Service Bus logs and metrics,
// all into the Log Analytics workspace of the app's telemetry.
param workspaceId string
param keyVaultName string
param storageAccountName string
param serviceBusNamespaceName string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = {
  parent: account
  name: 'default'
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' existing = {
  parent: account
  name: 'default'
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' existing = {
  parent: account
  name: 'default'
}

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

var allLogs = [{ categoryGroup: 'allLogs', enabled: true }]
var allMetrics = [{ category: 'AllMetrics', enabled: true }]

resource vaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: vault
  name: 'to-log-analytics'
  properties: { workspaceId: workspaceId, logs: allLogs, metrics: allMetrics }
}

resource accountDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: account
  name: 'to-log-analytics'
  properties: { workspaceId: workspaceId, metrics: allMetrics }
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: blobService
  name: 'to-log-analytics'
  properties: { workspaceId: workspaceId, logs: allLogs, metrics: allMetrics }
}

resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: queueService
  name: 'to-log-analytics'
  properties: { workspaceId: workspaceId, logs: allLogs, metrics: allMetrics }
}

resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: tableService
  name: 'to-log-analytics'
  properties: { workspaceId: workspaceId, logs: allLogs, metrics: allMetrics }
}

resource serviceBusDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: namespace
  name: 'to-log-analytics'
  properties: { workspaceId: workspaceId, logs: allLogs, metrics: allMetrics }
}
