import type { TicketBackend } from '../../backend/ticket-backend';
import { sendCard } from '../send-card';
import type { Turn } from '../turn';
import type { Command } from './command';
import { TICKET_LIST_LIMIT, ticketListCard } from './ticket-list-card';
import { userTimeZone } from '../user-time-zone';

async function sendTicketList(turn: Turn, backend: TicketBackend): Promise<void> {
  const { t, locale } = turn;
  const records = await backend.listForTenant(turn.tenantId, { limit: TICKET_LIST_LIMIT });
  const zone = userTimeZone(turn.context.activity) ?? 'UTC';
  turn.log.info({ event: 'tickets.listed', count: records.length }, 'ticket list shown');
  await sendCard(turn.context, ticketListCard({ t, locale, zone }, records));
}

/** `my tickets` / `мои заявки` and the welcome card's "My tickets": the organisation's reports, newest first. */
export function createTicketsCommand(backend: TicketBackend): Command {
  return {
    name: 'tickets',
    words: ['my tickets', 'tickets', 'my reports', 'мои заявки', 'заявки', 'мои сообщения'],
    run: (turn) => sendTicketList(turn, backend),
  };
}
