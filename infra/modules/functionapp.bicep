// Flex Consumption plan and the Function App (dotnet-isolated, .NET 10). App settings match
// local.settings.sample.json one for one; connections are identity-based (__serviceUri / __credential /
// __clientId) and secrets are Key Vault references resolved with the same identity.
@description('The portal\'s departmentId of the Ministry (rootDepartmentId of its evaluation requests); empty: the unit of the API key.')
param portalEvaluationRootId string = ''

param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
@secure()
param appInsightsConnectionString string
param serviceBusNamespace string
param serviceBusTopicName string
param keyVaultName string
param portalBaseUrl string
param populationBaseUrl string
param businessBaseUrl string
param adminRole string
param viewerRole string
@description('The ministry\'s SMTP relay for notifications (empty: email notifications fail and are retried, webhooks still go).')
param smtpHost string
param smtpPort int
param smtpUserName string
param instanceMemoryMB int
param maximumInstanceCount int
param requireApproval bool

@description('Client id of the Entra ID app registration for App Service authentication.')
param authClientId string

@description('Tenant of the app registration.')
param authTenantId string

@description('Always-ready instances for the durable functions group (orchestrations and activities): 1 in prod, so a timer-started run does not wait for a cold start.')
param alwaysReadyDurable int = 0

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

var blobUri = storage.properties.primaryEndpoints.blob
var queueUri = storage.properties.primaryEndpoints.queue
var tableUri = storage.properties.primaryEndpoints.table


resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobUri}${deploymentContainerName}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReadyDurable > 0 ? [{ name: 'durable', instanceCount: alwaysReadyDurable }] : []
      }
      // FUNCTIONS_WORKER_RUNTIME of local.settings.json: on Flex Consumption it is this, not an app setting.
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // Functions runtime and Durable Task state
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: blobUri }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: queueUri }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: tableUri }
        { name: 'DurableTaskHubName', value: 'sqihub' }
        // The hub's data
        { name: 'HubStorage__credential', value: 'managedidentity' }
        { name: 'HubStorage__clientId', value: identityClientId }
        { name: 'HubStorage__blobServiceUri', value: blobUri }
        { name: 'HubStorage__queueServiceUri', value: queueUri }
        { name: 'HubStorage__tableServiceUri', value: tableUri }
        { name: 'StorageNamespace', value: '' }
        // Schedules (NCRONTAB, UTC)
        { name: 'SyncAgenciesSchedule', value: '0 0 18 * * *' }
        { name: 'SyncProceduresSchedule', value: '0 15 18 * * *' }
        // Every 2 minutes: the watch lists and live figures follow the dossier sync (issue "Steer": p99 under 5 min;
        // one cheap keyset request per unit when nothing changed; measured by hub bench-freshness).
        { name: 'SyncDossiersSchedule', value: '0 */2 * * * *' }
        { name: 'SyncRatingsSchedule', value: '0 5/30 * * * *' }
        { name: 'SyncFeedbackSchedule', value: '0 10/30 * * * *' }
        { name: 'SyncPopulationSchedule', value: '0 15/30 * * * *' }
        { name: 'SyncBusinessSchedule', value: '0 20/30 * * * *' }
        { name: 'SyncPortalEvaluationSchedule', value: '0 40 */6 * * *' }
        { name: 'SyncNationalSchedule', value: '0 50 */6 * * *' }
        { name: 'ScoringSchedule', value: '0 0 19 * * *' }
        { name: 'MonthlyScoringSchedule', value: '0 30 19 * * *' }
        // Reporting periods (15th to 14th) that closed: daily at 02:45 Vietnam time
        { name: 'ReportingScoringSchedule', value: '0 45 19 * * *' }
        // 01:00 in Vietnam (UTC+7), a quiet hour
        { name: 'ProvisionalScoringSchedule', value: '0 0 18 * * *' }
        // The daily notification digest at 07:00 Vietnam time (00:00 UTC)
        { name: 'NotificationDigestSchedule', value: '0 0 0 * * *' }
        { name: 'Notifications__Smtp__Host', value: smtpHost }
        { name: 'Notifications__Smtp__Port', value: string(smtpPort) }
        { name: 'Notifications__Smtp__UserName', value: smtpUserName }
        // Used only with a user name; until the secret is set, email notifications fail (and say why), nothing else.
        { name: 'Notifications__Smtp__Password', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=smtp-password)' }
        { name: 'Notifications__WebhookSecret', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=webhook-signing-secret)' }
        { name: 'Alerts__RulesFile', value: '' }
        { name: 'Sync__MaxPagesPerRun', value: '50' }
        // National Public Service Portal
        { name: 'Sources__Portal__BaseUrl', value: portalBaseUrl }
        { name: 'Sources__Portal__ApiKey', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=portal-api-key)' }
        { name: 'Sources__Portal__PageSize', value: '1000' }
        { name: 'Sources__Portal__AttemptTimeout', value: '00:00:30' }
        { name: 'Sources__Portal__MaxRetries', value: '5' }
        { name: 'Sources__Portal__RetryDelay', value: '00:00:02' }
        { name: 'Sources__Portal__EvaluationRootId', value: portalEvaluationRootId }
        // National population database (sharing log)
        { name: 'Sources__Population__BaseUrl', value: populationBaseUrl }
        { name: 'Sources__Population__ApiKey', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=population-api-key)' }
        { name: 'Sources__Population__PageSize', value: '1000' }
        { name: 'Sources__Population__AttemptTimeout', value: '00:00:30' }
        { name: 'Sources__Population__MaxRetries', value: '5' }
        { name: 'Sources__Population__RetryDelay', value: '00:00:02' }
        // National business registration database (sharing log)
        { name: 'Sources__Business__BaseUrl', value: businessBaseUrl }
        { name: 'Sources__Business__ApiKey', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=business-api-key)' }
        { name: 'Sources__Business__PageSize', value: '1000' }
        { name: 'Sources__Business__AttemptTimeout', value: '00:00:30' }
        { name: 'Sources__Business__MaxRetries', value: '5' }
        { name: 'Sources__Business__RetryDelay', value: '00:00:02' }
        // Administrators' API: the App Service authentication role required; no development key in Azure
        { name: 'Admin__Role', value: adminRole }
        { name: 'Admin__ViewerRole', value: viewerRole }
        { name: 'Admin__DevelopmentKey', value: '' }
        // Personal data (Decree 13/2023/NĐ-CP): keyed hashing key
        { name: 'PersonalData__HashKey', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=personal-data-hash-key)' }
        // Scoring
        { name: 'Scoring__Methodology', value: '766-portal' }
        { name: 'Scoring__ReportingMethodology', value: '766-2022' }
        { name: 'Scoring__BatchSize', value: '50' }
        { name: 'Scoring__FirstPeriod', value: '2022-07' }
        { name: 'Scoring__SyncRecheckInterval', value: '00:30:00' }
        { name: 'Scoring__SyncWaitLimit', value: '1.00:00:00' }
        { name: 'Scoring__RequireApproval', value: string(requireApproval) }
        { name: 'Scoring__ApprovalTimeout', value: '3.00:00:00' }
        { name: 'Scoring__ActivityMaxAttempts', value: '4' }
        { name: 'Scoring__ActivityFirstRetry', value: '00:00:05' }
        // "Index published" transport
        { name: 'ServiceBus__fullyQualifiedNamespace', value: serviceBusNamespace }
        { name: 'ServiceBus__credential', value: 'managedidentity' }
        { name: 'ServiceBus__clientId', value: identityClientId }
        { name: 'ServiceBus__TopicName', value: serviceBusTopicName }
        { name: 'ServiceBus__AlertsTopicName', value: 'hub-alerts' }
        // Telemetry with Entra ID (local auth is off on the component)
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
      ]
    }
  }
}


// App Service authentication (Easy Auth) in front of every route: Microsoft Entra ID sign-in, 401 for an
// unauthenticated call, and the platform itself sets X-MS-CLIENT-PRINCIPAL (stripping any a client sent), which is
// why the code believes that header only where WEBSITE_AUTH_ENABLED=True. Health, the OpenAPI document and the
// read-only reports stay anonymous. The function key is still required by the HTTP triggers.
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      // A path is excluded exactly as written, or with everything under it when it ends in /*: the reports are
      // files under /api/reports/{period}/v{n}/ (a test checks every anonymous route of the route table against this).
      // The push route authenticates its senders itself (function key + sender key): systems, not signed-in people.
      excludedPaths: ['/api/health', '/api/openapi.json', '/api/reports', '/api/reports/*', '/api/ingest/*']
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: ['api://${authClientId}', authClientId]
        }
      }
    }
    login: { tokenStore: { enabled: false } }
    httpSettings: { requireHttps: true }
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
