import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  MessageFactory,
  type Activity,
  type ConversationParameters,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { AdaptiveCard } from '../../cards/render-card';
import type { Config } from '../../config';
import type { Clock } from '../../domain/clock';
import { DeliveryFailure, failureKindOf } from '../../notify/delivery-failure';
import { parseRetryAfter } from '../../retry/parse-retry-after';
import type {
  NewPersonalConversation,
  ProactiveAddress,
  ProactiveChannel,
} from '../../notify/proactive-channel';
import { ReusingBotFrameworkAuthentication } from '../reusing-authentication';

const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';

/** The part of botframework-connector's ConnectorClient used here (botbuilder does not re-export it). */
interface ConnectorClient {
  readonly conversations: {
    sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
    updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>): Promise<unknown>;
  };
}

/**
 * The notifier's channel through the Bot Framework proactive API (CloudAdapter.continueConversationAsync
 * with the bot's app id; '' in local mode). It has its own adapter because the connector client's built-in
 * retry policy is removed: it would retry 429 and 5xx invisibly, outside our rate limits, leases and
 * attempt counts (docs/decisions/notification-delivery.md). Its connector clients are its own too (kept per
 * service URL by ReusingBotFrameworkAuthentication), so the inbound adapter's keep their retries.
 */
export class BotFrameworkChannel implements ProactiveChannel {
  private readonly adapter: CloudAdapter;
  private readonly botAppId: string;

  constructor(
    bot: Config['bot'],
    private readonly clock: Clock,
  ) {
    const settings = {
      MicrosoftAppId: bot.appId ?? '',
      MicrosoftAppPassword: bot.appPassword ?? '',
      MicrosoftAppType: bot.appType,
      MicrosoftAppTenantId: bot.appTenantId ?? '',
    };
    this.adapter = new CloudAdapter(
      new ReusingBotFrameworkAuthentication(
        new ConfigurationBotFrameworkAuthentication(
          settings,
          new ConfigurationServiceClientCredentialFactory(settings),
        ),
        // Every client this channel uses (sends, updates, new conversations) goes without built-in retries.
        { prepare: (client) => withoutBuiltInRetries(client as unknown as ConnectorClient) },
      ),
    );
    this.botAppId = bot.appId ?? '';
  }

  async send(address: ProactiveAddress, card: AdaptiveCard, text: string): Promise<{ activityId?: string }> {
    let activityId: string | undefined;
    await this.withClient(address, async (client, conversationId, context) => {
      const activity = messageWith(card, text, context);
      const response = await client.conversations.sendToConversation(conversationId, activity);
      activityId = response.id;
    });
    return activityId ? { activityId } : {};
  }

  async update(address: ProactiveAddress, activityId: string, card: AdaptiveCard): Promise<void> {
    await this.withClient(address, async (client, conversationId, context) => {
      const activity = { ...messageWith(card, undefined, context), id: activityId };
      await client.conversations.updateActivity(conversationId, activityId, activity);
    });
  }

  async createPersonalConversation(target: NewPersonalConversation): Promise<ProactiveAddress> {
    const parameters = {
      isGroup: false,
      bot: { id: target.bot.id, name: target.bot.name ?? '' },
      members: [{ id: target.userAadObjectId, name: '' }],
      tenantId: target.tenantId,
      channelData: { tenant: { id: target.tenantId } },
    } as ConversationParameters;
    let created: ProactiveAddress | undefined;
    try {
      await this.adapter.createConversationAsync(
        this.botAppId,
        target.channelId,
        target.serviceUrl,
        BOT_FRAMEWORK_SCOPE,
        parameters,
        async (context) => {
          const conversation = context.activity.conversation;
          created = {
            user: { id: target.userAadObjectId, aadObjectId: target.userAadObjectId },
            bot: { id: target.bot.id, ...(target.bot.name ? { name: target.bot.name } : {}) },
            conversation: { id: conversation.id, conversationType: 'personal', tenantId: target.tenantId },
            channelId: target.channelId,
            serviceUrl: context.activity.serviceUrl ?? target.serviceUrl,
          };
        },
      );
    } catch (error) {
      throw this.asFailure(error);
    }
    if (!created)
      throw new DeliveryFailure('transient', undefined, 'createConversation returned no conversation');
    return created;
  }

  private async withClient(
    address: ProactiveAddress,
    work: (client: ConnectorClient, conversationId: string, context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const reference: Partial<ConversationReference> = {
      channelId: address.channelId,
      serviceUrl: address.serviceUrl,
      conversation: {
        ...address.conversation,
        isGroup: address.conversation.isGroup ?? false,
      } as ConversationReference['conversation'],
      user: { ...address.user, name: address.user.name ?? '' },
      bot: { ...address.bot, name: address.bot.name ?? '' },
    };
    try {
      await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
        const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
        await work(client, address.conversation.id, context);
      });
    } catch (error) {
      throw this.asFailure(error);
    }
  }

  private asFailure(error: unknown): DeliveryFailure {
    if (error instanceof DeliveryFailure) return error;
    const err = error as {
      statusCode?: unknown;
      code?: unknown;
      message?: unknown;
      response?: { headers?: { get?: (name: string) => string | undefined | null } };
    };
    const status = typeof err.statusCode === 'number' ? err.statusCode : undefined;
    const retryAfterMs = parseRetryAfter(
      err.response?.headers?.get?.('retry-after') ?? undefined,
      this.clock.now(),
    );
    const what = status === undefined ? String(err.code ?? err.message ?? 'network error') : `HTTP ${status}`;
    return new DeliveryFailure(failureKindOf(status), status, `connector: ${what}`, retryAfterMs);
  }
}

function messageWith(card: AdaptiveCard, text: string | undefined, context: TurnContext): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (text) activity.summary = text;
  return {
    ...activity,
    from: context.activity.recipient,
    recipient: context.activity.from,
    conversation: context.activity.conversation,
    channelId: context.activity.channelId,
    serviceUrl: context.activity.serviceUrl,
  };
}

/** Drops the pipeline's retry phase (botbuilder-stdlib wraps an @azure/core-client ServiceClient). */
function withoutBuiltInRetries(client: ConnectorClient): void {
  const pipeline = (
    client as unknown as { client?: { pipeline?: { removePolicy(o: { phase: string }): unknown } } }
  ).client?.pipeline;
  if (!pipeline) throw new Error('connector client has no pipeline: botbuilder internals changed');
  pipeline.removePolicy({ phase: 'Retry' });
}
