import type { ConversationType } from './tables';

/**
 * What the bot needs to message a user later: the Bot Framework ConversationReference fields (same
 * JSON shape, so the bot layer can hand it to `continueConversation`) plus the keys it is stored under.
 * Plain data; the store does not import botbuilder.
 */
export interface StoredConversationReference {
  readonly tenantId: string;
  /** The user's Entra aadObjectId, or the channel user id when the activity carries none. */
  readonly userId: string;
  readonly conversationType: ConversationType;

  readonly activityId?: string;
  readonly user: { readonly id: string; readonly name?: string; readonly aadObjectId?: string };
  readonly bot: { readonly id: string; readonly name?: string };
  readonly conversation: {
    readonly id: string;
    readonly conversationType?: string;
    readonly tenantId?: string;
    readonly isGroup?: boolean;
    readonly name?: string;
  };
  readonly channelId: string;
  readonly serviceUrl: string;
  readonly locale?: string;
}

/** A stored reference as read back, with its bookkeeping. */
export interface ConversationReferenceRecord extends StoredConversationReference {
  readonly active: boolean;
  /** Why it stopped being usable (e.g. the bot was removed, or Teams answered 403/404). */
  readonly inactiveReason: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}
