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
