import { randomUUID } from 'node:crypto';
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { TicketEvent } from '../domain/ticket';
import { compileOnce } from '../store/compile-once';
import type { ActorKind, Database } from '../store/tables';

/** An event's values, in the order the inserts bind them. */
type EventColumns = [
  id: string,
  ticketId: string,
  type: string,
  actorKind: ActorKind,
  actorId: string,
  actorName: string | null,
  payload: string,
  at: string,
];

/**
 * One event, numbered after the ticket's last one by the insert itself (it was a read of `max(seq)`, then
 * the insert). Two writers of one ticket at once are kept apart as before: the caller's transaction (on
 * PostgreSQL most change the ticket's row first, which holds the other off), and
 * ticket_events_ticket_seq_unique, which refuses a number given twice.
 */
function eventInsert(
  db: Kysely<Database>,
  ...[id, ticketId, type, actorKind, actorId, actorName, payload, at]: EventColumns
) {
  return db
    .insertInto('ticket_events')
    .columns([
      'id',
      'ticket_id',
      'seq',
      'type',
      'actor_kind',
      'actor_id',
      'actor_name',
      'payload',
      'created_at',
    ])
    .expression((eb) =>
      eb
        .selectFrom('ticket_events')
        .select([
          eb.val(id).as('id'),
          eb.val(ticketId).as('ticket_id'),
          sql<number>`coalesce(max(seq), 0) + 1`.as('seq'),
          eb.val(type).as('type'),
          eb.val(actorKind).as('actor_kind'),
          eb.val(actorId).as('actor_id'),
          eb.val(actorName).as('actor_name'),
          eb.val(payload).as('payload'),
          eb.val(at).as('created_at'),
        ])
        .where('ticket_id', '=', ticketId),
    );
}

const insertEvent = compileOnce(8, eventInsert);

/**
 * PostgreSQL: the event and its outbox row in one statement (a data-modifying CTE), one round trip where
 * there were two; SQLite has no such statement and writes both with no round trip to save.
 */
const insertEventWithOutboxRow = compileOnce(
  9,
  (db: Kysely<Database>, ...[now, ...event]: [now: string, ...event: EventColumns]) =>
    db
      .with('event', () => eventInsert(db, ...event).returning(['id', 'ticket_id']))
      .insertInto('outbox')
      .columns(['event_id', 'ticket_id', 'state', 'next_attempt_at', 'created_at'])
      .expression((eb) =>
        eb
          .selectFrom('event')
          .select([
            'event.id',
            'event.ticket_id',
            sql<string>`'pending'`.as('state'),
            eb.val(now).as('next_attempt_at'),
            eb.val(now).as('created_at'),
          ]),
      ),
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
  const together = options.outbox && trx.getExecutor().adapter instanceof PostgresAdapter;
  for (const event of events) {
    const values: EventColumns = [
      event.id ?? randomUUID(),
      ticketId,
      event.type,
      event.actor.kind,
      event.actor.id,
      event.actor.name ?? null,
      JSON.stringify(event.data),
      event.at,
    ];
    if (together) {
      await insertEventWithOutboxRow(trx, options.now, ...values);
      continue;
    }
    await insertEvent(trx, ...values);
    if (options.outbox) await insertOutboxRow(trx, values[0], ticketId, options.now);
  }
}
