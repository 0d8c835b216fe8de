import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { TicketEvent } from '../domain/ticket';
import { compileOnce } from '../store/compile-once';
import type { ActorKind, Database } from '../store/tables';

const lastSeq = compileOnce(1, (db: Kysely<Database>, ticketId: string) =>
  db
    .selectFrom('ticket_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('ticket_id', '=', ticketId),
);
const insertEvent = compileOnce(
  9,
  (
    db: Kysely<Database>,
    id: string,
    ticketId: string,
    seq: number,
    type: string,
    actorKind: ActorKind,
    actorId: string,
    actorName: string | null,
    payload: string,
    at: string,
  ) =>
    db.insertInto('ticket_events').values({
      id,
      ticket_id: ticketId,
      seq,
      type,
      actor_kind: actorKind,
      actor_id: actorId,
      actor_name: actorName,
      payload,
      created_at: at,
    }),
);
const insertOutboxRow = compileOnce(
  3,
  (db: Kysely<Database>, eventId: string, ticketId: string, now: string) =>
    db.insertInto('outbox').values({
      event_id: eventId,
      ticket_id: ticketId,
      state: 'pending',
      next_attempt_at: now,
      created_at: now,
    }),
);

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
  const [last] = (await lastSeq(trx, ticketId)).rows as { seq: number | string | null }[];
  let seq = Number(last?.seq ?? 0);
  for (const event of events) {
    const eventId = event.id ?? randomUUID();
    seq += 1;
    await insertEvent(
      trx,
      eventId,
      ticketId,
      seq,
      event.type,
      event.actor.kind,
      event.actor.id,
      event.actor.name ?? null,
      JSON.stringify(event.data),
      event.at,
    );
    if (options.outbox) await insertOutboxRow(trx, eventId, ticketId, options.now);
  }
}
