// Storage for the hub's data (tables, blobs, queues), the Functions runtime and Durable Task state, and the
// Flex Consumption deployment package. No shared-key access: everything authenticates with Entra ID.
param name string
param location string
param tags object

var deploymentContainerName = 'app-package'
var containers = [deploymentContainerName, 'raw', 'runs', 'reports', 'live']
var queues = ['sync-work', 'sync-work-poison', 'index-published', 'hub-alerts', 'notifications', 'notifications-poison']
var tables = ['Units', 'Procedures', 'Dossiers', 'Feedback', 'Ratings', 'SharingLog', 'SyncState', 'SyncRuns', 'Quarantine', 'Scores', 'ScoreHistory', 'Publications', 'PortalEvaluations', 'PortalCaptures', 'NationalRankings', 'ScoringRuns', 'ProvisionalScores', 'Alerts', 'Comparisons', 'ViewerScopes', 'Subscriptions', 'Deliveries']

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: 30 }
    containerDeleteRetentionPolicy: { enabled: true, days: 30 }
    isVersioningEnabled: true
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for c in containers: {
  parent: blobService
  name: c
  properties: { publicAccess: 'None' }
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource storageQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for q in queues: {
  parent: queueService
  name: q
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource storageTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for t in tables: {
  parent: tableService
  name: t
}]

output name string = account.name
output deploymentContainerName string = deploymentContainerName
