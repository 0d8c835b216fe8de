import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedTicketBackend } from '../../src/backend/embedded/embedded-ticket-backend';
import { SupportService } from '../../src/backend/embedded/support-service';
import type { Config } from '../../src/config';
import { systemClock } from '../../src/domain/clock';
import { createLogger } from '../../src/logger';
import { createStore, type Store } from '../../src/store/create-store';
import { TicketStore } from '../../src/tickets';
import { adaptiveCardsOf, cardTexts, ConnectorStandIn, type ConnectorCall } from './connector-stand-in';
import { spawnBot, type SpawnedBot } from './spawn-bot';
import { TeamsChat, teamsUser } from './teams-activities';

/**
 * The crash scenario behind `npm run bench:crash` and its integration test: a spawned bot delivers one
 * acknowledgement to each of N publishers through a slow connector stand-in (a call is delivered when it
 * arrives and answered `latencyMs` later); when half have reached the connector the bot gets `signal`,
 * is restarted on the same store and left to deliver the rest. Counts what was in flight at the stop and
 * what was delivered twice.
 */
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Database {
  readonly env: Record<string, string>;
  readonly config: Config['store'];
  destroy(): Promise<void>;
}

async function freshDatabase(postgres: boolean): Promise<Database> {
  if (!postgres) {
    const dataDir = mkdtempSync(join(tmpdir(), 'sd-bench-crash-'));
    return {
      env: { DATA_DIR: dataDir },
      config: { engine: 'sqlite', file: join(dataDir, 'security-desk.sqlite'), dataDir },
      destroy: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `sd_bench_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    config: { engine: 'postgres', url: url.toString(), poolSize: 4, dataDir: tmpdir() },
    destroy: async () => {
      const client = new Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** One ticket per chat, acknowledged by support: one notification each for the bot to deliver. */
async function fileAndAcknowledge(store: Store, chats: readonly TeamsChat[]): Promise<string[]> {
  const repository = new TicketStore(store.db);
  const backend = new EmbeddedTicketBackend({
    repository,
    clock: systemClock,
    calendar: { ackDueAt: (at: Date) => new Date(at.getTime() + 86_400_000) },
  });
  const support = new SupportService({ repository, clock: systemClock });
  const filed: string[] = [];
  for (const [index, chat] of chats.entries()) {
    const result = await backend.submit({
      submissionKey: `bench-crash-${index}-${chat.conversationId}`,
      tenantId: chat.user.tenantId,
      reporter: { kind: 'publisher', id: chat.user.aadObjectId, name: chat.user.name },
      locale: 'en-US',
      conversationId: chat.conversationId,
      category: 'incident',
      report: {
        title: `Crash bench ${index}`,
        offers: [{ name: 'Contoso', offerId: 'contoso.offer' }],
        description: 'Benchmark report.',
        knownExploited: 'no',
        incident: { dataOrSystems: 'None', ongoing: 'no' },
        fix: { kind: 'none' },
      },
    });
    if (!result.ok) throw new Error(`bench report refused: ${JSON.stringify(result.error)}`);
    filed.push(result.record.ticket.confirmationNumber);
  }
  // Acknowledged together, as a support session would: the notifications come due at once.
  for (const number of filed) {
    const found = await support.get(number);
    const result = await support.execute(
      number,
      { type: 'acknowledge', priority: 'P3', severity: 'Medium' },
      { kind: 'support', id: 'bench-analyst' },
      found?.view.version ?? 1,
    );
    if (!result.ok) throw new Error('acknowledge refused');
  }
  return filed;
}

/** The acknowledgement a send carried, by the ticket number on its card. */
function ticketOf(call: ConnectorCall, numbers: readonly string[]): string | undefined {
  if (call.kind !== 'send' || call.status >= 300) return undefined;
  const text = adaptiveCardsOf(call.body).flatMap(cardTexts).join('\n');
  return numbers.find((number) => text.includes(number) && text.includes('acknowledged'));
}

async function until(predicate: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`bench: ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface CrashRunResult {
  readonly inFlight: number;
  readonly awaitingAnswer: number;
  readonly answeredUnmarked: number;
  readonly leasedUnsent: number;
  readonly doubled: number;
  readonly doubledOutsideInFlight: number;
}

export async function runCrashScenario(options: {
  readonly publishers: number;
  readonly latencyMs: number;
  readonly signal: NodeJS.Signals;
  readonly postgres: boolean;
  /** How long each bot may take to start (slow on a busy machine). */
  readonly startTimeoutMs?: number;
}): Promise<CrashRunResult> {
  const { publishers, latencyMs, signal, postgres, startTimeoutMs } = options;
  const database = await freshDatabase(postgres);
  const connector = await new ConnectorStandIn().start();
  const env = {
    NODE_ENV: 'test',
    NOTIFY_POLL_MS: '50',
    NOTIFY_LEASE_SECONDS: '5',
    LOG_LEVEL: 'info',
    ...database.env,
  };
  let bot: SpawnedBot = await spawnBot(env, startTimeoutMs);
  const store = await createStore(database.config, createLogger('silent'));
  try {
    const chats = Array.from({ length: publishers }, () => new TeamsChat(bot.url, connector, teamsUser()));
    await Promise.all(chats.map((chat) => chat.install()));
    connector.latencyMs = latencyMs;
    const numbers = await fileAndAcknowledge(store, chats);

    const half = Math.ceil(publishers / 2);
    await connector.waitFor((call) => ticketOf(call, numbers) !== undefined, half, 60_000);
    const stoppedAt = Date.now();
    bot.kill(signal);
    await bot.exited;
    // A call the connector got after the signal but before the process was gone was still sent by the
    // bot (a busy machine delivers SIGKILL late): it counts as in flight, not as sent after the stop.
    const diedAt = Date.now();

    const rows = await store.db
      .selectFrom('outbox')
      .innerJoin('tickets', 'tickets.id', 'outbox.ticket_id')
      .innerJoin('ticket_events', 'ticket_events.id', 'outbox.event_id')
      .select(['tickets.confirmation_number as number', 'outbox.state', 'outbox.lease_owner'])
      .where('ticket_events.type', '=', 'acknowledged')
      .execute();
    const marked = new Set(rows.filter((r) => r.state === 'sent').map((r) => r.number));
    const leased = new Set(rows.filter((r) => r.state === 'pending' && r.lease_owner).map((r) => r.number));
    const received = new Map<string, ConnectorCall>();
    for (const call of connector.calls) {
      const number = ticketOf(call, numbers);
      if (number && call.at <= diedAt && !received.has(number)) received.set(number, call);
    }
    const inFlight = [...received.keys()].filter((number) => !marked.has(number));
    const answered = (number: string) =>
      (connector.answeredAt.get(received.get(number)!) ?? Infinity) <= stoppedAt;
    const answeredUnmarked = inFlight.filter(answered).length;
    const leasedUnsent = [...leased].filter((number) => !received.has(number)).length;

    bot = await spawnBot(env, startTimeoutMs);
    const deliveries = () => {
      const counts = new Map(numbers.map((n) => [n, 0]));
      for (const call of connector.calls) {
        const number = ticketOf(call, numbers);
        if (number) counts.set(number, (counts.get(number) ?? 0) + 1);
      }
      return counts;
    };
    await until(
      () => [...deliveries().values()].every((n) => n >= 1),
      60_000,
      'every notification delivered',
    );
    await until(
      async () => {
        const pending = await store.db
          .selectFrom('outbox')
          .select('id')
          .where('state', '=', 'pending')
          .execute();
        return pending.length === 0;
      },
      30_000,
      'outbox drained',
    );
    const doubledNumbers = [...deliveries()].filter(([, n]) => n > 1).map(([number]) => number);
    return {
      inFlight: inFlight.length,
      awaitingAnswer: inFlight.length - answeredUnmarked,
      answeredUnmarked,
      leasedUnsent,
      doubled: doubledNumbers.length,
      doubledOutsideInFlight: doubledNumbers.filter((number) => !inFlight.includes(number)).length,
    } satisfies CrashRunResult;
  } finally {
    bot.kill('SIGKILL');
    await bot.exited;
    await store.close();
    await connector.stop();
    await database.destroy();
  }
}
