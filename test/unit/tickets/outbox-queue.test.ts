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

  it('marks one row finished on its own only for the owner of its lease, and the row is done', async () => {
    const ticket = await ticketWithEvents(2);
    const [row] = (await queue.claim('owner', t0, 60_000, 50)).filter((r) => r.ticketId === ticket);
    const sent = { id: row!.id, ticketId: ticket, at: t0, state: 'sent', unreachableNoted: false } as const;

    expect(await queue.finishAll([{ ...sent, owner: 'someone-else' }])).toEqual([false]);
    expect(await stateOf(row!.id)).toEqual({ state: 'pending', lease_owner: 'owner' });

    expect(await queue.finishAll([{ ...sent, owner: 'owner' }])).toEqual([true]);
    expect(await stateOf(row!.id)).toEqual({ state: 'sent', lease_owner: null });
    // Done: the ticket's next row is the one handed out now.
    const [next] = (await queue.claim('owner', t0, 60_000, 50)).filter((r) => r.ticketId === ticket);
    expect(next?.id).toBe(row!.id + 1);
    expect(
      await queue.finishAll([
        { id: next!.id, ticketId: ticket, owner: 'owner', at: t0, state: 'skipped', reason: 'no chat' },
      ]),
    ).toEqual([true]);
    expect(await stateOf(next!.id)).toEqual({ state: 'skipped', lease_owner: null });
  });

  const stateOf = (id: number) =>
    store.db.selectFrom('outbox').select(['state', 'lease_owner']).where('id', '=', id).executeTakeFirst();

  it("moves a ticket's waiting rows to the time its first row is tried again, and no other ticket's", async () => {
    const ticket = await ticketWithEvents(3);
    const other = await ticketWithEvents(1);
    const [head] = (await queue.claim('instance-a', t0, 60_000, 50)).filter((r) => r.ticketId === ticket);
    const later = new Date(t0.getTime() + 30_000);
    // The last row waits longer already (an earlier retry of the first was further off): it keeps its time.
    const latest = new Date(t0.getTime() + 90_000).toISOString();
    await store.db
      .updateTable('outbox')
      .set({ next_attempt_at: latest })
      .where('id', '=', head!.id + 2)
      .execute();
    expect(await queue.retryLater(head!.id, 'instance-a', later, { kind: 'waiting' })).toBe(true);

    const due = async (ticketId: string) =>
      (
        await store.db
          .selectFrom('outbox')
          .select(['id', 'next_attempt_at'])
          .where('ticket_id', '=', ticketId)
          .orderBy('id')
          .execute()
      ).map((row) => new Date(row.next_attempt_at as unknown as string).toISOString());
    expect(await due(ticket)).toEqual([later.toISOString(), later.toISOString(), latest]);
    expect(await due(other)).toEqual([t0.toISOString()]);

    // A give-back by an owner that lost its lease moves nothing.
    const [retried] = (await queue.claim('instance-b', later, 60_000, 50)).filter(
      (r) => r.ticketId === ticket,
    );
    expect(retried?.id).toBe(head!.id);
    expect(
      await queue.retryLater(head!.id, 'instance-a', new Date(later.getTime() + 60_000), { kind: 'waiting' }),
    ).toBe(false);
    expect(await due(ticket)).toEqual([later.toISOString(), later.toISOString(), latest]);

    // Order holds: the head first, then the next, each claimable once the one before it is done.
    expect(await queue.markSent(retried!.id, ticket, 'instance-b', later)).toBe(true);
    const next = (await queue.claim('instance-a', later, 60_000, 50)).filter((r) => r.ticketId === ticket);
    expect(next.map((r) => r.id)).toEqual([head!.id + 1]);
  });

  it("reads a row's event, its ticket as stored and whether a later event of the ticket waits", async () => {
    const ticket = await ticketWithEvents(2);
    const [head] = (await queue.claim('instance-a', t0, 60_000, 50)).filter((r) => r.ticketId === ticket);
    const first = await queue.subject(head!.eventId, ticket);
    expect(first).toMatchObject({
      seq: 1,
      laterPending: true,
      event: { type: 'message_posted', actor: { kind: 'support', id: 'a' }, at: t0.toISOString(), data: {} },
      stored: { id: ticket, ticket: { confirmationNumber: `SD-${ticket.slice(0, 8)}` } },
    });
    // The first row done, the second is the last: nothing waits behind it.
    expect(await queue.markSent(head!.id, ticket, 'instance-a', t0)).toBe(true);
    const [second] = (await queue.claim('instance-a', t0, 60_000, 50)).filter((r) => r.ticketId === ticket);
    expect(await queue.subject(second!.eventId, ticket)).toMatchObject({ seq: 2, laterPending: false });
    // Each row names its ticket: an event read with another ticket's id is no subject.
    expect(await queue.subject(second!.eventId, await ticketWithEvents(0))).toBeUndefined();
    expect(await queue.subject(randomUUID(), ticket)).toBeUndefined();
  });
});
