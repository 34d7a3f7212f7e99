// Weltoffen-Bot on Azure: App Service (Linux, Node 22), Azure Bot (single-tenant or user-assigned
// managed identity; new multi-tenant bots can no longer be created) with Teams and Direct Line,
// Azure Database for PostgreSQL Flexible Server, Key Vault for secrets, Application Insights.
// Deploy: see ../README.md.

targetScope = 'resourceGroup'

@description('Short name used as a prefix for every resource (lowercase letters and digits).')
@minLength(3)
@maxLength(14)
param name string = 'weltoffen'

@description('Azure region for all resources except the bot (which is global).')
param location string = resourceGroup().location

@description('How the bot authenticates against the Bot Framework.')
@allowed(['SingleTenant', 'UserAssignedMSI'])
param botAppType string = 'UserAssignedMSI'

@description('Entra ID app (client) id of the bot; only for SingleTenant. For UserAssignedMSI the identity created here is used.')
param botAppId string = ''

@secure()
@description('Client secret of the bot app; only for SingleTenant. Stored in Key Vault.')
param botAppPassword string = ''

@description('Entra tenant of the bot and of the coordinators: the tenant your Teams runs in. UserAssignedMSI works only when that is the subscription\'s tenant; for another tenant use SingleTenant with an app registration there.')
param botTenantId string = subscription().tenantId

@description('Client id of the Entra app registration the Teams tabs sign in with (single sign-on). A managed identity cannot expose an API, so with UserAssignedMSI create one (deploy/README.md, step 5); empty: the bot id (SingleTenant).')
param dashboardAadClientId string = ''

@description('Id of the Teams app (TEAMS_APP_ID of npm run teams:package): summary cards then open the dashboard tab inside Teams. Empty: they open the dashboard page in the browser.')
param teamsAppId string = ''

@secure()
@description('Secret of the Azure Bot\'s Direct Line site, only if the web chat should use Azure\'s Direct Line instead of the built-in one (deploy/README.md, step 8). Stored in Key Vault.')
param directLineSecret string = ''

@description('Administrator login of the PostgreSQL server.')
param postgresAdminLogin string = 'weltoffenadmin'

@secure()
@description('Administrator password of the PostgreSQL server. Stored in Key Vault as part of DATABASE-URL.')
param postgresAdminPassword string

@description('App Service plan SKU: B1 for a pilot, P1v3 for production with several instances.')
param appServiceSku string = 'B1'

@description('Number of App Service instances (the bot keeps all state in PostgreSQL, so it scales out).')
@minValue(1)
param instanceCount int = 1

@description('AAD object ids of the first coordinators (comma-separated); they grant further roles by bot command.')
param coordinatorObjectIds string = ''

@secure()
@description('Key for self-hosted Direct Line tokens (>= 32 characters). Generated when not given; keep it stable across deployments by passing it.')
param linkSecret string = '${newGuid()}${newGuid()}'

var suffix = uniqueString(resourceGroup().id, name)
var appHost = '${name}-app-${suffix}.azurewebsites.net'
// Key Vault belongs to the subscription's tenant; the bot and the coordinators to the Teams tenant.
var vaultTenantId = subscription().tenantId

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id-${suffix}'
  location: location
}

var effectiveAppId = botAppType == 'UserAssignedMSI' ? identity.properties.clientId : botAppId
var tabClientId = empty(dashboardAadClientId) ? effectiveAppId : dashboardAadClientId

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2023-12-01-preview' = {
  name: '${name}-pg-${suffix}'
  location: location
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: {
      backupRetentionDays: 14
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: { mode: 'Disabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2023-12-01-preview' = {
  parent: postgres
  name: 'weltoffen'
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// Lets Azure services (the App Service) reach the server; use private networking for stricter setups.
resource postgresAllowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2023-12-01-preview' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${name}kv${take(suffix, 8)}'
  location: location
  properties: {
    tenantId: vaultTenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
  }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'DATABASE-URL'
  properties: {
    value: 'postgresql://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/weltoffen?sslmode=verify-full'
  }
}

resource linkSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'LINK-SECRET'
  properties: { value: linkSecret }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (botAppType == 'SingleTenant') {
  parent: vault
  name: 'MicrosoftAppPassword'
  properties: { value: botAppPassword }
}

resource directLineSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(directLineSecret)) {
  parent: vault
  name: 'DIRECT-LINE-SECRET'
  properties: { value: directLineSecret }
}

// Key Vault Secrets User for the app's identity, so app settings can reference the secrets.
resource vaultAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, 'secrets-user')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan-${suffix}'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: '${name}-app-${suffix}'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: appServiceSku != 'F1'
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // The complete list: a redeployment resets the app settings to exactly these, so change settings
      // through parameters, not in the portal.
      appSettings: concat([
        { name: 'NODE_ENV', value: 'production' }
        { name: 'PORT', value: '8080' }
        { name: 'WEBSITES_PORT', value: '8080' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'MicrosoftAppType', value: botAppType }
        { name: 'MicrosoftAppId', value: effectiveAppId }
        { name: 'MicrosoftAppTenantId', value: botTenantId }
        { name: 'MicrosoftAppPassword', value: botAppType == 'SingleTenant' ? '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=MicrosoftAppPassword)' : '' }
        { name: 'DATABASE_URL', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=DATABASE-URL)' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        // Request and dependency telemetry without an SDK in the code (App Service's Node.js agent).
        { name: 'ApplicationInsightsAgent_EXTENSION_VERSION', value: '~3' }
        { name: 'LOG_LEVEL', value: 'info' }
        // App Service's front ends append the client address to X-Forwarded-For; web chat limits count per client.
        { name: 'TRUST_PROXY', value: 'true' }
        // Links in Teams cards (exports, dashboard) and the tabs' SSO resource point at this host.
        { name: 'PUBLIC_BASE_URL', value: 'https://${appHost}' }
        { name: 'DASHBOARD_AAD_CLIENT_ID', value: tabClientId }
        { name: 'DASHBOARD_AAD_APP_ID_URI', value: 'api://${appHost}/${tabClientId}' }
        { name: 'TEAMS_APP_ID', value: teamsAppId }
        { name: 'COORDINATOR_AAD_OBJECT_IDS', value: coordinatorObjectIds }
        { name: 'COORDINATOR_TENANT_IDS', value: botTenantId }
        // Shared by all instances, so links and web chat tokens issued by one are accepted by the others.
        { name: 'DIRECTLINE_TOKEN_SECRET', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=LINK-SECRET)' }
      ], empty(directLineSecret) ? [] : [
        { name: 'DIRECT_LINE_SECRET', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=DIRECT-LINE-SECRET)' }
      ])
    }
  }
  dependsOn: [vaultAccess, databaseUrlSecret, linkSecretSecret, botPasswordSecret, directLineSecretSecret]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'S1' }
  properties: {
    displayName: 'Weltoffen-Bot'
    endpoint: 'https://${app.properties.defaultHostName}/api/messages'
    msaAppType: botAppType
    msaAppId: effectiveAppId
    msaAppTenantId: botTenantId
    msaAppMSIResourceId: botAppType == 'UserAssignedMSI' ? identity.id : null
    developerAppInsightKey: insights.properties.InstrumentationKey
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

resource directLine 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Web chat'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: false
        }
      ]
    }
  }
}

output appName string = app.name
output appHostName string = app.properties.defaultHostName
output botId string = effectiveAppId
output messagingEndpoint string = 'https://${app.properties.defaultHostName}/api/messages'
output postgresHost string = postgres.properties.fullyQualifiedDomainName
output keyVaultName string = vault.name
