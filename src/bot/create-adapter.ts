import {
  type Activity,
  CloudAdapter,
  type InvokeResponse,
  type TurnContext,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import type { Config } from '../config';

/**
 * CloudAdapter with its activity entry point public: the HTTP route validates the body and maps errors to
 * statuses itself (the stock `process` throws outside its handler on a body without a type and logs to the
 * console), then hands the parsed activity and the Authorization header here.
 */
export class SecurityDeskAdapter extends CloudAdapter {
  processInbound(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
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
  return new SecurityDeskAdapter(new ConfigurationBotFrameworkAuthentication(settings, credentials));
}
