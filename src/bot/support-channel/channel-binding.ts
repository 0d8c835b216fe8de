import type { ProactiveAddress } from '../../notify/proactive-channel';

/** The support channel: where triage cards go, and the only place their buttons work. */
export interface ChannelBinding {
  readonly id: string;
  readonly teamId: string;
  /** The channel's conversation id, without a ';messageid=' thread suffix. */
  readonly conversationId: string;
  readonly tenantId: string;
  readonly teamName?: string;
  readonly channelName?: string;
  /** Where the bot posts new cards (the channel itself, so each card starts a post). */
  readonly address: ProactiveAddress;
  readonly registeredBy: { readonly id: string; readonly name?: string };
  readonly registeredAt: string;
}

/** '19:abc@thread.tacv2;messageid=123' → '19:abc@thread.tacv2': a thread's channel. */
export function channelConversationId(conversationId: string): string {
  const at = conversationId.indexOf(';messageid=');
  return at >= 0 ? conversationId.slice(0, at) : conversationId;
}
