import type { AdaptiveCard } from '../cards/render-card';
import type { StoredConversationReference } from '../store/stored-conversation-reference';

/** Where a proactive message goes: a saved reference's Bot Framework fields. */
export type ProactiveAddress = Pick<
  StoredConversationReference,
  'user' | 'bot' | 'conversation' | 'channelId' | 'serviceUrl'
>;

export interface NewPersonalConversation {
  readonly serviceUrl: string;
  readonly channelId: string;
  readonly tenantId: string;
  readonly bot: { readonly id: string; readonly name?: string };
  /** The publisher's Entra object id; Teams accepts it as the member id. */
  readonly userAadObjectId: string;
}

/**
 * The notifier's view of Teams: plain data in, activity ids out. The bot layer implements it with the
 * adapter's proactive API; every method throws `DeliveryFailure` when the connector refuses or fails.
 */
export interface ProactiveChannel {
  /** Posts a new message (so Teams notifies); resolves once the connector confirmed it. */
  send(address: ProactiveAddress, card: AdaptiveCard, text: string): Promise<{ activityId?: string }>;
  /** Replaces a message the bot sent earlier (the status card), in place. */
  update(address: ProactiveAddress, activityId: string, card: AdaptiveCard): Promise<void>;
  /** Opens the 1:1 chat with a user who has none saved; returns its address. */
  createPersonalConversation(target: NewPersonalConversation): Promise<ProactiveAddress>;
}
