import { randomUUID } from 'node:crypto';
import { Outbox } from '../../../src/tickets';
import type { Store } from '../../../src/store/create-store';
import { engines, type TestDatabase } from '../../support/databases';
import { ticketRow } from '../store/ticket-row';

const t0 = new Date('2026-11-25T10:00:00.000Z');

describe.each(engines)('the outbox as a work queue on $name', (engine) => {
  let database: TestDatabase;
  let store: Store;
  let queue: Outbox;

  beforeAll(async () => {
    database = await engine.create();
    store = await database.open();
    queue = new Outbox(store.db, store.engine);
  });
  afterAll(() => database.destroy());

  async function ticketWithEvents(count: number): Promise<string> {
    const id = randomUUID();
    await store.db
      .insertInto('tickets')
      .values(ticketRow({ id, confirmation_number: `SD-${id.slice(0, 8)}`, submission_key: id }))
      .execute();
    for (let seq = 1; seq <= count; seq++) {
      const eventId = randomUUID();
      await store.db
        .insertInto('ticket_events')
        .values({
          id: eventId,
          ticket_id: id,
          seq,
          type: 'message_posted',
          actor_kind: 'support',
          actor_id: 'a',
          actor_name: null,
          payload: '{}',
          created_at: t0.toISOString(),
        })
        .execute();
      await store.db
        .insertInto('outbox')
        .values({
          event_id: eventId,
          ticket_id: id,
          state: 'pending',
          next_attempt_at: t0.toISOString(),
          created_at: t0.toISOString(),
        })
        .execute();
    }
    return id;
  }

  it("hands out a ticket's events one at a time, in order, and never the same row to two owners", async () => {
    const ticket = await ticketWithEvents(3);
    const first = await queue.claim('instance-a', t0, 60_000, 50);
    const mine = first.filter((r) => r.ticketId === ticket);
    expect(mine).toHaveLength(1);
    expect(await queue.claim('instance-b', t0, 60_000, 50)).toEqual([]);

    // A retry of event 1 keeps event 2 back: order holds through failures.
    await queue.retryLater(mine[0]!.id, 'instance-a', new Date(t0.getTime() + 5_000), {
      kind: 'failure',
      error: '503',
    });
    expect((await queue.claim('instance-b', t0, 60_000, 50)).filter((r) => r.ticketId === ticket)).toEqual(
      [],
    );
    const retried = await queue.claim('instance-b', new Date(t0.getTime() + 5_000), 60_000, 50);
    expect(retried.map((r) => r.id)).toEqual([mine[0]!.id]);
    expect(retried[0]!.attempts).toBe(1);

    expect(await queue.markSent(retried[0]!.id, ticket, 'instance-b', t0)).toBe(true);
    const second = await queue.claim('instance-a', new Date(t0.getTime() + 5_000), 60_000, 50);
    expect(second.map((r) => r.id)).toEqual([mine[0]!.id + 1]);
  });

  it("gives a crashed owner's row to another instance once its lease expires, and ignores the old owner after", async () => {
    const ticket = await ticketWithEvents(1);
    const [row] = (await queue.claim('crashed', t0, 10_000, 50)).filter((r) => r.ticketId === ticket);
    expect(await queue.claim('survivor', new Date(t0.getTime() + 9_999), 10_000, 50)).toEqual([]);
    const [taken] = await queue.claim('survivor', new Date(t0.getTime() + 10_000), 10_000, 50);
    expect(taken?.id).toBe(row!.id);
    expect(await queue.markSent(row!.id, ticket, 'crashed', t0)).toBe(false);
    expect(await queue.markSent(row!.id, ticket, 'survivor', t0)).toBe(true);
  });
});
