import { translate } from '../../../src/i18n/translate';
import {
  adaptiveCardsOf,
  cardTexts,
  ConnectorStandIn,
  type ConnectorCall,
} from '../../support/connector-stand-in';
import { engines } from '../../support/databases';
import { FixedClock } from '../../support/fixed-clock';
import { startTestApp, type TestApp } from '../../support/test-app';
import { incidentDetails, incidentKind } from './report-answers';
import { ReportSession, submitData, textsOf } from './report-session';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

function draftKey(session: ReportSession): string {
  return `report-drafts/${session.chat.conversationId}/${session.chat.user.aadObjectId}`;
}

async function storedDraft(app: TestApp, session: ReportSession) {
  return app.app.store.db
    .selectFrom('bot_state')
    .select(['document', 'etag'])
    .where('key', '=', draftKey(session))
    .executeTakeFirst();
}

function callsTo(connector: ConnectorStandIn, session: ReportSession, after = 0): ConnectorCall[] {
  return connector.calls.slice(after).filter((c) => c.conversationId === session.chat.conversationId);
}

function cardOf(call: ConnectorCall | undefined): string[] {
  return cardTexts(adaptiveCardsOf(call?.body ?? {})[0]);
}

/** A report left on step 2, with the title typed on step 1 stored in the draft. */
async function abandonedOnStep2(app: TestApp, locale = 'en-US'): Promise<ReportSession> {
  const session = new ReportSession(app.chat({ locale }));
  await session.say(locale.startsWith('ru') ? 'сообщить' : 'report');
  await session.press('next', incidentKind);
  expect((await storedDraft(app, session))?.document).toContain(incidentKind.title);
  return session;
}

describe('abandoned report drafts expire at expiry time', () => {
  const clock = new FixedClock();
  let app: TestApp & { dataDir: string };
  beforeEach(async () => {
    clock.set('2026-11-24T10:00:00.000Z');
    app = await startTestApp({ clock, env: { DRAFT_TTL_MINUTES: '60' } });
  });
  afterEach(() => app.close());

  test('a draft left past the time limit is closed by the sweep: its card says so, the person is told, its text is gone', async () => {
    const session = await abandonedOnStep2(app);
    const step2 = session.card;
    clock.advance(61 * 60_000);
    const before = app.connector.calls.length;

    expect(await app.app.draftExpiry.runOnce()).toEqual({ expired: 1, purged: 0 });

    const calls = callsTo(app.connector, session, before);
    expect(calls.map((c) => [c.kind, c.status])).toEqual([
      ['update', 200],
      ['send', 201],
    ]);
    expect(calls[0]?.activityId).toBe(session.cardId);
    expect(cardOf(calls[0])).toEqual(
      expect.arrayContaining([
        'Report expired',
        'This unfinished report expired after 1 hour without activity. Nothing was filed.',
      ]),
    );
    const told =
      'Your unfinished report expired after 1 hour without activity, and nothing was filed. Type report to start again.';
    expect(cardOf(calls[1])).toEqual(expect.arrayContaining(['Report expired', told]));
    expect(calls[1]?.body.summary).toBe(told);

    const stored = await storedDraft(app, session);
    expect(JSON.parse(stored?.document ?? '{}')).toMatchObject({ status: 'expired' });
    expect(stored?.document).not.toContain(incidentKind.title);
    expect(stored?.document).not.toContain(incidentKind.offerId0);
    expect(JSON.parse(stored?.document ?? '{}')).not.toHaveProperty('values');

    // The person comes back to the old card: told it is closed, not told again that it expired.
    const late = await session.chat.submit(
      { ...submitData(step2, 'next'), ...incidentDetails },
      session.cardId,
    );
    expect(textsOf(late)).toEqual([
      'That card belongs to a report that is no longer open. Type report to start a new one.',
    ]);
    const afterLate = app.connector.calls.length;
    expect(await app.app.draftExpiry.runOnce()).toEqual({ expired: 0, purged: 0 });
    expect(app.connector.calls.length).toBe(afterLate);
  });

  test('the notice is in the language the person last used in that chat', async () => {
    const session = await abandonedOnStep2(app, 'ru-RU');
    clock.advance(2 * HOUR);
    const before = app.connector.calls.length;

    await app.app.draftExpiry.runOnce();

    const [update, send] = callsTo(app.connector, session, before);
    expect(cardOf(update)).toContain(translate('ru', 'report.closed.expiredTitle'));
    expect(cardOf(send)).toContain(translate('ru', 'report.flow.expired', { duration: '1 час' }));
  });

  test('a draft still within the time limit is left as it is, and the report goes on', async () => {
    const session = await abandonedOnStep2(app);
    const storedBefore = await storedDraft(app, session);
    clock.advance(59 * 60_000);
    const before = app.connector.calls.length;

    expect(await app.app.draftExpiry.runOnce()).toEqual({ expired: 0, purged: 0 });

    expect(app.connector.calls.length).toBe(before);
    expect(await storedDraft(app, session)).toEqual(storedBefore);
    await session.press('next', incidentDetails);
    expect(session.texts()).toContain('Fix');
  });

  test('expiry on the next message still works, and the sweep does not tell the person a second time', async () => {
    const session = await abandonedOnStep2(app);
    clock.advance(61 * 60_000);

    const late = await session.chat.submit(
      { ...submitData(session.card, 'next'), ...incidentDetails },
      session.cardId,
    );

    expect(textsOf(late)).toEqual([
      'Your unfinished report expired after 1 hour without activity, and nothing was filed. Type report to start again.',
    ]);
    expect(late.replies.map((r) => r.kind)).toEqual(['update', 'reply']);
    expect(await storedDraft(app, session)).not.toMatchObject({
      document: expect.stringContaining(incidentKind.title),
    });
    const before = app.connector.calls.length;
    expect(await app.app.draftExpiry.runOnce()).toEqual({ expired: 0, purged: 0 });
    expect(app.connector.calls.length).toBe(before);
  });

  test('a chat Teams answers 403 for: the draft is closed and its text removed, one log line, no retries', async () => {
    const session = await abandonedOnStep2(app);
    clock.advance(61 * 60_000);
    app.connector.fail({
      status: 403,
      times: 10,
      when: (c) => c.conversationId === session.chat.conversationId,
    });
    const before = app.connector.calls.length;

    expect(await app.app.draftExpiry.runOnce()).toEqual({ expired: 1, purged: 0 });

    // The card update was refused with 403: the bot may not write there, so no notice is attempted.
    expect(callsTo(app.connector, session, before).map((c) => [c.kind, c.status])).toEqual([['update', 403]]);
    const stored = await storedDraft(app, session);
    expect(JSON.parse(stored?.document ?? '{}')).toMatchObject({ status: 'expired' });
    expect(stored?.document).not.toContain(incidentKind.title);
    const failures = app.logs.filter((line) => line.event === 'report.expiryNoticeFailed');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ conversationGone: true, told: false });
    const reference = await app.app.store.db
      .selectFrom('conversation_references')
      .select('active')
      .where('conversation_id', '=', session.chat.conversationId)
      .executeTakeFirst();
    expect(Number(reference?.active)).toBe(0);

    clock.advance(HOUR);
    await app.app.draftExpiry.runOnce();
    expect(callsTo(app.connector, session, before)).toHaveLength(1);
    expect(app.logs.filter((line) => line.event === 'report.expiryNoticeFailed')).toHaveLength(1);
  });

  test('a notice Teams answers 404 for closes the draft once; the card update alone is not taken as a gone chat', async () => {
    const session = await abandonedOnStep2(app);
    clock.advance(61 * 60_000);
    app.connector.fail({
      status: 404,
      times: 10,
      when: (c) => c.conversationId === session.chat.conversationId,
    });
    const before = app.connector.calls.length;

    expect(await app.app.draftExpiry.runOnce()).toEqual({ expired: 1, purged: 0 });

    expect(callsTo(app.connector, session, before).map((c) => [c.kind, c.status])).toEqual([
      ['update', 404],
      ['send', 404],
    ]);
    expect((await storedDraft(app, session))?.document).not.toContain(incidentKind.title);
    await app.app.draftExpiry.runOnce();
    expect(callsTo(app.connector, session, before)).toHaveLength(2);
  });

  test('closed reports are kept 30 days to answer late presses, then deleted; unreadable drafts are deleted', async () => {
    const cancelled = new ReportSession(app.chat());
    await cancelled.say('report');
    const step1 = cancelled.card;
    await cancelled.say('cancel');
    // A record under the drafts' keys that this version cannot read (it may hold report text).
    await app.app.store.db
      .insertInto('bot_state')
      .values({
        key: 'report-drafts/a:legacy/user-1',
        etag: 'legacy',
        document: JSON.stringify({ answers: { title: 'Old secret' } }),
        updated_at: clock.now().toISOString(),
      })
      .execute();

    clock.advance(29 * DAY);
    expect(await app.app.draftExpiry.runOnce()).toEqual({ expired: 0, purged: 1 });
    const late = await cancelled.chat.submit(submitData(step1, 'next') ?? {}, cancelled.cardId);
    expect(textsOf(late)).toEqual([
      'That card belongs to a report that is no longer open. Type report to start a new one.',
    ]);
    expect(await storedDraft(app, cancelled)).toBeDefined();

    clock.advance(2 * DAY);
    expect(await app.app.draftExpiry.runOnce()).toEqual({ expired: 0, purged: 1 });
    expect(await storedDraft(app, cancelled)).toBeUndefined();
    const left = await app.app.store.db
      .selectFrom('bot_state')
      .select('key')
      .where('key', 'like', 'report-drafts/%')
      .execute();
    expect(left).toEqual([]);
  });
});

describe('several instances on one PostgreSQL', () => {
  test('each abandoned draft is told once, whichever instance sweeps it', async () => {
    const clock = new FixedClock('2026-11-24T10:00:00.000Z');
    const database = await engines.find((e) => e.name === 'postgres')!.create();
    const connector = await new ConnectorStandIn().start();
    const env = { DATABASE_URL: (database.config as { url: string }).url, DRAFT_TTL_MINUTES: '60' };
    const first = await startTestApp({ clock, env, connector });
    const second = await startTestApp({ clock, env, connector });
    try {
      const sessions: ReportSession[] = [];
      for (let i = 0; i < 6; i++) sessions.push(await abandonedOnStep2(i % 2 ? second : first));
      clock.advance(61 * 60_000);
      const before = connector.calls.length;

      const results = await Promise.all([first.app.draftExpiry.runOnce(), second.app.draftExpiry.runOnce()]);

      expect(results[0].expired + results[1].expired).toBe(6);
      for (const session of sessions) {
        const calls = callsTo(connector, session, before);
        expect(calls.map((c) => c.kind)).toEqual(['update', 'send']);
        expect((await storedDraft(first, session))?.document).not.toContain(incidentKind.title);
      }
    } finally {
      await first.close();
      await second.close();
      await connector.stop();
      await database.destroy();
    }
  }, 60_000);
});
