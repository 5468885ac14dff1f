// Production: more headroom, every publication approved by an administrator, longer log retention, purge protection
// and delete locks (main.bicep derives them from environmentType, as azd does).
using 'main.bicep'

param environmentName = 'prod'
param location = 'southeastasia'
param environmentType = 'prod'
param portalBaseUrl = 'https://dichvucong.gov.vn/'
param populationBaseUrl = 'https://ndxp.gov.vn/dancu/'
param businessBaseUrl = 'https://ndxp.gov.vn/dangkydoanhnghiep/'
// No default: a deployment without the app registration's id fails here, by name, instead of deploying a sign-in nobody can pass.
param authClientId = readEnvironmentVariable('AUTH_CLIENT_ID')
