import { randomUUID } from 'node:crypto';
import { ConnectorStandIn, cardTexts } from '../../support/connector-stand-in';
import { engines, type TestDatabase } from '../../support/databases';
import { cardsIn, TeamsChat, teamsUser, type PostResult } from '../../support/teams-activities';
import { startTestApp, type TestApp } from '../../support/test-app';
import { fileTicket } from '../tickets/ticket-fixtures';
import { snapshotStore, type StoreSnapshot } from './hostile-harness';

/**
 * Issue 14.4: ticket look-ups in the chat are limited per person and per tenant, numbers the tenant
 * does not have more strictly; over a limit the person is told in their language when to try again,
 * and nothing is looked up or stored. Small limits here; the defaults are 30, 300, 5 and 20 a minute.
 */
const limits = {
  LOOKUPS_PER_USER_PER_MINUTE: '4',
  LOOKUPS_PER_TENANT_PER_MINUTE: '6',
  UNKNOWN_NUMBERS_PER_USER_PER_MINUTE: '2',
  UNKNOWN_NUMBERS_PER_TENANT_PER_MINUTE: '3',
};

const tooOften = /^You have looked up reports too often in the last minute\. Try again in \d+ seconds?\.$/;
const tenantTooOften =
  /^Your organisation has looked up reports too often in the last minute\. Try again in \d+ seconds?\.$/;
const guessing =
  /^Too many of the numbers you asked about are not your organisation's reports\. Check the confirmation number and try again in \d+ seconds?\.$/;

function texts(result: PostResult): string[] {
  return result.replies.map((call) => String(call.body.text ?? ''));
}

/** Nothing a look-up could have written: tickets, history, remembered cards, remembered replies. */
function lookedUpNothing(before: StoreSnapshot, after: StoreSnapshot): void {
  for (const table of [
    'tickets',
    'ticket_events',
    'outbox',
    'publisher_cards',
    'idempotency_keys',
  ] as const) {
    expect([table, after[table]]).toEqual([table, before[table]]);
  }
}

/** A number in the form we issue that no ticket has. */
function unknownNumber(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
  const pick = () => alphabet[Math.floor(Math.random() * alphabet.length)];
  return `SEC-${Array.from({ length: 4 }, pick).join('')}-${Array.from({ length: 4 }, pick).join('')}`;
}

// On SQLite the limits count in memory; on PostgreSQL in the shared table, a look-up's allowances in one
// statement (src/bot/lookup-limits/create-lookup-limits.ts): every rule holds on both.
describe.each(engines)('look-up limits in one instance, on $name', (engine) => {
  let app: TestApp;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = engine.name === 'postgres' ? await engine.create() : undefined;
    const store: Record<string, string> = database
      ? { DATABASE_URL: (database.config as { url: string }).url }
      : {};
    app = await startTestApp({ env: { ...limits, ...store } });
  });
  afterAll(async () => {
    await app.close();
    await database?.destroy();
  });

  test('a person past the limit is told once when to try again; a user of another tenant is not slowed', async () => {
    const tenant = randomUUID();
    const number = await fileTicket(app, tenant, 'Leaked keys');
    const chat = app.chat({ tenantId: tenant });
    for (let i = 0; i < 4; i++) expect(cardsIn(await chat.send(`status ${number}`))).toHaveLength(1);

    const before = await snapshotStore(app.app.store.db);
    const from = app.logs.length;
    const refused = await chat.send(`status ${number}`);
    expect(refused.status).toBe(200);
    expect(texts(refused)).toEqual([expect.stringMatching(tooOften)]);
    // Told once per window: a flood is not answered by a flood.
    const again = await chat.send('my tickets');
    expect(again.status).toBe(200);
    expect(again.replies).toEqual([]);
    lookedUpNothing(before, await snapshotStore(app.app.store.db));
    expect(app.logs.slice(from).filter((l) => l.event === 'lookup.limited' && l.level === 'warn')).toEqual([
      expect.objectContaining({ scope: 'user', limit: 4 }),
    ]);

    const otherTenant = randomUUID();
    const theirs = await fileTicket(app, otherTenant, 'Their report');
    const colleague = app.chat({ tenantId: otherTenant });
    expect(cardsIn(await colleague.send(`status ${theirs}`))).toHaveLength(1);
    expect(cardsIn(await colleague.send('my tickets'))).toHaveLength(1);
  });

  test("free text reads the tenant's reports too: a flood of messages is limited like look-ups", async () => {
    const tenant = randomUUID();
    await fileTicket(app, tenant, 'Leaked keys');
    const chat = app.chat({ tenantId: tenant });
    for (let i = 0; i < 4; i++) {
      expect(cardTexts(cardsIn(await chat.send(`more about the leak, part ${i}`))[0])).toContain(
        'What should I do with your message?',
      );
    }
    const refused = await chat.send('and one more');
    expect(texts(refused)).toEqual([expect.stringMatching(tooOften)]);
    expect(cardsIn(refused)).toEqual([]);
  });

  test('the tenant as a whole has a limit; a colleague is told it is the organisation', async () => {
    const tenant = randomUUID();
    await fileTicket(app, tenant, 'One report');
    const first = app.chat({ tenantId: tenant });
    const second = app.chat({ tenantId: tenant });
    for (let i = 0; i < 3; i++) {
      expect(cardsIn(await first.send('my tickets'))).toHaveLength(1);
      expect(cardsIn(await second.send('my tickets'))).toHaveLength(1);
    }
    const third = app.chat({ tenantId: tenant });
    const before = await snapshotStore(app.app.store.db);
    const refused = await third.send('my tickets');
    expect(texts(refused)).toEqual([expect.stringMatching(tenantTooOften)]);
    lookedUpNothing(before, await snapshotStore(app.app.store.db));
  });

  test("a person held back by their own limit does not use up their colleagues' allowance", async () => {
    const tenant = randomUUID();
    await fileTicket(app, tenant, 'One report');
    const eager = app.chat({ tenantId: tenant });
    for (let i = 0; i < 4; i++) expect(cardsIn(await eager.send('my tickets'))).toHaveLength(1);
    // Refused three times over: none of these counts against the tenant's 6.
    for (let i = 0; i < 3; i++) expect(cardsIn(await eager.send('my tickets'))).toEqual([]);

    const colleague = app.chat({ tenantId: tenant });
    expect(cardsIn(await colleague.send('my tickets'))).toHaveLength(1);
    expect(cardsIn(await colleague.send('my tickets'))).toHaveLength(1);
    // The tenant's 6 are used up now: 4 of the eager person's and the colleague's 2.
    expect(texts(await colleague.send('my tickets'))).toEqual([expect.stringMatching(tenantTooOften)]);
  });

  test('numbers the tenant does not have are limited more strictly, whichever command names them', async () => {
    const tenant = randomUUID();
    const number = await fileTicket(app, tenant, 'Exposed bucket');
    const chat = app.chat({ tenantId: tenant });
    const notFound = (result: PostResult) =>
      expect(texts(result)).toEqual([expect.stringMatching(/not|no report|cannot/i)]);
    notFound(await chat.send(`status ${unknownNumber()}`));
    notFound(await chat.send(`reply ${unknownNumber()} is anyone there?`));

    const before = await snapshotStore(app.app.store.db);
    const from = app.logs.length;
    const refused = await chat.send(`add ${unknownNumber()}`);
    expect(refused.status).toBe(200);
    expect(texts(refused)).toEqual([expect.stringMatching(guessing)]);
    // A number the tenant does have is refused too until the window ends: the guesses used it up.
    const real = await chat.send(`withdraw ${number}`);
    expect(real.replies).toEqual([]);
    lookedUpNothing(before, await snapshotStore(app.app.store.db));
    expect(app.logs.slice(from).filter((l) => l.event === 'lookup.limited' && l.level === 'warn')).toEqual([
      expect.objectContaining({ scope: 'unknownUser', limit: 2 }),
    ]);
  });

  test("the tenant's guesses together are limited too: then a colleague's real number is refused as well", async () => {
    const tenant = randomUUID();
    const number = await fileTicket(app, tenant, 'Open port');
    const [first, second, third] = [0, 1, 2].map(() => app.chat({ tenantId: tenant }));
    const notFound = (result: PostResult) =>
      expect(texts(result)).toEqual([expect.stringMatching(/not|no report|cannot/i)]);
    notFound(await first!.send(`status ${unknownNumber()}`));
    notFound(await first!.send(`status ${unknownNumber()}`));
    notFound(await second!.send(`status ${unknownNumber()}`));

    const refused = await second!.send(`status ${unknownNumber()}`);
    expect(texts(refused)).toEqual([expect.stringMatching(tenantTooOften)]);
    const before = await snapshotStore(app.app.store.db);
    const colleague = await third!.send(`status ${number}`);
    expect(texts(colleague)).toEqual([expect.stringMatching(tenantTooOften)]);
    lookedUpNothing(before, await snapshotStore(app.app.store.db));
  });

  test('a number the tenant has does not count as a guess', async () => {
    const tenant = randomUUID();
    const number = await fileTicket(app, tenant, 'Weak TLS');
    const chat = app.chat({ tenantId: tenant });
    for (let i = 0; i < 4; i++) expect(cardsIn(await chat.send(`status ${number}`))).toHaveLength(1);
  });

  test('the refusal is in the person’s language', async () => {
    const tenant = randomUUID();
    const chat = app.chat({ tenantId: tenant, locale: 'ru-RU' });
    for (let i = 0; i < 2; i++) await chat.send(`статус ${unknownNumber()}`);
    const refused = await chat.send(`статус ${unknownNumber()}`);
    expect(texts(refused)).toEqual([
      expect.stringMatching(
        /^Слишком многие из запрошенных номеров не принадлежат заявкам вашей организации\. Проверьте номер заявки и повторите через \d+ (секунду|секунды|секунд)\.$/,
      ),
    ]);
  });
});

describe('look-up limits shared by two instances (PostgreSQL)', () => {
  let database: TestDatabase;
  let connector: ConnectorStandIn;
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    database = await engines.find((e) => e.name === 'postgres')!.create();
    connector = await new ConnectorStandIn().start();
    const env = { ...limits, DATABASE_URL: (database.config as { url: string }).url };
    first = await startTestApp({ env, connector });
    second = await startTestApp({ env, connector });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await connector.stop();
    await database.destroy();
  });

  test('a person’s look-ups on either instance count against one allowance', async () => {
    const tenant = randomUUID();
    const number = await fileTicket(first, tenant, 'Shared report');
    const user = teamsUser({ tenantId: tenant });
    const onFirst = new TeamsChat(first.url, connector, user);
    const onSecond = new TeamsChat(second.url, connector, user, onFirst.conversationId);
    for (const chat of [onFirst, onSecond, onFirst, onSecond]) {
      const [card] = cardsIn(await chat.send(`status ${number}`));
      expect(cardTexts(card)).toContain('Shared report');
    }
    const before = await snapshotStore(first.app.store.db);
    const refused = await onSecond.send(`status ${number}`);
    expect(texts(refused)).toEqual([expect.stringMatching(tooOften)]);
    lookedUpNothing(before, await snapshotStore(first.app.store.db));

    // The limits live in the shared table the migration made.
    const rows = await first.app.store.db
      .selectFrom('lookup_limits' as never)
      .select('key' as never)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
  });
});
