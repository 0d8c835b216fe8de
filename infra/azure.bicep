// Security Desk in Azure: a user-assigned managed identity that is the bot's identity, a Linux App Service
// (Node 22 LTS) running the bot under it, the Azure Bot registered with that identity and connected to
// Teams, and an Azure Database for PostgreSQL flexible server holding the bot's data.
// `atk provision` (the Agents Toolkit) deploys it: arm/deploy in m365agents.yml, parameters from
// azure.parameters.json; README.md "Deploy to Azure" shows `az deployment group create` without the toolkit.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@description('App Service plan SKU (Linux); B1 or larger, since the bot needs Always On')
param webAppSku string

@maxLength(42)
param botDisplayName string

param serverfarmsName string = resourceBaseName
param webAppName string = resourceBaseName
param identityName string = resourceBaseName
param postgresServerName string = toLower('${resourceBaseName}-pg')
param location string = resourceGroup().location

@description('PostgreSQL administrator login (not a reserved name such as postgres or azure_superuser)')
param postgresAdminLogin string = 'securitydesk'

@secure()
@minLength(8)
@maxLength(128)
@description('PostgreSQL administrator password; the toolkit takes it from SECRET_POSTGRES_ADMIN_PASSWORD in env/.env.<env>.user')
param postgresAdminPassword string

param postgresDatabaseName string = 'securitydesk'
param postgresSkuName string = 'Standard_B1ms'
param postgresSkuTier string = 'Burstable'

@description('Optional: the app ID URI (audience) of the support API; when set, /api/support accepts Entra ID tokens of this tenant')
param supportAuthAudience string = ''

// The bot's identity: its client id is the bot's app id (MicrosoftAppId), with no secret to keep.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  location: location
  name: identityName
}

// The store: PostgreSQL 16, password authentication, reachable from Azure services only.
resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  location: location
  name: postgresServerName
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    authConfig: {
      activeDirectoryAuth: 'Disabled'
      passwordAuth: 'Enabled'
    }
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: postgresDatabaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0 to 0.0.0.0 is Azure's rule for "connections from Azure services" (the web app among them).
// After the database: a flexible server takes one change at a time.
resource postgresAllowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
  dependsOn: [
    postgresDatabase
  ]
}

// node-postgres reads sslmode from the URL; verify-full checks the server's certificate and name.
var databaseUrl = 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${postgresDatabaseName}?sslmode=verify-full'

var supportAuthSettings = empty(supportAuthAudience) ? [] : [
  {
    name: 'SUPPORT_AUTH_TENANT_ID'
    value: tenant().tenantId
  }
  {
    name: 'SUPPORT_AUTH_AUDIENCE'
    value: supportAuthAudience
  }
]

// Compute resources for your Web App
resource serverfarm 'Microsoft.Web/serverfarms@2022-09-01' = {
  kind: 'linux'
  location: location
  name: serverfarmsName
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true // Linux
  }
}

// Web App that hosts your bot. App Service builds the uploaded sources (npm install, npm run build) and
// starts the built output; it sets PORT, which the bot listens on.
resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  kind: 'app,linux'
  location: location
  name: webAppName
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/src/main.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat([
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'true'
        }
        {
          // The build's `npm install` sees NODE_ENV=production too and would leave out devDependencies,
          // among them TypeScript, which `npm run build` needs.
          name: 'NPM_CONFIG_INCLUDE'
          value: 'dev'
        }
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppId'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppTenantId'
          value: identity.properties.tenantId
        }
        {
          name: 'DATABASE_URL'
          value: databaseUrl
        }
      ], supportAuthSettings)
    }
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  dependsOn: [
    postgresDatabase
    postgresAllowAzure
  ]
}

// Register your web service as a bot with the Bot Framework
module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    botDisplayName: botDisplayName
    identityResourceId: identity.id
    identityClientId: identity.properties.clientId
    identityTenantId: identity.properties.tenantId
    botAppDomain: webApp.properties.defaultHostName
  }
}

// The output will be persisted in .env.{envName}. Visit https://aka.ms/teamsfx-actions/arm-deploy for more details.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id // used in deploy stage
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
