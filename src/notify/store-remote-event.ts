import type { Kysely } from 'kysely';
import type { Database } from '../store/tables';
import { isUniqueViolation } from '../store/is-unique-violation';
import { appendTicketEvents } from '../backend/embedded/append-ticket-events';
import { mirrorEvent } from './mirror-event';

export interface RemoteEvent {
  readonly eventId: string;
  /** Our confirmation number, or the remote service's number for the ticket. */
  readonly confirmationNumber: string;
  readonly event: import('../domain/ticket').TicketEvent;
}

export type StoreRemoteEventResult =
  | { readonly status: 'stored' }
  /** The same event id was stored before: nothing changed (a redelivery). */
  | { readonly status: 'duplicate' }
  | { readonly status: 'unknownTicket' }
  /** Another delivery for the same ticket won the race for the next sequence number; retry. */
  | { readonly status: 'busy' };

/**
 * Stores an event the remote ticket service reported, in one transaction: the history entry (its id is
 * the remote event id, so a redelivery is recognised; its sequence number is the next of our copy, so
 * events are kept and notified in arrival order), its outbox row, and the ticket's mirrored state.
 */
export async function storeRemoteEvent(
  db: Kysely<Database>,
  remote: RemoteEvent,
  now: Date,
): Promise<StoreRemoteEventResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const seen = await trx
        .selectFrom('ticket_events')
        .select('id')
        .where('id', '=', remote.eventId)
        .executeTakeFirst();
      if (seen) return { status: 'duplicate' } as const;
      const ticket = await trx
        .selectFrom('tickets')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('confirmation_number', '=', remote.confirmationNumber),
            eb('remote_id', '=', remote.confirmationNumber),
          ]),
        )
        .orderBy('created_at')
        .executeTakeFirst();
      if (!ticket) return { status: 'unknownTicket' } as const;
      const { event } = remote;
      const at = now.toISOString();
      await appendTicketEvents(trx, ticket.id, [{ ...event, id: remote.eventId }], { outbox: true, now: at });
      await trx
        .updateTable('tickets')
        .set((eb) => ({ ...mirrorEvent(event, ticket), updated_at: at, version: eb('version', '+', 1) }))
        .where('id', '=', ticket.id)
        .execute();
      return { status: 'stored' } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error, { table: 'ticket_events', columns: ['ticket_id', 'seq'] })) {
      return { status: 'busy' };
    }
    // Two deliveries of one event racing: the loser's insert hits the primary key.
    if (isUniqueViolation(error)) return { status: 'duplicate' };
    throw error;
  }
}
