import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { TicketEvent } from '../domain/ticket';
import type { Database } from '../store/tables';

/**
 * Appends events to a ticket's history, numbered after its last one, each with its outbox row (unless
 * `outbox` is false), inside the caller's transaction: a change and its notifications commit together.
 * An event may bring its id (a remote service's event id, which makes its webhook idempotent).
 */
export async function appendTicketEvents(
  trx: Transaction<Database>,
  ticketId: string,
  events: readonly (TicketEvent & { readonly id?: string })[],
  options: { readonly outbox: boolean; readonly now: string },
): Promise<void> {
  const last = await trx
    .selectFrom('ticket_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
  let seq = Number(last?.seq ?? 0);
  for (const event of events) {
    const eventId = event.id ?? randomUUID();
    seq += 1;
    await trx
      .insertInto('ticket_events')
      .values({
        id: eventId,
        ticket_id: ticketId,
        seq,
        type: event.type,
        actor_kind: event.actor.kind,
        actor_id: event.actor.id,
        actor_name: event.actor.name ?? null,
        payload: JSON.stringify(event.data),
        created_at: event.at,
      })
      .execute();
    if (options.outbox) {
      await trx
        .insertInto('outbox')
        .values({
          event_id: eventId,
          ticket_id: ticketId,
          state: 'pending',
          next_attempt_at: options.now,
          created_at: options.now,
        })
        .execute();
    }
  }
}
