import { pickLocale, type Locale } from '../i18n/locale';
import type { ConversationReferences } from '../store/conversation-references';
import type { ProactiveAddress, ProactiveChannel } from './proactive-channel';

export interface RecipientTicket {
  readonly tenantId: string;
  readonly reporterId: string;
  readonly conversationId?: string;
  readonly locale: string;
}

export interface Recipient {
  readonly address: ProactiveAddress;
  /** The language the publisher last spoke in this chat, else the ticket's. */
  readonly locale: Locale;
}

export type RecipientLookup =
  | { readonly ok: true; readonly recipient: Recipient }
  | { readonly ok: false; readonly reason: 'noReference' };

/**
 * The publisher's 1:1 chat with the bot: the ticket's own chat when it is still active, else the most
 * recently seen one. With none saved, a new 1:1 chat is created on the Teams service address the tenant's
 * other users were seen on (and saved); with no such address there is nowhere to send.
 * `createPersonalConversation` failures are thrown as they are (DeliveryFailure) for the caller to handle.
 */
export async function resolveRecipient(
  references: ConversationReferences,
  channel: ProactiveChannel,
  ticket: RecipientTicket,
): Promise<RecipientLookup> {
  const saved = await references.findForUser(ticket.tenantId, ticket.reporterId);
  const chosen = saved.find((ref) => ref.conversation.id === ticket.conversationId) ?? saved[0];
  if (chosen) {
    return {
      ok: true,
      recipient: { address: chosen, locale: pickLocale(chosen.locale ?? ticket.locale) },
    };
  }
  const tenantSeen = await references.serviceAddressForTenant(ticket.tenantId);
  if (!tenantSeen) return { ok: false, reason: 'noReference' };
  const address = await channel.createPersonalConversation({
    serviceUrl: tenantSeen.serviceUrl,
    channelId: tenantSeen.channelId,
    tenantId: ticket.tenantId,
    bot: { id: tenantSeen.botId },
    userAadObjectId: ticket.reporterId,
  });
  await references.upsert({
    ...address,
    tenantId: ticket.tenantId,
    userId: ticket.reporterId,
    conversationType: 'personal',
    locale: ticket.locale,
  });
  return { ok: true, recipient: { address, locale: pickLocale(ticket.locale) } };
}
