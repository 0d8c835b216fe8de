import { BotConnectorKeysStandIn, BOT_TOKEN_ISSUER } from '../../support/bot-connector-keys-stand-in';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { spawnBot } from '../../support/spawn-bot';
import { TeamsChat, teamsUser } from '../../support/teams-activities';
import { startTestApp, type TestApp } from '../../support/test-app';
import { postJson, snapshotStore, until } from './hostile-harness';

/** Issue 14.1: with credentials configured, every token that does not verify is a clean 401. */
describe('Bot Connector tokens on /api/messages, credentials configured', () => {
  let keys: BotConnectorKeysStandIn;
  let app: TestApp;
  beforeAll(async () => {
    keys = await BotConnectorKeysStandIn.start();
    app = await startTestApp({ env: keys.env() });
    await until(() => keys.keyFetches === 1);
  });
  afterAll(async () => {
    await app.close();
    await keys.stop();
  });

  const activity = (chat: TeamsChat) => chat.base('message', { text: 'help' });

  const forged: Array<[string, (serviceUrl: string) => Promise<string> | string]> = [
    ['an unsigned token (alg: none)', (url) => keys.unsignedToken(url)],
    ['an HS256 token', (url) => keys.hmacToken(url)],
    ['a token from another issuer', (url) => keys.token({ serviceUrl: url, issuer: 'https://evil.example' })],
    ['a token for another bot', (url) => keys.token({ serviceUrl: url, audience: 'another-app-id' })],
    ['an expired token', (url) => keys.token({ serviceUrl: url, expiresInSeconds: -3600 })],
    [
      'a token issued for another service URL',
      () => keys.token({ serviceUrl: 'https://elsewhere.example/' }),
    ],
    ['three dots', () => 'a.b.c'],
    ['not a JWT', () => 'not-a-token'],
  ];

  test.each(forged)(
    '%s is answered 401 before any key is fetched, logged once, nothing stored or sent',
    async (_name: string, make: (serviceUrl: string) => Promise<string> | string) => {
      const chat = app.chat();
      const before = await snapshotStore(app.app.store.db);
      const fetches = keys.metadataFetches + keys.keyFetches;
      const from = app.logs.length;
      const response = await postJson(`${app.url}/api/messages`, activity(chat), {
        Authorization: `Bearer ${await make(app.connector.url)}`,
      });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        type: 'urn:security-desk:problem:unauthorized',
        title: 'Authentication required',
        status: 401,
        detail: 'A valid Bot Connector token is required.',
      });
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(keys.metadataFetches + keys.keyFetches).toBe(fetches);
      const lines = app.logs.slice(from);
      expect(lines.filter((l) => l.event === 'http.refused')).toHaveLength(1);
      expect(lines.filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
      expect(await snapshotStore(app.app.store.db)).toEqual(before);
      expect(app.connector.calls.filter((c) => c.conversationId === chat.conversationId)).toEqual([]);
    },
  );

  test('an RS256 token signed by another key, under a published key id, is 401 with no fetch', async () => {
    const chat = app.chat();
    const before = await snapshotStore(app.app.store.db);
    const fetches = keys.metadataFetches;
    const from = app.logs.length;
    const response = await postJson(`${app.url}/api/messages`, activity(chat), {
      Authorization: `Bearer ${await keys.token({ serviceUrl: app.connector.url, foreignKey: true })}`,
    });
    expect(response.status).toBe(401);
    expect(keys.metadataFetches).toBe(fetches);
    expect(app.logs.slice(from).find((l) => l.event === 'http.refused')).toMatchObject({
      level: 'warn',
      status: 401,
      reason: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
    expect(app.rawLogs.join('\n')).not.toContain('BEGIN PUBLIC KEY');
    expect(await snapshotStore(app.app.store.db)).toEqual(before);
  });

  test('tokens naming an unknown key are 401 and fetch the keys again at most once', async () => {
    const fetches = keys.metadataFetches;
    for (let i = 0; i < 20; i++) {
      const chat = app.chat();
      const token = await keys.token({ serviceUrl: app.connector.url, kid: `rolled-${i}` });
      const response = await postJson(`${app.url}/api/messages`, activity(chat), {
        Authorization: `Bearer ${token}`,
      });
      expect(response.status).toBe(401);
    }
    expect(keys.metadataFetches - fetches).toBeLessThanOrEqual(1);
  });

  test('a token the Bot Connector signed is accepted and the turn runs', async () => {
    const chat = app.chat();
    const token = await keys.token({ serviceUrl: app.connector.url });
    // An activity type the bot ignores: its turn needs no reply (replies would need a real Entra token).
    const response = await postJson(`${app.url}/api/messages`, chat.base('somethingNew'), {
      Authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(200);
    const saved = await app.app.store.db
      .selectFrom('conversation_references')
      .select('conversation_id')
      .where('conversation_id', '=', chat.conversationId)
      .execute();
    expect(saved).toHaveLength(1);
  });
});

describe('Bot Connector signing keys that cannot be fetched', () => {
  let keys: BotConnectorKeysStandIn;
  let app: TestApp;
  beforeAll(async () => {
    keys = await BotConnectorKeysStandIn.start({ down: true });
    app = await startTestApp({ env: keys.env() });
  });
  afterAll(async () => {
    await app.close();
    await keys.stop();
  });

  test('answer 503 with Retry-After without a fetch per request, then recover in the background', async () => {
    await until(() => keys.metadataFetches >= 1);
    const before = await snapshotStore(app.app.store.db);
    const fetchesBefore = keys.metadataFetches;
    const from = app.logs.length;
    for (let i = 0; i < 30; i++) {
      const chat = app.chat();
      const token = await keys.token({ serviceUrl: app.connector.url });
      const response = await postJson(`${app.url}/api/messages`, chat.base('message', { text: 'help' }), {
        Authorization: `Bearer ${token}`,
      });
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(response.body).toMatchObject({ type: 'urn:security-desk:problem:unavailable', status: 503 });
    }
    // Thirty requests, and only the background retries (1 s, then 2 s, … apart) asked for the document.
    expect(keys.metadataFetches - fetchesBefore).toBeLessThanOrEqual(2);
    expect(await snapshotStore(app.app.store.db)).toEqual(before);
    const lines = app.logs.slice(from);
    expect(lines.filter((l) => l.event === 'http.refused' && l.status === 503)).toHaveLength(30);
    // The operator reads of the outage once, not once per request or per retry.
    expect(lines.filter((l) => l.level === 'error' && l.event !== 'bot_auth.keys_unavailable')).toEqual([]);
    expect(app.logs.filter((l) => l.event === 'bot_auth.keys_unavailable')).toHaveLength(1);

    // A forged token is still refused by the local checks, with no fetch.
    const forged = await postJson(`${app.url}/api/messages`, app.chat().base('message'), {
      Authorization: `Bearer ${keys.unsignedToken(app.connector.url)}`,
    });
    expect(forged.status).toBe(401);

    keys.down = false;
    await until(() => app.logs.some((l) => l.event === 'bot_auth.keys_loaded'), 15_000);
    const chat = app.chat();
    const accepted = await postJson(`${app.url}/api/messages`, chat.base('somethingNew'), {
      Authorization: `Bearer ${await keys.token({ serviceUrl: app.connector.url })}`,
    });
    expect(accepted.status).toBe(200);
  }, 30_000);
});

describe('the bot process in production mode', () => {
  test('refuses forged tokens with 401 and keeps its log one JSON line per entry', async () => {
    const keys = await BotConnectorKeysStandIn.start();
    const connector = await new ConnectorStandIn().start();
    const bot = await spawnBot({
      NODE_ENV: 'production',
      DATA_DIR: `/tmp/sd-forged-tokens-${process.pid}`,
      // Production keeps evidence files under a configured key (32 random bytes in base64).
      EVIDENCE_KEY: Buffer.alloc(32, 7).toString('base64'),
      ...keys.env(),
    });
    try {
      const chat = new TeamsChat(bot.url, connector, teamsUser());
      const tokens = [
        keys.unsignedToken(connector.url),
        await keys.hmacToken(connector.url),
        await keys.token({ serviceUrl: connector.url, foreignKey: true }),
        await keys.token({ serviceUrl: connector.url, issuer: BOT_TOKEN_ISSUER, audience: 'x' }),
      ];
      for (const token of tokens) {
        const response = await postJson(`${bot.url}/api/messages`, chat.base('message', { text: 'hi' }), {
          Authorization: `Bearer ${token}`,
        });
        expect(response.status).toBe(401);
      }
    } finally {
      bot.kill('SIGTERM');
      await bot.exited;
      await connector.stop();
      await keys.stop();
    }
    expect(bot.stderr).toEqual([]);
    expect(bot.notJson).toEqual([]);
    expect(bot.logs.filter((l) => l.event === 'http.refused')).toHaveLength(4);
    expect(bot.logs.filter((l) => l.level === 'error')).toEqual([]);
  }, 60_000);
});
