import type { Activity } from 'botbuilder';

/** Who and where an activity is from, as our store keys it. */
export interface ConversationIdentity {
  readonly tenantId: string;
  readonly userId: string;
  readonly userName: string | undefined;
  readonly conversationId: string;
  readonly conversationType: 'personal' | 'groupChat' | 'channel';
}

export function conversationIdentity(activity: Partial<Activity>): ConversationIdentity {
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: unknown } };
  const tenantFromChannel = typeof channelData.tenant?.id === 'string' ? channelData.tenant.id : undefined;
  const rawType = activity.conversation?.conversationType;
  const conversationType =
    rawType === 'channel'
      ? 'channel'
      : rawType === 'groupChat' || activity.conversation?.isGroup
        ? 'groupChat'
        : 'personal';
  return {
    // Outside Teams (the Emulator) there is no tenant: the channel stands in for it.
    tenantId:
      activity.conversation?.tenantId ?? tenantFromChannel ?? `channel:${activity.channelId ?? 'unknown'}`,
    userId: activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown',
    userName: activity.from?.name || undefined,
    conversationId: activity.conversation?.id ?? '',
    conversationType,
  };
}
