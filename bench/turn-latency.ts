/**
 * Turn latency: N concurrent "help" turns over HTTP against the real bot (SQLite store, cards, state),
 * replies caught by the connector stand-in; the same load against a bare botbuilder echo bot on the same
 * stack (restify + CloudAdapter, in-memory state) measured in the same run. Prints p50/p99 and turns/s,
 * each as a ratio to the echo bot. Target: within 1.5×.
 *
 *   npm run bench -- --turns 2000 --concurrency 20
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MemoryStorage,
  ConversationState,
} from 'botbuilder';
import restify from 'restify';
import { startApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { ConnectorStandIn } from '../test/support/connector-stand-in';
import { TeamsChat, teamsUser } from '../test/support/teams-activities';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

const TURNS = argument('turns', 1000);
const CONCURRENCY = argument('concurrency', 16);
const WARMUP = Math.min(100, TURNS);

interface Figures {
  p50: number;
  p99: number;
  perSecond: number;
}

async function startEchoBot(): Promise<{ url: string; stop(): Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const state = new ConversationState(new MemoryStorage());
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text}`);
    await next();
  });
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, async (context) => {
      await bot.run(context);
      await state.saveChanges(context);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, stop: async () => void server.close() };
}

async function drive(url: string, connector: ConnectorStandIn, turns: number): Promise<Figures> {
  // A pool of users so turns are spread over conversations, as in real use.
  const chats = Array.from({ length: CONCURRENCY * 4 }, () => new TeamsChat(url, connector, teamsUser()));
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (next < turns) {
        const turn = next++;
        const chat = chats[(turn * CONCURRENCY + worker) % chats.length]!;
        const t0 = process.hrtime.bigint();
        const result = await chat.send('help');
        if (result.status !== 200 || result.replies.length !== 1) {
          throw new Error(`turn ${turn}: status ${result.status}, ${result.replies.length} replies`);
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const elapsedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { p50: at(0.5), p99: at(0.99), perSecond: turns / elapsedSeconds };
}

async function main(): Promise<void> {
  const connector = await new ConnectorStandIn().start();
  const dataDir = mkdtempSync(join(tmpdir(), 'security-desk-bench-'));
  const app = await startApp(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    createLogger('silent'),
  );
  const echo = await startEchoBot();
  try {
    await drive(echo.url, connector, WARMUP);
    await drive(app.url, connector, WARMUP);
    connector.clear();
    const baseline = await drive(echo.url, connector, TURNS);
    connector.clear();
    const ours = await drive(app.url, connector, TURNS);

    const row = (name: string, f: Figures) =>
      `${name.padEnd(22)} p50 ${f.p50.toFixed(2).padStart(8)} ms   p99 ${f.p99.toFixed(2).padStart(8)} ms   ${f.perSecond.toFixed(0).padStart(6)} turns/s`;
    console.log(`turn latency: ${TURNS} "help" turns, ${CONCURRENCY} concurrent, over HTTP on loopback`);
    console.log(row('echo bot (baseline)', baseline));
    console.log(row('security desk', ours));
    console.log(
      `ratio to baseline       p50 ${(ours.p50 / baseline.p50).toFixed(2)}×   p99 ${(ours.p99 / baseline.p99).toFixed(2)}×   ` +
        `throughput ${(ours.perSecond / baseline.perSecond).toFixed(2)}× (latency target ≤ 1.5×)`,
    );
  } finally {
    await echo.stop();
    await app.stop(1000);
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
