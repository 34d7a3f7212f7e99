/**
 * Part of the composition root (src/index.ts): how the adapter authenticates channel tokens and its own
 * outgoing calls, from the bot's configuration.
 */
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationConstants, type ServiceClientCredentialsFactory } from 'botframework-connector';
import type { AppConfig } from '../config';

export function botAuthentication(
  bot: AppConfig['bot'],
  credentialsFactory: ServiceClientCredentialsFactory | undefined,
): ConfigurationBotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: bot.appId ?? '',
      MicrosoftAppPassword: bot.appPassword ?? '',
      MicrosoftAppType: bot.appType,
      MicrosoftAppTenantId: bot.tenantId ?? '',
      // Overriding one endpoint makes botbuilder treat the cloud as custom, so the public-cloud values
      // for everything else must be given alongside (tests serve their own OpenID metadata).
      ...(bot.openIdMetadataUrl
        ? {
            ToBotFromChannelOpenIdMetadataUrl: bot.openIdMetadataUrl,
            ToBotFromEmulatorOpenIdMetadataUrl: bot.openIdMetadataUrl,
            ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
            ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
            ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
            OAuthUrl: AuthenticationConstants.OAuthUrl,
            CallerId: CallerIdConstants.PublicAzureChannel,
          }
        : {}),
    },
    credentialsFactory,
  );
}
