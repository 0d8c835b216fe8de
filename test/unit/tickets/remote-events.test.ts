import { randomUUID } from 'node:crypto';
import type { TicketEvent } from '../../../src/domain/ticket';
import type { Store } from '../../../src/store/create-store';
import { TicketStore, type StoredTicket } from '../../../src/tickets';
import { fileTicket } from '../../../src/backend/file-ticket';
import { engines, type TestDatabase } from '../../support/databases';
import { vulnerabilitySubmission } from '../../support/submissions';

const t0 = new Date('2026-11-25T10:00:00.000Z');
const analyst = { kind: 'support' as const, id: 'remote-analyst' };
const calendar = { ackDueAt: (at: Date) => new Date(at.getTime() + 86_400_000) };

describe.each(engines)('events from a remote ticket service on $name', (engine) => {
  let database: TestDatabase;
  let store: Store;
  let tickets: TicketStore;
  let rings: number;

  beforeAll(async () => {
    database = await engine.create();
    store = await database.open();
    tickets = new TicketStore(store.db, () => (rings += 1));
  });
  beforeEach(() => (rings = 0));
  afterAll(() => database.destroy());

  async function file(delivery: 'local' | 'pending'): Promise<StoredTicket> {
    const filed = await fileTicket(
      { repository: tickets, calendar },
      vulnerabilitySubmission({ submissionKey: randomUUID() }),
      t0,
      { delivery, outbox: delivery === 'local' },
    );
    if (!filed.ok) throw new Error('not filed');
    return filed.stored;
  }

  const remote = (stored: StoredTicket, event: Omit<TicketEvent, 'actor' | 'at'>) => ({
    eventId: randomUUID(),
    confirmationNumber: stored.ticket.confirmationNumber,
    event: { actor: analyst, at: t0.toISOString(), ...event } as TicketEvent,
  });
  const historyOf = async (stored: StoredTicket) =>
    (await tickets.history(stored.id)).map((e) => e.event.type);

  it("moves a remote ticket through the domain's own transition, with its outbox row, once", async () => {
    const stored = await file('pending');
    const acknowledged = remote(stored, {
      type: 'acknowledged',
      data: { priority: 'P2', severity: 'High', late: false },
    });
    expect(await tickets.storeRemoteEvent(acknowledged, t0)).toEqual({ status: 'stored' });
    expect(await tickets.storeRemoteEvent(acknowledged, t0)).toEqual({ status: 'duplicate' });
    const after = await tickets.findById(stored.id);
    expect(after?.ticket).toMatchObject({
      state: 'acknowledged',
      priority: 'P2',
      severity: 'High',
      acknowledgedAt: t0.toISOString(),
      version: stored.ticket.version + 1,
    });
    expect(await historyOf(stored)).toEqual(['submitted', 'acknowledged']);
    const outbox = await store.db
      .selectFrom('outbox')
      .select('event_id')
      .where('ticket_id', '=', stored.id)
      .execute();
    expect(outbox.map((row) => row.event_id)).toEqual([acknowledged.eventId]);
    expect(rings).toBe(1);
  });

  it('refuses what the ticket state does not allow, and any event for a ticket this service owns', async () => {
    const closedRemote = await file('pending');
    expect(
      await tickets.storeRemoteEvent(
        remote(closedRemote, { type: 'closed', data: { reason: 'withdrawn' } }),
        t0,
      ),
    ).toEqual({ status: 'stored' });
    const question = remote(closedRemote, { type: 'question_asked', data: { question: 'Again?' } });
    expect(await tickets.storeRemoteEvent(question, t0)).toEqual({ status: 'refused', state: 'closed' });
    expect(await historyOf(closedRemote)).toEqual(['submitted', 'closed']);

    const own = await file('local');
    const forged = remote(own, {
      type: 'acknowledged',
      data: { priority: 'P1', severity: 'Critical', late: false },
    });
    expect(await tickets.storeRemoteEvent(forged, t0)).toEqual({ status: 'notOwned' });
    expect((await tickets.findById(own.id))?.ticket).toMatchObject({ state: 'submitted', version: 1 });
    expect(await historyOf(own)).toEqual(['submitted']);
    expect(await tickets.storeRemoteEvent({ ...forged, confirmationNumber: 'SEC-2345-6789' }, t0)).toEqual({
      status: 'unknownTicket',
    });
  });
});
