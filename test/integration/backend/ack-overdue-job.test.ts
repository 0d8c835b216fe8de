import { AckOverdueJob } from '../../../src/backend/embedded/ack-overdue-job';
import { EmbeddedTicketBackend } from '../../../src/backend/embedded/embedded-ticket-backend';
import { SupportService } from '../../../src/backend/embedded/support-service';
import { TicketStore } from '../../../src/tickets';
import { createSupportCalendar } from '../../../src/domain/calendar';
import { createLogger } from '../../../src/logger';
import type { Store } from '../../../src/store/create-store';
import { engines, type TestDatabase } from '../../support/databases';
import { FixedClock } from '../../support/fixed-clock';
import { analyst, vulnerabilitySubmission } from '../../support/submissions';

const calendar = createSupportCalendar({
  timeZone: 'America/Los_Angeles',
  workdays: [1, 2, 3, 4, 5],
  dayStart: '09:00',
  dayEnd: '17:00',
  holidays: { country: 'US' },
});
const logger = createLogger('silent');

describe.each(engines)('the overdue-acknowledgement job on $name', (engine) => {
  let database: TestDatabase;
  let stores: Store[];
  let clock: FixedClock;

  beforeEach(async () => {
    database = await engine.create();
    // Two instances on one database, as in a scaled-out deployment.
    stores = [await database.open(), await database.open()];
    clock = new FixedClock('2026-11-24T18:00:00.000Z'); // due 2026-11-25T18:00Z
  });
  afterEach(() => database.destroy());

  const jobOn = (store: Store) =>
    new AckOverdueJob({ repository: new TicketStore(store.db), clock, logger, intervalSeconds: 60 });

  async function fileTicket(key: string): Promise<string> {
    const [store] = stores;
    if (!store) throw new Error('no store');
    const backend = new EmbeddedTicketBackend({
      repository: new TicketStore(store.db),
      clock,
      calendar,
    });
    const result = await backend.submit(vulnerabilitySubmission({ submissionKey: key }));
    if (!result.ok) throw new Error('submit failed');
    return result.record.ticket.confirmationNumber;
  }

  async function eventTypes(number: string): Promise<string[]> {
    const rows = await stores[0]!.db
      .selectFrom('ticket_events')
      .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
      .select('ticket_events.type')
      .where('tickets.confirmation_number', '=', number)
      .orderBy('ticket_events.seq')
      .execute();
    return rows.map((r) => r.type);
  }

  test('nothing happens before the due time', async () => {
    const number = await fileTicket('k1');
    clock.set('2026-11-25T17:59:59.999Z');
    expect(await jobOn(stores[0]!).runOnce()).toBe(0);
    expect(await eventTypes(number)).toEqual(['submitted']);
  });

  test('an unacknowledged ticket past due gets one ack_overdue event with an outbox row, even with two instances', async () => {
    const number = await fileTicket('k1');
    clock.set('2026-11-25T18:00:00.000Z');
    // Two SQLite connections in one process cannot interleave write transactions (better-sqlite3 blocks
    // the thread while busy), and several instances mean PostgreSQL; on SQLite they run one after another.
    const [a, b] =
      engine.name === 'postgres'
        ? await Promise.all([jobOn(stores[0]!).runOnce(), jobOn(stores[1]!).runOnce()])
        : [await jobOn(stores[0]!).runOnce(), await jobOn(stores[1]!).runOnce()];
    expect(a + b).toBe(1);
    expect(await jobOn(stores[1]!).runOnce()).toBe(0);
    clock.advance(3_600_000);
    expect(await jobOn(stores[0]!).runOnce()).toBe(0);
    expect(await eventTypes(number)).toEqual(['submitted', 'ack_overdue']);
    const row = await stores[0]!.db.selectFrom('tickets').selectAll().executeTakeFirstOrThrow();
    expect(row.ack_overdue_at).toBe('2026-11-25T18:00:00.000Z');
    expect(await stores[0]!.db.selectFrom('outbox').select('id').execute()).toHaveLength(2);
  });

  test('an acknowledged ticket is never overdue', async () => {
    const number = await fileTicket('k1');
    const support = new SupportService({ repository: new TicketStore(stores[0]!.db), clock });
    await support.execute(number, { type: 'acknowledge', priority: 'P2', severity: 'High' }, analyst, 1);
    clock.set('2026-12-01T00:00:00.000Z');
    expect(await jobOn(stores[0]!).runOnce()).toBe(0);
    expect(await eventTypes(number)).toEqual(['submitted', 'acknowledged']);
  });

  test('a late acknowledgement is recorded as late', async () => {
    const number = await fileTicket('k1');
    clock.set('2026-11-27T18:00:00.000Z');
    await jobOn(stores[0]!).runOnce();
    const support = new SupportService({ repository: new TicketStore(stores[0]!.db), clock });
    const result = await support.execute(
      number,
      { type: 'acknowledge', priority: 'P2', severity: 'High' },
      analyst,
      2,
    );
    expect(result).toMatchObject({ ok: true, events: [{ type: 'acknowledged', data: { late: true } }] });
  });
});
