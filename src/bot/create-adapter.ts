import {
  AuthenticationConstants,
  ClaimsIdentity,
  type AuthenticateRequestResult,
} from 'botframework-connector';
import {
  type Activity,
  CallerIdConstants,
  CloudAdapter,
  type InvokeResponse,
  type TurnContext,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import type { Config } from '../config';
import { ReusingBotFrameworkAuthentication } from './reusing-authentication';

/**
 * CloudAdapter with its activity entry points public: the HTTP route validates the body and the token and
 * maps errors to statuses itself (the stock `process` throws outside its handler on a body without a type,
 * answers forged tokens 500 and logs to the console), then hands the parsed activity here.
 */
export class SecurityDeskAdapter extends CloudAdapter {
  /** Local mode: botbuilder's own check, which lets anonymous requests through when no app id is set. */
  processInbound(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }

  /**
   * An activity whose Bot Connector token the HTTP route has verified (src/http/bot-auth): the turn
   * runs with the token's claims, as botbuilder's channel validation would have produced them, and
   * replies go out with the bot's own credentials to the Bot Framework's audience.
   */
  processVerified(
    claims: Readonly<Record<string, unknown>>,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    const identity = new ClaimsIdentity(
      Object.entries(claims).map(([type, value]) => ({ type, value: value as string })),
      true,
    );
    const authenticated: AuthenticateRequestResult = {
      audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
      callerId: CallerIdConstants.PublicAzureChannel,
      claimsIdentity: identity,
      connectorFactory: this.botFrameworkAuthentication.createConnectorFactory(identity),
    };
    return this.processActivity(authenticated, activity, logic);
  }
}

/**
 * The Bot Framework adapter. With no MicrosoftAppId the factory allows anonymous requests (local mode, as
 * the Emulator and the Agents Playground expect); with one, every inbound request needs a valid token.
 */
export function createAdapter(bot: Config['bot']): SecurityDeskAdapter {
  const settings = {
    MicrosoftAppId: bot.appId ?? '',
    MicrosoftAppPassword: bot.appPassword ?? '',
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.appTenantId ?? '',
  };
  const credentials = new ConfigurationServiceClientCredentialFactory(settings);
  return new SecurityDeskAdapter(
    new ReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication(settings, credentials)),
  );
}
