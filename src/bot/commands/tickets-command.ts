import type { TicketBackend } from '../../backend/ticket-backend';
import { limited, type LookupLimits } from '../lookup-limits/lookup-limits';
import { sendCard } from '../send-card';
import type { Turn } from '../turn';
import type { Command } from './command';
import { TICKET_LIST_LIMIT, ticketListCard } from './ticket-list-card';
import { userTimeZone } from '../user-time-zone';

async function sendTicketList(turn: Turn, backend: TicketBackend, lookups: LookupLimits): Promise<void> {
  const { t, locale } = turn;
  const summaries = await lookups.list(turn, () =>
    backend.summariesForTenant(turn.tenantId, { limit: TICKET_LIST_LIMIT }),
  );
  if (summaries === limited) return;
  const zone = userTimeZone(turn.context.activity) ?? 'UTC';
  turn.log.info({ event: 'tickets.listed', count: summaries.length }, 'ticket list shown');
  await sendCard(turn.context, ticketListCard({ t, locale, zone }, summaries));
}

/** `my tickets` / `мои заявки` and the welcome card's "My tickets": the organisation's reports, newest first. */
export function createTicketsCommand(backend: TicketBackend, lookups: LookupLimits): Command {
  return {
    name: 'tickets',
    words: ['my tickets', 'tickets', 'my reports', 'мои заявки', 'заявки', 'мои сообщения'],
    run: (turn) => sendTicketList(turn, backend, lookups),
  };
}
