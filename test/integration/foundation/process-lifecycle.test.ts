import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationReferences } from '../../../src/store/conversation-references';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { engines, type TestDatabase } from '../../support/databases';
import { runBotToExit, spawnBot } from '../../support/spawn-bot';
import { cardsIn, TeamsChat, teamsUser } from '../../support/teams-activities';

function storeEnv(database: TestDatabase): Record<string, string> {
  return database.config.engine === 'postgres'
    ? { DATABASE_URL: database.config.url }
    : { DATA_DIR: database.config.dataDir };
}

describe.each(engines)('the bot process on $name', (engine) => {
  let database: TestDatabase;
  let connector: ConnectorStandIn;
  beforeAll(async () => {
    database = await engine.create();
    connector = await new ConnectorStandIn().start();
  });
  afterAll(async () => {
    await connector.stop();
    await database.destroy();
  });

  test('conversation references and conversation state survive kill -9 and a restart', async () => {
    const user = teamsUser({ locale: 'en-US' });
    const first = await spawnBot(storeEnv(database));
    const chat = new TeamsChat(first.url, connector, user);
    const installed = await chat.install();
    expect(installed.flatMap(cardsIn)).toHaveLength(1);

    first.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const second = await spawnBot(storeEnv(database));
    try {
      const store = await database.open();
      const saved = await new ConversationReferences(store.db).findForUser(user.tenantId, user.aadObjectId);
      expect(saved.map((r) => r.conversation.id)).toEqual([chat.conversationId]);

      // The restarted bot remembers it already welcomed this chat, and still answers it.
      const again = new TeamsChat(second.url, connector, user, chat.conversationId);
      expect((await again.install()).flatMap(cardsIn)).toHaveLength(0);
      expect(cardsIn(await again.send('help'))).toHaveLength(1);
    } finally {
      second.kill('SIGTERM');
    }
    expect(await second.exited).toBe(0);
    expect(second.logs.map((l) => l.event)).toEqual(expect.arrayContaining(['app.stopping', 'app.stopped']));
    // Two starts, each allowed spawnBot's 30 s, under jest's 30 s default: its own budget covers both.
  }, 90_000);
});

describe('start-up refusals', () => {
  test('NODE_ENV=production without credentials refuses to start with one line naming the variable', async () => {
    const { code, stderr } = await runBotToExit({ NODE_ENV: 'production', DATA_DIR: '/tmp/sd-never-used' });
    expect(code).toBe(1);
    expect(stderr).toEqual([
      'config error: MicrosoftAppId: required when NODE_ENV=production (local mode skips token checks)',
      'config error: EVIDENCE_KEY: required when NODE_ENV=production (32 random bytes in base64)',
    ]);
  });

  test('local mode says so plainly in the log', async () => {
    const bot = await spawnBot({ DATA_DIR: join(tmpdir(), `sd-local-mode-${process.pid}`) });
    bot.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    const warning = bot.logs.find((l) => l.event === 'app.local_mode');
    expect(warning?.msg).toMatch(/^LOCAL MODE: no MicrosoftAppId is set/);
  });
});
