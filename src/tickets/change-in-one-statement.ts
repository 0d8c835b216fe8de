import { randomUUID } from 'node:crypto';
import { sql, type Insertable, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
import type { TicketEvent } from '../domain/ticket';
import { compileOnce } from '../store/compile-once';
import type { Database, TicketRow } from '../store/tables';
import { liveDraftStatuses } from './customer-drafts';
import { ticketChangeColumnNames, type TicketChangeColumns } from './ticket-rows';

/**
 * PostgreSQL only: a ticket's change, its events and their outbox rows as one statement (data-modifying
 * CTEs), one round trip where the transaction took four (begin, the update, the events with their outbox
 * rows, commit) — on PostgreSQL a statement's cost is mostly its round trip
 * (docs/decisions/turn-performance.md, ninth round). One statement is one transaction, so the change and
 * its notifications still commit together.
 *
 * The update is conditional as the transaction's is (the version read, and not overdue if asked), and
 * also on the ticket's having no live customer draft: a change may make those out of date, which the
 * transaction checks and records. No row back means one of those held, and the caller runs the
 * transaction, which tells them apart. The events are numbered after the last one in the statement's
 * snapshot; a writer of the ticket's history that does not change its row (a download recorded) can take
 * that number first, and the history's unique (ticket, seq) then refuses the statement: the caller runs
 * the transaction too (isUniqueViolation).
 */

/** At most this many events are written this way; a change with more (rare) takes the transaction. */
export const oneStatementEventLimit = 3;

/** An event's values in the order the statement binds them. */
const eventValues = (event: TicketEvent): unknown[] => [
  randomUUID(),
  event.type,
  event.actor.kind,
  event.actor.id,
  event.actor.name ?? null,
  JSON.stringify(event.data),
  event.at,
];
const eventArity = 7;

/** Rows of `select` values for each event, numbered after `last` (an expression of the statement). */
function eventRows(
  db: Kysely<Database>,
  events: readonly unknown[][],
  numbering: 'after the last' | 'from one',
) {
  // The CTEs are typed by the statement that builds them; here they are read by name only: `t` the
  // ticket's row as written, `s` its last event's number (a change; a new ticket's start at 1).
  const source = db as unknown as Kysely<{ t: { id: string }; s: { last: number } }>;
  const sequence = (position: number): RawBuilder<number> =>
    numbering === 'after the last' ? sql<number>`s.last + ${sql.lit(position + 1)}` : sql.lit(position + 1);
  const selects = events.map(([id, type, actorKind, actorId, actorName, payload, at], position) =>
    source
      .selectFrom(numbering === 'after the last' ? ['t', 's'] : ['t'])
      .select((eb) => [
        eb.val(id as string).as('id'),
        eb.ref('t.id').as('ticket_id'),
        sequence(position).as('seq'),
        eb.val(type as string).as('type'),
        eb.val(actorKind as string).as('actor_kind'),
        eb.val(actorId as string).as('actor_id'),
        eb.val(actorName as string | null).as('actor_name'),
        eb.val(payload as string).as('payload'),
        eb.val(at as string).as('created_at'),
      ]),
  );
  const [first, ...rest] = selects;
  if (!first) throw new Error('eventRows: no events');
  return rest.reduce((all, next) => all.unionAll(next), first);
}

const eventColumns = [
  'id',
  'ticket_id',
  'seq',
  'type',
  'actor_kind',
  'actor_id',
  'actor_name',
  'payload',
  'created_at',
] as const;

/** Splits the flat argument list into the events' value lists. */
function eventsOf(values: readonly unknown[], count: number): unknown[][] {
  return Array.from({ length: count }, (_, i) => values.slice(i * eventArity, (i + 1) * eventArity));
}

type Statement = (db: Kysely<Database>, ...args: unknown[]) => Promise<QueryResult<TicketRow>>;

/** The outbox rows of the events the statement inserted (CTE `e`), due at once. */
function outboxRows(db: Kysely<Database>, now: unknown) {
  const source = db as unknown as Kysely<{ e: { id: string; ticket_id: string } }>;
  return source
    .selectFrom('e')
    .select((eb) => [
      'e.id as event_id',
      'e.ticket_id',
      sql<string>`'pending'`.as('state'),
      eb.val(now as string).as('next_attempt_at'),
      eb.val(now as string).as('created_at'),
    ]);
}

const outboxColumns = ['event_id', 'ticket_id', 'state', 'next_attempt_at', 'created_at'] as const;

/** One statement per shape, compiled once (src/store/compile-once.ts). */
function cached(statements: Map<string, Statement>, key: string, make: () => Statement): Statement {
  let statement = statements.get(key);
  if (!statement) {
    statement = make();
    statements.set(key, statement);
  }
  return statement;
}

/** Arguments: id, expected version, the change's columns, the events' values, and `now` with an outbox. */
function changeStatement(eventCount: number, outbox: boolean, onlyIfNotOverdue: boolean): Statement {
  const columnCount = ticketChangeColumnNames.length;
  return compileOnce(
    2 + columnCount + eventCount * eventArity + (outbox ? 1 : 0),
    (db: Kysely<Database>, ...args: unknown[]) => {
      const [id, expectedVersion] = args as [string, number];
      const columns = Object.fromEntries(
        ticketChangeColumnNames.map((name, index) => [name, args[2 + index]]),
      ) as unknown as TicketChangeColumns;
      const events = eventsOf(args.slice(2 + columnCount), eventCount);
      const inserted = db
        .with('t', (qb) => {
          const update = qb
            .updateTable('tickets')
            .set(columns)
            .where('id', '=', id)
            .where('version', '=', expectedVersion)
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('customer_drafts as d')
                    .select('d.id')
                    .whereRef('d.ticket_id', '=', 'tickets.id')
                    .where('d.outdated_at', 'is', null)
                    .where('d.status', 'in', liveDraftStatuses),
                ),
              ),
            );
          return (onlyIfNotOverdue ? update.where('ack_overdue_at', 'is', null) : update).returningAll();
        })
        .with('s', (qb) =>
          qb
            .selectFrom('ticket_events')
            .select(sql<number>`coalesce(max(seq), 0)`.as('last'))
            .where('ticket_id', '=', id),
        )
        .with('e', (qb) =>
          qb
            .insertInto('ticket_events')
            .columns(eventColumns)
            .expression(eventRows(db, events, 'after the last'))
            .returning(['id', 'ticket_id']),
        );
      if (!outbox) return inserted.selectFrom('t').selectAll();
      return inserted
        .with('o', (qb) =>
          qb
            .insertInto('outbox')
            .columns(outboxColumns)
            .expression(outboxRows(db, args.at(-1))),
        )
        .selectFrom('t')
        .selectAll();
    },
  ) as Statement;
}

const changeStatements = new Map<string, Statement>();

/**
 * The change in one statement: the ticket as committed, or undefined when nothing was written (the
 * version moved on, an overdue alarm went off, or the ticket has live customer drafts).
 */
export async function changeInOneStatement(
  db: Kysely<Database>,
  id: string,
  expectedVersion: number,
  columns: TicketChangeColumns,
  events: readonly TicketEvent[],
  options: { readonly outbox: boolean; readonly onlyIfNotOverdue: boolean; readonly now: string },
): Promise<TicketRow | undefined> {
  const statement = cached(
    changeStatements,
    `${events.length}:${options.outbox}:${options.onlyIfNotOverdue}`,
    () => changeStatement(events.length, options.outbox, options.onlyIfNotOverdue),
  );
  const { rows } = await statement(
    db,
    id,
    expectedVersion,
    ...ticketChangeColumnNames.map((name) => columns[name]),
    ...events.flatMap(eventValues),
    ...(options.outbox ? [options.now] : []),
  );
  return rows[0];
}

/** Arguments: the new row's values (in `names` order), the events' values, and `now` with an outbox. */
function newTicketStatement(names: readonly string[], eventCount: number, outbox: boolean): Statement {
  return compileOnce(
    names.length + eventCount * eventArity + (outbox ? 1 : 0),
    (db: Kysely<Database>, ...args: unknown[]) => {
      const values = Object.fromEntries(
        names.map((name, index) => [name, args[index]]),
      ) as unknown as Insertable<Database['tickets']>;
      const events = eventsOf(args.slice(names.length), eventCount);
      const inserted = db
        .with('t', (qb) => qb.insertInto('tickets').values(values).returningAll())
        .with('e', (qb) =>
          qb
            .insertInto('ticket_events')
            .columns(eventColumns)
            .expression(eventRows(db, events, 'from one'))
            .returning(['id', 'ticket_id']),
        );
      if (!outbox) return inserted.selectFrom('t').selectAll();
      return inserted
        .with('o', (qb) =>
          qb
            .insertInto('outbox')
            .columns(outboxColumns)
            .expression(outboxRows(db, args.at(-1))),
        )
        .selectFrom('t')
        .selectAll();
    },
  ) as Statement;
}

const newTicketStatements = new Map<string, Statement>();

/** A new ticket with its first events (numbered from 1) and their outbox rows, in one statement. */
export async function insertNewInOneStatement(
  db: Kysely<Database>,
  values: Readonly<Record<string, unknown>>,
  events: readonly TicketEvent[],
  options: { readonly outbox: boolean; readonly now: string },
): Promise<TicketRow> {
  const names = Object.keys(values);
  const statement = cached(newTicketStatements, `${names.join(',')}:${events.length}:${options.outbox}`, () =>
    newTicketStatement(names, events.length, options.outbox),
  );
  const { rows } = await statement(
    db,
    ...names.map((name) => values[name]),
    ...events.flatMap(eventValues),
    ...(options.outbox ? [options.now] : []),
  );
  const [row] = rows;
  if (!row) throw new Error('insertNewInOneStatement: the insert returned no row');
  return row;
}
