// Development: small scale-out, no approval gate, short log retention.
using 'main.bicep'

param environmentName = 'dev'
param location = 'southeastasia'
param instanceMemoryMB = 2048
param maximumInstanceCount = 10
param portalBaseUrl = 'https://dichvucong.gov.vn/'
param populationBaseUrl = 'https://ndxp.gov.vn/dancu/'
param businessBaseUrl = 'https://ndxp.gov.vn/dangkydoanhnghiep/'
param requireApproval = false
param logRetentionDays = 30
param environmentType = 'dev'
param keyVaultPurgeProtection = false
param authClientId = readEnvironmentVariable('AUTH_CLIENT_ID', '00000000-0000-0000-0000-000000000000')
