// Production: more headroom, every publication approved by an administrator, longer log retention.
using 'main.bicep'

param environmentName = 'prod'
param location = 'southeastasia'
param instanceMemoryMB = 4096
param maximumInstanceCount = 100
param portalBaseUrl = 'https://dichvucong.gov.vn/'
param populationBaseUrl = 'https://ndxp.gov.vn/dancu/'
param businessBaseUrl = 'https://ndxp.gov.vn/dangkydoanhnghiep/'
param requireApproval = true
param logRetentionDays = 365
param environmentType = 'prod'
param keyVaultPurgeProtection = true
param authClientId = readEnvironmentVariable('AUTH_CLIENT_ID', '00000000-0000-0000-0000-000000000000')
