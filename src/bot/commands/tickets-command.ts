import type { TicketBackend } from '../../backend/ticket-backend';
import { renderCard } from '../../cards/render-card';
import { sendCard } from '../send-card';
import type { Turn } from '../turn';
import type { Command } from './command';
import { ticketFacts } from './ticket-facts';
import { timeZoneOf } from './time-zone-of';

/** Enough to find a recent report at a glance and to stay well under Teams' card size limit. */
export const TICKET_LIST_LIMIT = 15;

async function sendTicketList(turn: Turn, backend: TicketBackend): Promise<void> {
  const { t, locale } = turn;
  const records = await backend.listForTenant(turn.tenantId, { limit: TICKET_LIST_LIMIT });
  const zone = timeZoneOf(turn.context.activity);
  const tickets = records.map(({ ticket }) => ({
    number: ticket.confirmationNumber,
    title: ticket.report.title,
    facts: ticketFacts(t, locale, zone, ticket),
    showStatusTitle: t('tickets.list.showStatus', { number: ticket.confirmationNumber }),
    statusData: { cmd: 'status', confirmationNumber: ticket.confirmationNumber },
  }));
  turn.log.info({ event: 'tickets.listed', count: tickets.length }, 'ticket list shown');
  await sendCard(
    turn.context,
    renderCard('ticket-list', locale, {
      empty: tickets.length === 0,
      title: tickets.length === 0 ? t('tickets.list.emptyTitle') : t('tickets.list.title'),
      countText: t('tickets.list.count'),
      tickets,
      ...(tickets.length >= TICKET_LIST_LIMIT
        ? { moreText: t('tickets.list.more', { count: TICKET_LIST_LIMIT }) }
        : {}),
    }),
  );
}

/** `my tickets` / `мои заявки` and the welcome card's "My tickets": the organisation's reports, newest first. */
export function createTicketsCommand(backend: TicketBackend): Command {
  return {
    name: 'tickets',
    words: ['my tickets', 'tickets', 'my reports', 'мои заявки', 'заявки', 'мои сообщения'],
    run: (turn) => sendTicketList(turn, backend),
  };
}
