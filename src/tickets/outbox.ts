import { sql, type Kysely } from 'kysely';
import type { TicketEvent } from '../domain/ticket';
import { compileOnce } from '../store/compile-once';
import type { StoreEngine } from '../store/store-engine';
import type { Database } from '../store/tables';
import { PublisherCards, type CardPlacement } from './publisher-cards';
import type { StoredTicket } from './ticket-record';
import { eventFromRow, storedTicketFromRow } from './ticket-rows';

/** A row's final state, as recorded by `finishAll`. */
export type RowFinish = {
  readonly id: number;
  readonly ticketId: string;
  readonly owner: string;
  readonly at: Date;
} &
  /** `card`: the message sent is a card to keep true (a question), remembered in the same commit. */
  (
    | {
        readonly state: 'sent';
        readonly card?: CardPlacement;
        /**
         * Whether the ticket, as read for this row, notes the publisher unreachable: false when it did
         * not, and the note is not looked for (one statement less per message). Only a dead letter of
         * the ticket sets the note, and the ticket's rows finish one at a time, in order.
         */
        readonly unreachableNoted?: boolean;
      }
    /** Nothing to send (the reason says why). */
    | { readonly state: 'skipped'; readonly reason: string }
    /**
     * No more tries: a dead letter, listed for support. `unreachable` notes on the ticket that the
     * publisher cannot be reached (shown to support; cleared by the next message that is sent).
     */
    | { readonly state: 'dead'; readonly reason: string; readonly unreachable?: string }
  );

/** What an outbox row is about: its event (and its place in the history), and its ticket as stored now. */
export interface OutboxSubject {
  readonly stored: StoredTicket;
  readonly event: TicketEvent;
  readonly seq: number;
  /**
   * Whether a later event of the ticket waits in the outbox: its row will bring the ticket's cards up to
   * date as the ticket is then, so this row need not (a burst of changes updates each card once).
   */
  readonly laterPending: boolean;
}

/** An outbox row this instance holds the lease on. */
export interface ClaimedOutboxRow {
  readonly id: number;
  readonly eventId: string;
  readonly ticketId: string;
  /** The publisher the message goes to (tenant and reporter): the worker sends to one publisher in order. */
  readonly publisher: string;
  /** Failed tries so far (5xx, network); 429s are counted in `throttled`. */
  readonly attempts: number;
  readonly throttled: number;
  readonly createdAt: string;
  readonly leaseExpiresAt: string;
}

export interface DeadLetter {
  readonly outboxId: number;
  readonly eventId: string;
  readonly confirmationNumber: string;
  readonly eventType: string;
  readonly eventAt: string;
  readonly attempts: number;
  readonly throttled: number;
  readonly lastError: string | null;
  readonly deadAt: string | null;
}

/** The outbox's backlog as metrics show it. */
export interface OutboxDepth {
  readonly pending: number;
  readonly due: number;
  /** When the oldest due row was written (absent when nothing is due). */
  readonly oldestDueCreatedAt?: string;
  readonly dead: number;
}

/**
 * An outbox row's event, its ticket as stored now, and whether a later event of the ticket waits in the
 * outbox (outbox_ticket_state_idx, migration 004, as the claim's ordering check): one statement.
 */
const subjectRow = compileOnce(2, (db: Kysely<Database>, eventId: string, ticketId: string) =>
  db
    .selectFrom('ticket_events as e')
    .innerJoin('tickets as t', 't.id', 'e.ticket_id')
    .selectAll('t')
    .select([
      'e.seq as event_seq',
      'e.type as event_type',
      'e.actor_kind as event_actor_kind',
      'e.actor_id as event_actor_id',
      'e.actor_name as event_actor_name',
      'e.payload as event_payload',
      'e.created_at as event_created_at',
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('outbox as p')
            .innerJoin('ticket_events as pe', 'pe.id', 'p.event_id')
            .select('p.id')
            .whereRef('p.ticket_id', '=', 'e.ticket_id')
            .where('p.state', '=', 'pending')
            .whereRef('pe.seq', '>', 'e.seq'),
        )
        .as('later_pending'),
    )
    .where('e.id', '=', eventId)
    .where('e.ticket_id', '=', ticketId),
);

/**
 * Moves the pending rows queued behind row `id` (same ticket, later events; not the row itself) that are
 * due sooner to `iso`, when `id` itself is next tried. Their order is the claim's to keep (its not-exists
 * check); this only keeps a claim from reading rows that check would refuse.
 */
const followersWait = compileOnce(2, (db: Kysely<Database>, id: number, iso: string) =>
  db
    .updateTable('outbox')
    .set({ next_attempt_at: iso })
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<', iso)
    .where('ticket_id', '=', (eb) =>
      eb.selectFrom('outbox as h').select('h.ticket_id').where('h.id', '=', id),
    )
    .where((eb) =>
      eb(
        eb.selectFrom('ticket_events as e').select('e.seq').whereRef('e.id', '=', 'outbox.event_id'),
        '>',
        eb
          .selectFrom('outbox as h')
          .innerJoin('ticket_events as he', 'he.id', 'h.event_id')
          .select('he.seq')
          .where('h.id', '=', id),
      ),
    ),
);

interface ClaimRow {
  id: number | string;
  event_id: string;
  ticket_id: string;
  publisher: string | null;
  attempts: number | string;
  throttled: number | string;
  created_at: string;
  lease_expires_at: string;
}

/**
 * The outbox (src/tickets owns it with the tickets it belongs to) as a work queue shared by every instance. A claim takes a lease (owner + expiry) on due rows;
 * a crashed owner's lease expires and the row is claimed again, so nothing is lost. Per ticket only the
 * earliest pending event (by the ticket's event sequence) is claimable, so a ticket's notifications go
 * out in order even when an earlier one waits for a retry. Every later change is conditional on still
 * holding the lease, so an instance that lost its lease cannot overwrite the new owner's outcome.
 */
export class Outbox {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: StoreEngine,
  ) {}

  async claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedOutboxRow[]> {
    const at = now.toISOString();
    const expires = new Date(now.getTime() + leaseMs).toISOString();
    // PostgreSQL: rows another instance is claiming right now are skipped, not waited for. SQLite has
    // one writer at a time, so the single UPDATE … RETURNING is already atomic.
    const lock = this.engine === 'postgres' ? sql`for update of o skip locked` : sql``;
    const result = await sql<ClaimRow>`
      update outbox set lease_owner = ${owner}, lease_expires_at = ${expires}
      where id in (
        select o.id from outbox o
        join ticket_events e on e.id = o.event_id
        where o.state = 'pending'
          and o.next_attempt_at <= ${at}
          and (o.lease_expires_at is null or o.lease_expires_at <= ${at})
          and not exists (
            select 1 from outbox p
            join ticket_events pe on pe.id = p.event_id
            where p.ticket_id = o.ticket_id and p.state = 'pending' and pe.seq < e.seq
          )
        order by o.next_attempt_at, o.id
        limit ${limit}
        ${lock}
      )
      returning id, event_id, ticket_id, attempts, throttled, created_at, lease_expires_at,
        (select t.tenant_id || '/' || t.reporter_id from tickets t where t.id = outbox.ticket_id) as publisher
    `.execute(this.db);
    return result.rows
      .map((row) => ({
        id: Number(row.id),
        eventId: row.event_id,
        ticketId: row.ticket_id,
        publisher: row.publisher ?? `ticket/${row.ticket_id}`,
        attempts: Number(row.attempts),
        throttled: Number(row.throttled),
        createdAt: row.created_at,
        leaseExpiresAt: row.lease_expires_at,
      }))
      .sort((a, b) => a.id - b.id);
  }

  /** Extends the lease before a slow step; false when it was lost (another instance owns the row now). */
  async renew(id: number, owner: string, now: Date, leaseMs: number): Promise<string | undefined> {
    const expires = new Date(now.getTime() + leaseMs).toISOString();
    const changed = await this.held(id, owner).set({ lease_expires_at: expires }).executeTakeFirst();
    return changed.numUpdatedRows > 0n ? expires : undefined;
  }

  /** The event an outbox row points at, and its ticket as stored now; undefined if either is missing. */
  async subject(eventId: string, ticketId: string): Promise<OutboxSubject | undefined> {
    const {
      rows: [row],
    } = await subjectRow(this.db, eventId, ticketId);
    if (!row) return undefined;
    const {
      event_seq: seq,
      event_type: type,
      event_actor_kind: actorKind,
      event_actor_id: actorId,
      event_actor_name: actorName,
      event_payload: payload,
      event_created_at: createdAt,
      later_pending: laterPending,
      ...ticketRow
    } = row;
    const event = eventFromRow({
      id: eventId,
      ticket_id: ticketId,
      seq,
      type,
      actor_kind: actorKind,
      actor_id: actorId,
      actor_name: actorName,
      payload,
      created_at: createdAt,
    });
    // SQLite answers exists() with 0 or 1, PostgreSQL with a boolean.
    return {
      stored: storedTicketFromRow(ticketRow),
      event,
      seq: Number(seq),
      laterPending: Boolean(laterPending),
    };
  }

  /** The connector confirmed delivery. False when the lease was lost meanwhile (the row is left alone). */
  async markSent(id: number, ticketId: string, owner: string, now: Date): Promise<boolean> {
    const [marked] = await this.finishAll([{ id, ticketId, owner, at: now, state: 'sent' }]);
    return marked ?? false;
  }

  /**
   * Several rows' final marks in one transaction (one commit, one wait for the disk), each conditional on
   * its lease; answers, per row, whether it was marked. A message sent clears its ticket's "publisher
   * unreachable" note; a dead letter for an unreachable publisher sets it, in the same transaction.
   */
  async finishAll(rows: readonly RowFinish[]): Promise<boolean[]> {
    const [only] = rows;
    // One row that writes nothing but its own mark (the common case) is one statement, atomic by itself:
    // no transaction around it (on PostgreSQL a begin and a commit are a round trip each).
    if (only && rows.length === 1 && !writesTicket(only)) return [await markFinished(this.db, only)];
    return this.db.transaction().execute(async (trx) => {
      const results: boolean[] = [];
      for (const row of rows) {
        const at = row.at.toISOString();
        const marked = await markFinished(trx, row);
        results.push(marked);
        if (marked && row.state === 'sent' && row.card) {
          await new PublisherCards(trx).remember(row.ticketId, row.card, row.at);
        }
        if (marked && row.state === 'sent' && row.unreachableNoted !== false) {
          await trx
            .updateTable('tickets')
            .set({ publisher_unreachable_at: null, publisher_unreachable_reason: null })
            .where('id', '=', row.ticketId)
            .where('publisher_unreachable_at', 'is not', null)
            .execute();
        }
        if (marked && row.state === 'dead' && row.unreachable !== undefined) {
          await trx
            .updateTable('tickets')
            .set({
              publisher_unreachable_at: at,
              publisher_unreachable_reason: row.unreachable.slice(0, 300),
            })
            .where('id', '=', row.ticketId)
            .execute();
        }
      }
      return results;
    });
  }

  /**
   * Try again at `at`. `failure` counts toward the attempt limit (5xx, network); `throttled` is a 429;
   * neither (a local rate-limit wait) just gives the row back.
   */
  async retryLater(
    id: number,
    owner: string,
    at: Date,
    outcome: { kind: 'failure' | 'throttled' | 'waiting'; error?: string },
  ): Promise<boolean> {
    const iso = at.toISOString();
    const changed = await this.held(id, owner)
      .set((eb) => ({
        next_attempt_at: iso,
        lease_owner: null,
        lease_expires_at: null,
        ...(outcome.error ? { last_error: truncate(outcome.error) } : {}),
        ...(outcome.kind === 'failure' ? { attempts: eb('attempts', '+', 1) } : {}),
        ...(outcome.kind === 'throttled' ? { throttled: eb('throttled', '+', 1) } : {}),
      }))
      .executeTakeFirst();
    if (changed.numUpdatedRows === 0n) return false;
    // The ticket's later rows cannot go before this one: they wait until it is due again, so a claim
    // skips them by outbox_state_next_attempt_idx instead of reading each and finding it blocked. Not in
    // one transaction with the give-back (a round trip each for begin and commit on PostgreSQL): left
    // undone by a crash, the rows are only read and refused by claims again, as they were before.
    await followersWait(this.db, id, iso);
    return true;
  }

  /** A 429 waited out while keeping the lease: counted like one that gave the row back. */
  async recordThrottle(id: number, owner: string, error: string): Promise<boolean> {
    const changed = await this.held(id, owner)
      .set((eb) => ({ throttled: eb('throttled', '+', 1), last_error: truncate(error) }))
      .executeTakeFirst();
    return changed.numUpdatedRows > 0n;
  }

  /** Dead letters, newest first. */
  /**
   * For metrics, read on scrape: pending rows, how many of them are due, when the oldest due one was
   * written, and dead letters. One pass over the state index (pending and dead rows only).
   */
  async depth(now: Date): Promise<OutboxDepth> {
    const at = now.toISOString();
    const result = await sql<{
      pending: number | string | null;
      due: number | string | null;
      oldest_due: string | null;
      dead: number | string | null;
    }>`
      select
        sum(case when state = 'pending' then 1 else 0 end) as pending,
        sum(case when state = 'pending' and next_attempt_at <= ${at} then 1 else 0 end) as due,
        min(case when state = 'pending' and next_attempt_at <= ${at} then created_at end) as oldest_due,
        sum(case when state = 'dead' then 1 else 0 end) as dead
      from outbox where state in ('pending', 'dead')
    `.execute(this.db);
    const row = result.rows[0];
    return {
      pending: Number(row?.pending ?? 0),
      due: Number(row?.due ?? 0),
      ...(row?.oldest_due ? { oldestDueCreatedAt: row.oldest_due } : {}),
      dead: Number(row?.dead ?? 0),
    };
  }

  async listDead(limit: number, offset: number): Promise<{ items: DeadLetter[]; total: number }> {
    const base = this.db
      .selectFrom('outbox as o')
      .innerJoin('ticket_events as e', 'e.id', 'o.event_id')
      .innerJoin('tickets as t', 't.id', 'o.ticket_id')
      .where('o.state', '=', 'dead');
    const [rows, count] = await Promise.all([
      base
        .select([
          'o.id',
          'o.event_id',
          'o.attempts',
          'o.throttled',
          'o.last_error',
          'o.next_attempt_at',
          'e.type',
          'e.created_at',
          't.confirmation_number',
        ])
        .orderBy('o.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst(),
    ]);
    return {
      total: Number(count?.total ?? 0),
      items: rows.map((row) => ({
        outboxId: Number(row.id),
        eventId: row.event_id,
        confirmationNumber: row.confirmation_number,
        eventType: row.type,
        eventAt: row.created_at,
        attempts: Number(row.attempts),
        throttled: Number(row.throttled),
        lastError: row.last_error,
        deadAt: row.next_attempt_at,
      })),
    };
  }

  private held(id: number, owner: string) {
    return this.db
      .updateTable('outbox')
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .where('lease_owner', '=', owner);
  }
}

function truncate(text: string): string {
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

/** Whether a row's finish writes more than its own mark: a card to remember, the unreachable note. */
function writesTicket(row: RowFinish): boolean {
  if (row.state === 'sent') return row.card !== undefined || row.unreachableNoted !== false;
  return row.state === 'dead' && row.unreachable !== undefined;
}

/** The row's final mark, conditional on its lease; false when the lease was lost meanwhile. */
async function markFinished(db: Kysely<Database>, row: RowFinish): Promise<boolean> {
  const at = row.at.toISOString();
  const changed = await db
    .updateTable('outbox')
    .where('id', '=', row.id)
    .where('state', '=', 'pending')
    .where('lease_owner', '=', row.owner)
    .set({
      state: row.state,
      ...(row.state === 'sent'
        ? { sent_at: at, last_error: null }
        : row.state === 'dead'
          ? { sent_at: null, last_error: truncate(row.reason), next_attempt_at: at }
          : { last_error: row.reason }),
      lease_owner: null,
      lease_expires_at: null,
    })
    .executeTakeFirst();
  return changed.numUpdatedRows > 0n;
}
