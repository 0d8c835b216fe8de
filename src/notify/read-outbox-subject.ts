import type { Kysely } from 'kysely';
import type { TicketEvent } from '../domain/ticket';
import type { Database, TicketEventRow, TicketRow } from '../store/tables';

export interface OutboxSubject {
  readonly ticket: TicketRow;
  readonly eventRow: TicketEventRow;
  readonly event: TicketEvent;
}

/** The event an outbox row points at, and its ticket as stored now. Undefined if either is missing. */
export async function readOutboxSubject(
  db: Kysely<Database>,
  eventId: string,
  ticketId: string,
): Promise<OutboxSubject | undefined> {
  const [eventRow, ticket] = await Promise.all([
    db.selectFrom('ticket_events').selectAll().where('id', '=', eventId).executeTakeFirst(),
    db.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst(),
  ]);
  if (!eventRow || !ticket) return undefined;
  const event = {
    type: eventRow.type,
    actor: {
      kind: eventRow.actor_kind,
      id: eventRow.actor_id,
      ...(eventRow.actor_name ? { name: eventRow.actor_name } : {}),
    },
    at: eventRow.created_at,
    data: JSON.parse(eventRow.payload) as unknown,
  } as TicketEvent;
  return { ticket, eventRow, event };
}
