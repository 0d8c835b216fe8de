import { BreachReminderJob } from '../../../src/backend/embedded/breach-reminder-job';
import { EmbeddedTicketBackend } from '../../../src/backend/embedded/embedded-ticket-backend';
import { createSupportCalendar } from '../../../src/domain/calendar';
import { createLogger } from '../../../src/logger';
import type { Store } from '../../../src/store/create-store';
import { TicketStore } from '../../../src/tickets';
import { engines, type TestDatabase } from '../../support/databases';
import { FixedClock } from '../../support/fixed-clock';
import { incidentSubmission, publisher, tenantA } from '../../support/submissions';

const calendar = createSupportCalendar({
  timeZone: 'UTC',
  workdays: [1, 2, 3, 4, 5],
  dayStart: '09:00',
  dayEnd: '17:00',
});
const logger = createLogger('silent');

describe.each(engines)('the GDPR 72-hour clock in the store on $name', (engine) => {
  let database: TestDatabase;
  let stores: Store[];
  let clock: FixedClock;

  beforeEach(async () => {
    database = await engine.create();
    // Two instances on one database, as in a scaled-out deployment.
    stores = [await database.open(), await database.open()];
    clock = new FixedClock('2026-12-02T09:00:00.000Z');
  });
  afterEach(() => database.destroy());

  const jobOn = (store: Store) =>
    new BreachReminderJob({ repository: new TicketStore(store.db), clock, logger, intervalSeconds: 60 });
  const backendOn = (store: Store) =>
    new EmbeddedTicketBackend({ repository: new TicketStore(store.db), clock, calendar });

  async function file(key: string, personalData: 'yes' | 'no', timeZone = 'Europe/Berlin'): Promise<string> {
    const submission = incidentSubmission({ submissionKey: key, timeZone });
    const result = await backendOn(stores[0]!).submit({
      ...submission,
      report: {
        ...submission.report,
        discoveredOn: '2026-12-02',
        incident: { dataOrSystems: 'Customer e-mail addresses', ongoing: 'no', personalData },
      },
    });
    if (!result.ok) throw new Error(`submit failed: ${JSON.stringify(result.error)}`);
    return result.record.ticket.confirmationNumber;
  }

  async function row(number: string) {
    return stores[0]!.db
      .selectFrom('tickets')
      .select(['breach_due_at', 'breach_notified_at', 'breach_reminded_at'])
      .where('confirmation_number', '=', number)
      .executeTakeFirstOrThrow();
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

  test('the deadline is stored when the ticket is filed, only for personal data, and read back on the ticket', async () => {
    const yes = await file('k-yes', 'yes');
    const no = await file('k-no', 'no');
    expect(await row(yes)).toEqual({
      breach_due_at: '2026-12-04T23:00:00.000Z',
      breach_notified_at: null,
      breach_reminded_at: null,
    });
    expect((await row(no)).breach_due_at).toBeNull();
    const read = await backendOn(stores[1]!).getForTenant(tenantA, yes);
    expect(read?.ticket.breachDueAt).toBe('2026-12-04T23:00:00.000Z');
  });

  test('dueForBreachReminder finds a ticket from 24 hours before its deadline until it, and never once reminded or marked', async () => {
    const number = await file('k1', 'yes');
    const tickets = new TicketStore(stores[0]!.db);
    expect(await tickets.dueForBreachReminder(new Date('2026-12-03T22:59:59.999Z'), 10)).toEqual([]);
    const due = await tickets.dueForBreachReminder(new Date('2026-12-03T23:00:00.000Z'), 10);
    expect(due.map((s) => s.ticket.confirmationNumber)).toEqual([number]);
    expect(await tickets.dueForBreachReminder(new Date('2026-12-04T23:00:00.000Z'), 10)).toEqual([]);
  });

  test('two instances remind once, with an outbox row; a later run and a later hour do nothing', async () => {
    const number = await file('k1', 'yes');
    clock.set('2026-12-04T00:00:00.000Z');
    // Two SQLite connections in one process cannot interleave write transactions; on SQLite they run in turn.
    const [a, b] =
      engine.name === 'postgres'
        ? await Promise.all([jobOn(stores[0]!).runOnce(), jobOn(stores[1]!).runOnce()])
        : [await jobOn(stores[0]!).runOnce(), await jobOn(stores[1]!).runOnce()];
    expect(a + b).toBe(1);
    clock.advance(3 * 3_600_000);
    expect(await jobOn(stores[0]!).runOnce()).toBe(0);
    expect(await eventTypes(number)).toEqual(['submitted', 'breach_reminder_due']);
    expect((await row(number)).breach_reminded_at).toBe('2026-12-04T00:00:00.000Z');
    expect(await stores[0]!.db.selectFrom('outbox').select('id').execute()).toHaveLength(2);
  });

  test('marked done before the reminder, no reminder comes; the mark is stored', async () => {
    const number = await file('k1', 'yes');
    clock.set('2026-12-03T08:00:00.000Z');
    const marked = await backendOn(stores[0]!).publisherCommand(
      tenantA,
      number,
      { type: 'mark_breach_notified' },
      publisher,
    );
    expect(marked.ok).toBe(true);
    clock.set('2026-12-04T00:00:00.000Z');
    expect(await jobOn(stores[0]!).runOnce()).toBe(0);
    expect(await row(number)).toMatchObject({
      breach_notified_at: '2026-12-03T08:00:00.000Z',
      breach_reminded_at: null,
    });
    expect(await eventTypes(number)).toEqual(['submitted', 'breach_notification_done']);
  });

  test('a ticket filed after its deadline is never reminded', async () => {
    clock.set('2026-12-06T09:00:00.000Z');
    const number = await file('k-late', 'yes');
    expect(await jobOn(stores[0]!).runOnce()).toBe(0);
    expect(await eventTypes(number)).toEqual(['submitted']);
  });
});
