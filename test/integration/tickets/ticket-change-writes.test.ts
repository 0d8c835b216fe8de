import { Client } from 'pg';
import { EmbeddedTicketBackend } from '../../../src/backend/embedded/embedded-ticket-backend';
import { createSupportCalendar } from '../../../src/domain/calendar';
import {
  applyCommand,
  type Actor,
  type Ticket,
  type TicketCommand,
  type TicketEvent,
} from '../../../src/domain/ticket';
import type { Store } from '../../../src/store/create-store';
import { TicketStore, type StoredTicket } from '../../../src/tickets';
import { engines, type TestDatabase } from '../../support/databases';
import { FixedClock } from '../../support/fixed-clock';
import { analyst, vulnerabilitySubmission } from '../../support/submissions';

/**
 * What a ticket change stores, whichever way it is written: on PostgreSQL most changes are one
 * statement (src/tickets/change-in-one-statement.ts), the rest — more events than it takes, drafts
 * written, live drafts, a conflict — the transaction. Each test reads back what a person would later
 * see: the ticket, its history in order, and the notifications queued.
 */

const calendar = createSupportCalendar({
  timeZone: 'UTC',
  workdays: [1, 2, 3, 4, 5],
  dayStart: '09:00',
  dayEnd: '17:00',
  holidays: { country: 'US' },
});

const system: Actor = { kind: 'system', id: 'ack-overdue-job' };

describe.each(engines)('a ticket change, on $name', (engine) => {
  let database: TestDatabase;
  let store: Store;
  let tickets: TicketStore;
  let clock: FixedClock;

  beforeEach(async () => {
    database = await engine.create();
    store = await database.open();
    clock = new FixedClock('2026-12-07T10:00:00.000Z');
    tickets = new TicketStore(
      store.db,
      () => {},
      () => clock.now(),
    );
  });
  afterEach(() => database.destroy());

  async function file(): Promise<StoredTicket> {
    const backend = new EmbeddedTicketBackend({ repository: tickets, clock, calendar });
    const result = await backend.submit(vulnerabilitySubmission({ submissionKey: `k-${Math.random()}` }));
    if (!result.ok) throw new Error('submit failed');
    return (await tickets.findByNumber(result.record.ticket.confirmationNumber))!;
  }

  /** The commands applied one after another to the ticket, as one change. */
  function change(ticket: Ticket, commands: readonly TicketCommand[], actor: Actor = analyst) {
    let next = ticket;
    const events: TicketEvent[] = [];
    for (const command of commands) {
      const applied = applyCommand(next, command, actor, clock.now());
      if (!applied.ok) throw new Error(`refused: ${JSON.stringify(applied.errors)}`);
      next = applied.ticket;
      events.push(...applied.events);
    }
    return { next, events };
  }

  const outboxOf = (ticketId: string) =>
    store.db
      .selectFrom('outbox as o')
      .innerJoin('ticket_events as e', 'e.id', 'o.event_id')
      .select(['e.seq', 'e.type', 'o.state'])
      .where('o.ticket_id', '=', ticketId)
      .orderBy('e.seq')
      .execute();

  const messages = (count: number): TicketCommand[] =>
    Array.from({ length: count }, (_, i) => ({ type: 'post_message', message: `Message ${i + 1}` }));

  test.each([1, 3, 4])(
    'a change of %i events stores the ticket, numbers its history on and queues a notification for each',
    async (count) => {
      const stored = await file();
      const { next, events } = change(stored.ticket, [
        { type: 'acknowledge', priority: 'P2', severity: 'High' },
        ...messages(count - 1),
      ]);
      expect(events).toHaveLength(count);

      const saved = await tickets.saveChange(stored.id, stored.ticket.version, next, events);

      expect(saved).not.toBe('conflict');
      const reread = (await tickets.findById(stored.id))!;
      expect(reread.ticket).toEqual(next);
      expect(saved !== 'conflict' && saved.ticket).toEqual(next);
      const history = await tickets.history(stored.id);
      expect(history.map((entry) => entry.seq)).toEqual(history.map((_, i) => i + 1));
      expect(history.slice(-count).map((entry) => entry.event)).toEqual(events);
      const queued = await outboxOf(stored.id);
      expect(queued.slice(-count)).toEqual(
        events.map((event, i) => ({
          seq: history.length - count + i + 1,
          type: event.type,
          state: 'pending',
        })),
      );
    },
  );

  test('a change made from a version someone has changed since writes nothing and says so', async () => {
    const stored = await file();
    const first = change(stored.ticket, [{ type: 'acknowledge', priority: 'P2', severity: 'High' }]);
    expect(await tickets.saveChange(stored.id, stored.ticket.version, first.next, first.events)).not.toBe(
      'conflict',
    );
    const before = { history: await tickets.history(stored.id), queued: await outboxOf(stored.id) };

    const stale = change(stored.ticket, [{ type: 'acknowledge', priority: 'P1', severity: 'Critical' }]);
    expect(await tickets.saveChange(stored.id, stored.ticket.version, stale.next, stale.events)).toBe(
      'conflict',
    );

    expect((await tickets.findById(stored.id))!.ticket).toEqual(first.next);
    expect(await tickets.history(stored.id)).toEqual(before.history);
    expect(await outboxOf(stored.id)).toEqual(before.queued);
  });

  test('a change only if not overdue is refused once the acknowledgement alarm has gone off', async () => {
    const stored = await file();
    clock.set(stored.ticket.ackDueAt);
    clock.advance(60_000);
    const overdue = change(stored.ticket, [{ type: 'mark_ack_overdue' }], system);
    const marked = await tickets.saveChange(stored.id, stored.ticket.version, overdue.next, overdue.events);
    expect(marked).not.toBe('conflict');
    const current = (await tickets.findById(stored.id))!;

    // A change made on condition that no alarm has gone off is refused.
    const late = change(current.ticket, [{ type: 'acknowledge', priority: 'P2', severity: 'High' }]);
    expect(
      await tickets.saveChange(stored.id, current.ticket.version, late.next, late.events, {
        onlyIfNotOverdue: true,
      }),
    ).toBe('conflict');
    expect((await tickets.findById(stored.id))!.ticket.state).toBe(current.ticket.state);

    // Made unconditionally, it lands.
    expect(await tickets.saveChange(stored.id, current.ticket.version, late.next, late.events)).not.toBe(
      'conflict',
    );
    expect((await tickets.findById(stored.id))!.ticket.priority).toBe('P2');
  });

  test('a change without notifications stores its events and queues nothing', async () => {
    const stored = await file();
    const queuedBefore = await outboxOf(stored.id);
    const { next, events } = change(stored.ticket, [
      { type: 'acknowledge', priority: 'P3', severity: 'Low' },
    ]);

    expect(
      await tickets.saveChange(stored.id, stored.ticket.version, next, events, { outbox: false }),
    ).not.toBe('conflict');

    expect((await tickets.history(stored.id)).at(-1)?.event).toEqual(events[0]);
    expect(await outboxOf(stored.id)).toEqual(queuedBefore);
  });

  test('a new ticket is stored with its first events numbered from one, each queued', async () => {
    const stored = await file();
    const history = await tickets.history(stored.id);
    expect(history.length).toBeGreaterThan(0);
    expect(history.map((entry) => entry.seq)).toEqual(history.map((_, i) => i + 1));
    expect(await outboxOf(stored.id)).toEqual(
      history.map((entry) => ({ seq: entry.seq, type: entry.event.type, state: 'pending' })),
    );
  });
});

describe('a ticket change on postgres, racing a writer of its history', () => {
  const postgres = engines.find((engine) => engine.name === 'postgres')!;
  let database: TestDatabase;
  let store: Store;
  let other: Client;

  beforeEach(async () => {
    database = await postgres.create();
    store = await database.open();
    other = new Client({
      connectionString: database.config.engine === 'postgres' ? database.config.url : '',
    });
    await other.connect();
  });
  afterEach(async () => {
    await other.end();
    await database.destroy();
  });

  test("lands after an event another writer numbered while the change waited for the ticket's row", async () => {
    const clock = new FixedClock('2026-12-07T10:00:00.000Z');
    const tickets = new TicketStore(
      store.db,
      () => {},
      () => clock.now(),
    );
    const backend = new EmbeddedTicketBackend({ repository: tickets, clock, calendar });
    const filed = await backend.submit(vulnerabilitySubmission({ submissionKey: 'race-1' }));
    if (!filed.ok) throw new Error('submit failed');
    const stored = (await tickets.findByNumber(filed.record.ticket.confirmationNumber))!;
    const last = (await tickets.history(stored.id)).length;

    // Another writer holds the ticket's row and adds an event without changing the ticket (as a
    // recorded download does), committing only once the change is waiting for the row.
    await other.query('begin');
    await other.query('select id from tickets where id = $1 for update', [stored.id]);
    await other.query(
      `insert into ticket_events (id, ticket_id, seq, type, actor_kind, actor_id, actor_name, payload, created_at)
       values ('other-event', $1, $2, 'message_posted', 'support', 'aad-analyst-2', 'Kim Support', $3, $4)`,
      [stored.id, last + 1, JSON.stringify({ message: 'From the other writer' }), clock.now().toISOString()],
    );
    const applied = applyCommand(
      stored.ticket,
      { type: 'acknowledge', priority: 'P2', severity: 'High' },
      analyst,
      clock.now(),
    );
    if (!applied.ok) throw new Error('refused');
    const saving = tickets.saveChange(stored.id, stored.ticket.version, applied.ticket, applied.events);
    await waitForLockWait(other, stored.id);
    await other.query('commit');

    const saved = await saving;

    expect(saved).not.toBe('conflict');
    const history = await tickets.history(stored.id);
    expect(history.slice(-2).map((entry) => [entry.seq, entry.event.type])).toEqual([
      [last + 1, 'message_posted'],
      [last + 2, applied.events[0]!.type],
    ]);
    expect((await tickets.findById(stored.id))!.ticket.priority).toBe('P2');
  });
});

/** Until a statement of another session waits for a lock (read off pg_stat_activity), at most 10 s. */
async function waitForLockWait(client: Client, ticketId: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await client.query<{ waiting: number }>(
      `select count(*)::int as waiting from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`,
    );
    if ((rows[0]?.waiting ?? 0) > 0) return;
    if (Date.now() > deadline) throw new Error(`no change waited for ticket ${ticketId}'s row`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
