import type { TicketSummary } from '../../backend/ticket-backend';
import { renderCard, type AdaptiveCard } from '../../cards/render-card';
import type { Locale } from '../../i18n/locale';
import type { Translator } from '../../i18n/translate';
import { ticketFacts } from './ticket-facts';

/** Enough to find a recent report at a glance and to stay well under Teams' card size limit. */
export const TICKET_LIST_LIMIT = 15;

/** The organisation's tickets as the list card shows them; `summaries` come newest first. */
export function ticketListCard(
  reader: { readonly t: Translator; readonly locale: Locale; readonly zone: string },
  summaries: readonly TicketSummary[],
): AdaptiveCard {
  const { t, locale, zone } = reader;
  const tickets = summaries.map((ticket) => ({
    number: ticket.confirmationNumber,
    title: ticket.title,
    facts: ticketFacts(t, locale, zone, ticket),
    showStatusTitle: t('tickets.list.showStatus', { number: ticket.confirmationNumber }),
    statusData: { cmd: 'status', confirmationNumber: ticket.confirmationNumber },
  }));
  return renderCard('ticket-list', locale, {
    empty: tickets.length === 0,
    title: tickets.length === 0 ? t('tickets.list.emptyTitle') : t('tickets.list.title'),
    countText: t('tickets.list.count'),
    tickets,
    ...(tickets.length >= TICKET_LIST_LIMIT
      ? { moreText: t('tickets.list.more', { count: TICKET_LIST_LIMIT }) }
      : {}),
  });
}
