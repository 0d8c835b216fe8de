import { EmbeddedTicketBackend } from '../../../src/backend/embedded/embedded-ticket-backend';
import { SupportService } from '../../../src/backend/embedded/support-service';
import { summaryOf, TicketStore } from '../../../src/tickets';
import { createSupportCalendar } from '../../../src/domain/calendar';
import type { Store } from '../../../src/store/create-store';
import { engines, type TestDatabase } from '../../support/databases';
import { FixedClock } from '../../support/fixed-clock';
import {
  incidentSubmission,
  publisher,
  tenantA,
  tenantB,
  vulnerabilitySubmission,
} from '../../support/submissions';

const calendar = createSupportCalendar({
  timeZone: 'America/Los_Angeles',
  workdays: [1, 2, 3, 4, 5],
  dayStart: '09:00',
  dayEnd: '17:00',
  holidays: { country: 'US' },
});

describe.each(engines)('the embedded ticket backend on $name', (engine) => {
  let database: TestDatabase;
  let store: Store;
  let clock: FixedClock;
  let backend: EmbeddedTicketBackend;

  beforeEach(async () => {
    database = await engine.create();
    store = await database.open();
    // Tuesday 24 November 2026, 10:00 in Los Angeles.
    clock = new FixedClock('2026-11-24T18:00:00.000Z');
    backend = new EmbeddedTicketBackend({ repository: new TicketStore(store.db), clock, calendar });
  });
  afterEach(() => database.destroy());

  test('a submitted report is stored with its number, due time, event and one pending outbox row', async () => {
    const result = await backend.submit(vulnerabilitySubmission());
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.duplicate).toBe(false);
    const { ticket } = result.record;
    expect(ticket.confirmationNumber).toMatch(/^SEC-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
    expect(ticket.state).toBe('submitted');
    expect(result.record).toMatchObject({ delivery: 'local', timeZone: 'Europe/Berlin', locale: 'en-US' });

    const row = await store.db.selectFrom('tickets').selectAll().executeTakeFirstOrThrow();
    // The stored due time is the support calendar's: the day before Thanksgiving, 10:00 Los Angeles.
    expect(row.ack_due_at).toBe(calendar.ackDueAt(new Date('2026-11-24T18:00:00.000Z')).toISOString());
    expect(row.ack_due_at).toBe('2026-11-25T18:00:00.000Z');
    expect(row).toMatchObject({
      suggested_severity: 'Critical',
      reporter_time_zone: 'Europe/Berlin',
      version: 1,
    });

    const events = await store.db.selectFrom('ticket_events').selectAll().execute();
    expect(events.map((e) => [e.type, e.seq, e.ticket_id])).toEqual([['submitted', 1, row.id]]);
    const outbox = await store.db.selectFrom('outbox').selectAll().execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ event_id: events[0]?.id, ticket_id: row.id, state: 'pending' });
  });

  test('the due time skips Thanksgiving and the weekend', async () => {
    clock.set('2026-11-25T23:00:00.000Z'); // Wednesday 15:00 in Los Angeles
    const result = await backend.submit(vulnerabilitySubmission());
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    // Two working hours left on Wednesday, Thursday is Thanksgiving: due Friday at 15:00.
    expect(result.record.ticket.ackDueAt).toBe('2026-11-27T23:00:00.000Z');
  });

  test('submitting the same draft twice files one ticket and says the second was a duplicate', async () => {
    const first = await backend.submit(vulnerabilitySubmission());
    const second = await backend.submit(vulnerabilitySubmission({ report: incidentSubmission().report }));
    if (!first.ok || !second.ok) throw new Error('submit failed');
    expect(second.duplicate).toBe(true);
    expect(second.record.ticket.confirmationNumber).toBe(first.record.ticket.confirmationNumber);
    expect(await store.db.selectFrom('tickets').select('id').execute()).toHaveLength(1);
    expect(await store.db.selectFrom('outbox').select('id').execute()).toHaveLength(1);
  });

  test('a draft already filed, sent again with a report that no longer passes, still answers its ticket', async () => {
    const first = await backend.submit(vulnerabilitySubmission());
    const again = await backend.submit(
      vulnerabilitySubmission({ report: { ...vulnerabilitySubmission().report, title: '' } }),
    );
    if (!first.ok) throw new Error('submit failed');
    expect(again).toMatchObject({
      ok: true,
      duplicate: true,
      record: { ticket: { confirmationNumber: first.record.ticket.confirmationNumber } },
    });
    // A new draft with that report is refused as it always was.
    const fresh = await backend.submit(
      vulnerabilitySubmission({
        submissionKey: 'draft-2',
        report: { ...vulnerabilitySubmission().report, title: '' },
      }),
    );
    expect(fresh).toMatchObject({ ok: false, error: { field: 'title' } });
    expect(await store.db.selectFrom('tickets').select('id').execute()).toHaveLength(1);
  });

  test('concurrent submissions of one draft file one ticket', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => backend.submit(vulnerabilitySubmission())),
    );
    const numbers = new Set(results.map((r) => (r.ok ? r.record.ticket.confirmationNumber : 'failed')));
    expect(numbers.size).toBe(1);
    expect(results.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
    expect(await store.db.selectFrom('tickets').select('id').execute()).toHaveLength(1);
    expect(await store.db.selectFrom('ticket_events').select('id').execute()).toHaveLength(1);
  });

  test('the same draft key in another tenant is another ticket', async () => {
    await backend.submit(vulnerabilitySubmission());
    const other = await backend.submit(vulnerabilitySubmission({ tenantId: tenantB }));
    expect(other).toMatchObject({ ok: true, duplicate: false });
  });

  test('a confirmation number already taken is drawn again', async () => {
    const numbers = ['SEC-AAAA-BBBB', 'SEC-AAAA-BBBB', 'SEC-CCCC-DDDD'];
    const clashing = new EmbeddedTicketBackend({
      repository: new TicketStore(store.db),
      clock,
      calendar,
      numberGenerator: () => numbers.shift() ?? 'SEC-EEEE-FFFF',
    });
    const first = await clashing.submit(vulnerabilitySubmission({ submissionKey: 'k1' }));
    const second = await clashing.submit(vulnerabilitySubmission({ submissionKey: 'k2' }));
    expect(first.ok && first.record.ticket.confirmationNumber).toBe('SEC-AAAA-BBBB');
    expect(second.ok && second.record.ticket.confirmationNumber).toBe('SEC-CCCC-DDDD');
  });

  test('an invalid report is refused with the field at fault and nothing is stored', async () => {
    const result = await backend.submit(
      vulnerabilitySubmission({ report: { ...vulnerabilitySubmission().report, title: '' } }),
    );
    expect(result).toEqual({ ok: false, error: { key: 'ticket.field.required', field: 'title' } });
    expect(await store.db.selectFrom('tickets').select('id').execute()).toHaveLength(0);
  });

  test('an empty submission key is refused', async () => {
    const result = await backend.submit(vulnerabilitySubmission({ submissionKey: ' ' }));
    expect(result).toEqual({ ok: false, error: { key: 'ticket.field.invalid', field: 'submissionKey' } });
  });

  test('a publisher sees only its own tenant’s tickets', async () => {
    const mine = await backend.submit(vulnerabilitySubmission());
    if (!mine.ok) throw new Error('submit failed');
    const number = mine.record.ticket.confirmationNumber;
    expect(await backend.getForTenant(tenantB, number)).toBeUndefined();
    expect(await backend.getWithHistoryForTenant(tenantB, number)).toBeUndefined();
    expect(await backend.listForTenant(tenantB)).toEqual([]);
    expect((await backend.getForTenant(tenantA, number.toLowerCase()))?.ticket.confirmationNumber).toBe(
      number,
    );
    const history = (await backend.getWithHistoryForTenant(tenantA, number))?.history;
    expect(history?.map((h) => h.event.type)).toEqual(['submitted']);
    const result = await backend.publisherCommand(
      tenantB,
      number,
      { type: 'post_message', message: 'hi' },
      publisher,
    );
    expect(result).toEqual({ ok: false, error: { key: 'ticket.notFound' } });
  });

  test('the tenant’s list is newest first', async () => {
    await backend.submit(vulnerabilitySubmission({ submissionKey: 'old' }));
    clock.advance(60_000);
    await backend.submit(incidentSubmission({ submissionKey: 'new' }));
    const list = await backend.listForTenant(tenantA);
    expect(list.map((r) => r.ticket.report.title)).toEqual([
      'Leaked storage key',
      'SQL injection in the admin console',
    ]);
    expect(await backend.listForTenant(tenantA, { limit: 1 })).toHaveLength(1);
  });

  test('the summaries a list shows are the records’ own facts, read without the report', async () => {
    const titled = (title: string, key: string) =>
      vulnerabilitySubmission({
        submissionKey: key,
        report: { ...vulnerabilitySubmission().report, title },
      });
    const quoted = await backend.submit(titled('«Кавычки» "quoted" \\ back\\slash — 🔐', 'one'));
    clock.advance(60_000);
    await backend.submit(incidentSubmission({ submissionKey: 'two' }));
    clock.advance(60_000);
    await backend.submit(vulnerabilitySubmission({ submissionKey: 'other', tenantId: tenantB }));
    if (!quoted.ok) throw new Error('submit failed');
    const support = new SupportService({ repository: new TicketStore(store.db), clock });
    const number = quoted.record.ticket.confirmationNumber;
    const acknowledged = await support.execute(
      number,
      { type: 'acknowledge', priority: 'P2', severity: 'High' },
      { kind: 'support', id: 'aad-analyst-1' },
      1,
    );
    expect(acknowledged.ok).toBe(true);

    const summaries = await backend.summariesForTenant(tenantA);
    const records = await backend.listForTenant(tenantA);
    expect(summaries).toEqual(records.map(({ ticket }) => summaryOf(ticket)));
    expect(summaries.map((s) => [s.title, s.state, s.priority, s.severity])).toEqual([
      ['Leaked storage key', 'submitted', undefined, undefined],
      ['«Кавычки» "quoted" \\ back\\slash — 🔐', 'acknowledged', 'P2', 'High'],
    ]);
    expect(await backend.summariesForTenant(tenantA, { limit: 1 })).toHaveLength(1);
  });

  test('a publisher message is stored as an event with an outbox row; support-only commands are refused', async () => {
    const filed = await backend.submit(vulnerabilitySubmission());
    if (!filed.ok) throw new Error('submit failed');
    const number = filed.record.ticket.confirmationNumber;
    const posted = await backend.publisherCommand(
      tenantA,
      number,
      { type: 'post_message', message: 'More logs attached.' },
      publisher,
    );
    expect(posted).toMatchObject({ ok: true, events: [{ type: 'message_posted' }] });
    expect(posted.ok && posted.record.ticket.version).toBe(2);
    const refused = await backend.publisherCommand(
      tenantA,
      number,
      { type: 'acknowledge', priority: 'P1', severity: 'High' },
      publisher,
    );
    expect(refused).toEqual({
      ok: false,
      error: { key: 'ticket.actor.notAllowed', command: 'acknowledge', actor: 'publisher' },
    });
    const answer = await backend.publisherCommand(
      tenantA,
      number,
      { type: 'answer_question', answer: 'x' },
      publisher,
    );
    expect(answer).toMatchObject({
      ok: false,
      error: { key: 'ticket.transition.notAllowed', from: 'submitted' },
    });
    expect(await store.db.selectFrom('outbox').select('id').execute()).toHaveLength(2);
  });

  test('a filing and a change answer the ticket exactly as stored (read back from the change itself)', async () => {
    const filed = await backend.submit(vulnerabilitySubmission());
    if (!filed.ok) throw new Error('submit failed');
    const number = filed.record.ticket.confirmationNumber;
    expect(filed.record).toEqual(await backend.getForTenant(tenantA, number));
    clock.set('2026-11-24T19:30:00.000Z');
    const posted = await backend.publisherCommand(
      tenantA,
      number,
      { type: 'post_message', message: 'More logs attached.' },
      publisher,
    );
    if (!posted.ok) throw new Error('post failed');
    expect(posted.record).toEqual(await backend.getForTenant(tenantA, number));
    expect(posted.record.ticket).toMatchObject({ version: 2, updatedAt: '2026-11-24T19:30:00.000Z' });
  });

  test('a message on the ticket just looked up starts from that read; changed since, it goes on the ticket as it is', async () => {
    const repository = new TicketStore(store.db);
    backend = new EmbeddedTicketBackend({ repository, clock, calendar });
    const support = new SupportService({ repository, clock });
    const filed = await backend.submit(vulnerabilitySubmission());
    if (!filed.ok) throw new Error('submit failed');
    const number = filed.record.ticket.confirmationNumber;
    const reads = jest.spyOn(repository, 'findForTenant');
    const post = (
      message: string,
      asRead: Awaited<ReturnType<typeof backend.getForTenant>>,
      tenant = tenantA,
    ) => backend.publisherCommand(tenant, number, { type: 'post_message', message }, publisher, asRead);

    const seen = await backend.getForTenant(tenantA, number);
    const posted = await post('First.', seen);
    expect(posted).toMatchObject({ ok: true, record: { ticket: { version: 2 } } });
    expect(reads).toHaveBeenCalledTimes(1);

    // Support acknowledges between the look-up and the message: the message is not lost, nor the acknowledgement.
    const stale = await backend.getForTenant(tenantA, number);
    const acknowledged = await support.execute(
      number,
      { type: 'acknowledge', priority: 'P2', severity: 'High' },
      { kind: 'support', id: 'analyst-1' },
      2,
    );
    expect(acknowledged.ok).toBe(true);
    const second = await post('Second.', stale);
    expect(second).toMatchObject({
      ok: true,
      record: { ticket: { version: 4, state: 'acknowledged', priority: 'P2' } },
    });
    const history = (await backend.getWithHistoryForTenant(tenantA, number))!.history;
    expect(history.map((entry) => entry.event.type)).toEqual([
      'submitted',
      'message_posted',
      'acknowledged',
      'message_posted',
    ]);
    // A record for another tenant's look-up is not taken for this one's.
    const refused = await post('Not mine.', stale, tenantB);
    expect(refused).toEqual({ ok: false, error: { key: 'ticket.notFound' } });
  });

  test('the status card is remembered for updates in place', async () => {
    const filed = await backend.submit(vulnerabilitySubmission());
    if (!filed.ok) throw new Error('submit failed');
    const number = filed.record.ticket.confirmationNumber;
    await backend.rememberCard(number, {
      kind: 'status',
      conversationId: 'a:chat',
      activityId: 'act-1',
      locale: 'en',
    });
    const tickets = new TicketStore(store.db);
    const stored = await tickets.findByNumber(number);
    expect(await tickets.cards.live(stored!.id)).toEqual([
      expect.objectContaining({
        kind: 'status',
        conversationId: 'a:chat',
        activityId: 'act-1',
        locale: 'en',
      }),
    ]);
  });

  test('a card of a record the backend handed out is remembered for that ticket, and only by its own number', async () => {
    const first = await backend.submit(vulnerabilitySubmission({ submissionKey: 'draft-a' }));
    const second = await backend.submit(vulnerabilitySubmission({ submissionKey: 'draft-b' }));
    if (!first.ok || !second.ok) throw new Error('submit failed');
    const tickets = new TicketStore(store.db);
    const live = async (record: typeof first.record) =>
      (await tickets.cards.live((await tickets.findByNumber(record.ticket.confirmationNumber))!.id)).map(
        (card) => card.activityId,
      );
    const placement = (activityId: string) => ({
      kind: 'timeline' as const,
      conversationId: 'a:chat',
      activityId,
      locale: 'en',
    });

    // As `status` does: the record it showed comes back with the card.
    const shown = await backend.getWithHistoryForTenant(tenantA, first.record.ticket.confirmationNumber);
    await backend.rememberCard(
      first.record.ticket.confirmationNumber,
      placement('act-status'),
      shown!.record,
    );
    // As the submit's confirmation does: the record the submit gave.
    await backend.rememberCard(
      second.record.ticket.confirmationNumber,
      placement('act-confirm'),
      second.record,
    );
    // A record of another ticket does not move the card to it: the number decides.
    await backend.rememberCard(second.record.ticket.confirmationNumber, placement('act-other'), first.record);

    expect(await live(first.record)).toEqual(['act-status']);
    expect((await live(second.record)).sort()).toEqual(['act-confirm', 'act-other']);
  });
});
