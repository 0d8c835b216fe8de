import { CustomerDraftDesk } from '../../../src/backend/customer-draft-desk';
import { EmbeddedTicketBackend } from '../../../src/backend/embedded/embedded-ticket-backend';
import { SupportService } from '../../../src/backend/embedded/support-service';
import { createSupportCalendar } from '../../../src/domain/calendar';
import type { Store } from '../../../src/store/create-store';
import { TicketStore, type StoredTicket } from '../../../src/tickets';
import { engines, type TestDatabase } from '../../support/databases';
import { FixedClock } from '../../support/fixed-clock';
import { analyst, vulnerabilitySubmission } from '../../support/submissions';

const calendar = createSupportCalendar({
  timeZone: 'UTC',
  workdays: [1, 2, 3, 4, 5],
  dayStart: '09:00',
  dayEnd: '17:00',
  holidays: { country: 'US' },
});
const publisher = { kind: 'publisher' as const, id: 'aad-publisher-1', name: 'Alex Publisher' };

describe.each(engines)('customer drafts kept on the ticket, on $name', (engine) => {
  let database: TestDatabase;
  let stores: Store[];
  let clock: FixedClock;

  beforeEach(async () => {
    database = await engine.create();
    // Two instances on one database.
    stores = [await database.open(), await database.open()];
    clock = new FixedClock('2026-11-24T10:00:00.000Z');
  });
  afterEach(() => database.destroy());

  // better-sqlite3 is synchronous: two connections of one process cannot interleave write transactions
  // (the busy wait would block the very event loop that has to commit the other). On SQLite the racers
  // share one connection, which is how a SQLite deployment runs (one instance); PostgreSQL races for real.
  const racer = (i: number) => (engine.name === 'sqlite' ? 0 : i);
  const ticketsOn = (i: number) =>
    new TicketStore(
      stores[i]!.db,
      () => {},
      () => clock.now(),
    );
  const deskOn = (i: number) => new CustomerDraftDesk({ tickets: ticketsOn(i), clock });

  async function file(): Promise<StoredTicket> {
    const backend = new EmbeddedTicketBackend({ repository: ticketsOn(0), clock, calendar });
    const result = await backend.submit(vulnerabilitySubmission({ submissionKey: `k-${Math.random()}` }));
    if (!result.ok) throw new Error('submit failed');
    const stored = await ticketsOn(0).findByNumber(result.record.ticket.confirmationNumber);
    if (!stored) throw new Error('not stored');
    return stored;
  }

  const reread = async (stored: StoredTicket) => (await ticketsOn(0).findById(stored.id))!;

  test('versions count per format and language; the same draft from the same facts is not stored twice', async () => {
    const stored = await file();
    const desk = deskOn(0);
    const email = { format: 'email', language: 'en', tone: 'formal' } as const;
    const first = await desk.make(stored, email, publisher);
    const again = await desk.make(stored, email, publisher);
    const russian = await desk.make(stored, { ...email, language: 'ru' }, publisher);
    const plain = await desk.make(stored, { ...email, tone: 'plain' }, publisher);
    if (!first.ok || !again.ok || !russian.ok || !plain.ok) throw new Error('refused');
    expect(again.draft.id).toBe(first.draft.id);
    expect([first.draft.version, russian.draft.version, plain.draft.version]).toEqual([1, 1, 2]);
    expect(
      (await desk.list(stored)).map((view) => [view.draft.language, view.draft.version, view.stale]),
    ).toEqual([
      ['en', 1, false],
      ['ru', 1, false],
      ['en', 2, false],
    ]);
  });

  test('a severity from support marks the drafts made before out of date, once, in the same change', async () => {
    const stored = await file();
    const desk = deskOn(0);
    const made = await desk.make(stored, { format: 'email', language: 'en', tone: 'formal' }, publisher);
    const csaf = await desk.make(stored, { format: 'csaf', language: 'en', tone: 'formal' }, publisher);
    if (!made.ok || !csaf.ok) throw new Error('refused');
    // On the other instance: support acknowledges with a severity.
    const service = new SupportService({ repository: ticketsOn(1), clock });
    clock.advance(60_000);
    const ack = await service.execute(
      stored.ticket.confirmationNumber,
      { type: 'acknowledge', priority: 'P2', severity: 'Medium' },
      analyst,
      stored.ticket.version,
    );
    expect(ack.ok).toBe(true);
    const after = await reread(stored);
    const views = await desk.list(after);
    expect(views.map((view) => [view.draft.format, view.stale, view.changed])).toEqual([
      ['email', true, ['severity']],
      ['csaf', true, ['severity', 'status']],
    ]);
    const history = await ticketsOn(0).history(stored.id);
    const outdated = history.filter((entry) => entry.event.type === 'customer_drafts_outdated');
    expect(outdated).toHaveLength(1);
    expect(outdated[0]!.event).toMatchObject({
      actor: { kind: 'system' },
      data: {
        drafts: [
          { draftId: made.draft.id, format: 'email', version: 1 },
          { draftId: csaf.draft.id, format: 'csaf', version: 1 },
        ],
        changed: ['severity', 'status'],
      },
    });
    // The outdated event has its outbox row: the publisher is told through the delivery engine.
    const outbox = await stores[0]!.db
      .selectFrom('outbox')
      .select('event_id')
      .where('event_id', '=', outdated[0]!.id)
      .execute();
    expect(outbox).toHaveLength(1);
    // A later change that leaves the facts as they are (a question) tells nothing more.
    await service.execute(
      stored.ticket.confirmationNumber,
      { type: 'ask_question', question: 'Which builds?' },
      analyst,
      'any',
    );
    const later = await ticketsOn(0).history(stored.id);
    expect(later.filter((entry) => entry.event.type === 'customer_drafts_outdated')).toHaveLength(1);
    // Drafted again: current.
    const redrafted = await desk.redraft(await reread(stored), made.draft.id, publisher);
    if (!redrafted.ok) throw new Error('refused');
    expect(redrafted.draft.version).toBe(2);
    expect((await desk.get(await reread(stored), redrafted.draft.id))?.stale).toBe(false);
  });

  test('sharing races: two instances share the same draft at once, one event, one shared version', async () => {
    const stored = await file();
    const made = await deskOn(0).make(stored, { format: 'email', language: 'en', tone: 'formal' }, publisher);
    if (!made.ok) throw new Error('refused');
    const results = await Promise.all([
      deskOn(0).share(stored, made.draft.id, undefined, publisher),
      deskOn(racer(1)).share(stored, made.draft.id, undefined, publisher),
    ]);
    expect(results.every((result) => result.ok)).toBe(true);
    const history = await ticketsOn(0).history(stored.id);
    expect(history.filter((entry) => entry.event.type === 'customer_draft_shared')).toHaveLength(1);
    const views = await deskOn(0).list(await reread(stored));
    expect(views.map((view) => view.draft.status)).toEqual(['shared']);
  });

  test('edits racing for the next version each get their own; proposals answer once', async () => {
    const stored = await file();
    const desk = deskOn(0);
    const made = await desk.make(stored, { format: 'email', language: 'en', tone: 'formal' }, publisher);
    if (!made.ok) throw new Error('refused');
    const edit = (text: string, i: number) =>
      deskOn(i).saveEdit(stored, made.draft.id, { subject: made.draft.subject, body: text }, publisher);
    const [a, b] = await Promise.all([edit('Text A', 0), edit('Text B', racer(1))]);
    if (!a.ok || !b.ok) throw new Error('refused');
    expect([a.draft.version, b.draft.version].sort()).toEqual([2, 3]);

    const shared = await desk.share(stored, a.draft.id, undefined, publisher);
    if (!shared.ok) throw new Error('refused');
    const proposal = await desk.propose(
      await reread(stored),
      a.draft.id,
      { subject: 'S', body: 'Support text' },
      analyst,
    );
    if (!proposal.ok) throw new Error(`refused: ${JSON.stringify(proposal)}`);
    expect(proposal.draft).toMatchObject({
      origin: 'support',
      status: 'proposed',
      version: 4,
      basedOn: a.draft.id,
    });
    const answers = await Promise.all([
      deskOn(0).answer(await reread(stored), proposal.draft.id, 'accepted', undefined, publisher),
      deskOn(racer(1)).answer(await reread(stored), proposal.draft.id, 'declined', undefined, publisher),
    ]);
    // One answer wins; the other finds it answered.
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    expect(answers.find((answer) => !answer.ok)).toMatchObject({ ok: false, reason: 'notWaiting' });
    const history = await ticketsOn(0).history(stored.id);
    expect(history.filter((entry) => entry.event.type === 'customer_draft_answered')).toHaveLength(1);
  });
});
