// Development: small scale-out, no approval gate, short log retention, no purge protection (main.bicep derives them
// from environmentType, as azd does).
using 'main.bicep'

param environmentName = 'dev'
param location = 'southeastasia'
param environmentType = 'dev'
param portalBaseUrl = 'https://dichvucong.gov.vn/'
param populationBaseUrl = 'https://ndxp.gov.vn/dancu/'
param businessBaseUrl = 'https://ndxp.gov.vn/dangkydoanhnghiep/'
// No default: a deployment without the app registration's id fails here, by name, instead of deploying a sign-in nobody can pass.
param authClientId = readEnvironmentVariable('AUTH_CLIENT_ID')
