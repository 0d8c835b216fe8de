import { customerDraftCard } from '../cards/customer-draft-card';
import { changedWords, draftWords } from '../cards/describe-ticket-event';
import { renderCard } from '../cards/render-card';
import type { CustomerDraft } from '../domain/notice';
import type { TicketEvent } from '../domain/ticket';
import type { Locale } from '../i18n/locale';
import { translator } from '../i18n/translate';
import type { StoredTicket } from '../tickets';
import type { Notification } from './build-notification';

/** At most this many "draft it again" buttons (Teams shows up to six actions in a row). */
const maxRedrafts = 5;

export type DraftEvent = Extract<
  TicketEvent,
  { type: 'customer_draft_proposed' | 'customer_drafts_outdated' }
>;

export function isDraftEvent(event: TicketEvent): event is DraftEvent {
  return event.type === 'customer_draft_proposed' || event.type === 'customer_drafts_outdated';
}

/**
 * The publisher's message for a customer-draft event: support's proposal as the draft card itself (to
 * accept, change or decline in place), or "your drafts are out of date" with a button to draft each
 * again. Undefined when the draft is no longer there to show.
 */
export function buildDraftNotification(
  event: DraftEvent,
  stored: StoredTicket,
  drafts: readonly CustomerDraft[],
  locale: Locale,
): Notification | undefined {
  const t = translator(locale);
  const number = stored.ticket.confirmationNumber;
  if (event.type === 'customer_draft_proposed') {
    const proposal = drafts.find((draft) => draft.id === event.data.draftId);
    if (!proposal) return undefined;
    return {
      card: customerDraftCard(proposal, stored.ticket, {
        locale,
        ...(stored.timeZone ? { timeZone: stored.timeZone } : {}),
        personalChat: true,
        notice: t('drafts.proposedNotice'),
      }),
      text: `${t('drafts.proposedNotice')} (${number})`,
    };
  }
  const named = event.data.drafts.map((draft) => t('drafts.named', draftWords(t, draft)));
  const lineages = new Map<string, (typeof event.data.drafts)[number]>();
  for (const draft of event.data.drafts) lineages.set(`${draft.format}:${draft.language}`, draft);
  const title = t('drafts.outdated.title');
  return {
    card: renderCard('customer-drafts-outdated', locale, {
      title,
      ticketLine: t('notify.ticketLine', { number, title: stored.ticket.report.title }),
      body: t('drafts.outdated.body', {
        number,
        changed: changedWords(t, locale, event.data.changed),
        drafts: named.join('; '),
      }),
      confirmationNumber: number,
      redrafts: [...lineages.values()].slice(-maxRedrafts).map((draft) => ({
        draftId: draft.draftId,
        title: t('drafts.action.redraftNamed', {
          kind: t(`drafts.buttonKind.${draft.format}`),
          language: t(`drafts.buttonLanguage.${draft.language}`),
        }),
      })),
    }),
    text: `${title} (${number})`,
  };
}
