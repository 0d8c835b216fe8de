import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectorStandIn } from '../../test/support/connector-stand-in';
import { engines, type TestDatabase } from '../../test/support/databases';
import { teamChannel, TeamsChannel, type TeamChannelPlace } from '../../test/support/teams-channel';
import { teamsUser } from '../../test/support/teams-activities';
import { figuresOf, kindLine, megabytes, type KindLine } from './figures';
import { spawnTarget, type Target } from './spawn-target';
import { turnKinds, turnsPerRound, type TurnKind } from './turn-kinds';
import { BotUser, EchoUser, type VirtualUser } from './virtual-users';
import type { Usage } from './target-protocol';

export type BenchStore = 'sqlite' | 'postgres';

export interface TurnBenchOptions {
  readonly stores: readonly BenchStore[];
  readonly concurrencies: readonly number[];
  /** At least this many measured turns of every kind (a round gives each user one, four Next steps). */
  readonly turnsPerKind: number;
  readonly warmupRounds: number;
  /** Only these kinds (for a profile of one kind); a report step or a submit needs `report` before it. */
  readonly kinds?: readonly TurnKind[];
  /** Write a CPU profile of the bot's measured rounds per block into this directory. */
  readonly profileDir?: string;
  /** target-process.ts already transpiled to JavaScript (the test suite's tree), to skip ts-node at start. */
  readonly targetScript?: string;
  readonly print: (line: string) => void;
}

export interface BenchBlock {
  readonly store: BenchStore;
  readonly concurrency: number;
  readonly lines: readonly KindLine[];
  readonly botMemory: { readonly before: Usage; readonly after: Usage };
  readonly echoMemory: { readonly before: Usage; readonly after: Usage };
  readonly profile?: string;
}

const SUPPORT_KEY = 'bench-support-key-0123456789abcdef0123456789';

/** The bot's environment: quiet, local (no app credentials), look-up limits out of the bench's way. */
function botEnvironment(store: BenchStore, database: TestDatabase | undefined, dataDir: string) {
  // NODE_ENV stays development: production insists on app credentials, which loopback cannot check.
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    SUPPORT_API_KEY: SUPPORT_KEY,
    LOOKUPS_PER_USER_PER_MINUTE: '10000',
    LOOKUPS_PER_TENANT_PER_MINUTE: '100000',
    ...(store === 'postgres' && database?.config.engine === 'postgres'
      ? { DATABASE_URL: database.config.url }
      : {}),
  };
}

/** Binds a support channel, as support does: a code from the support API, then the mention in the channel. */
async function registerSupportChannel(
  bot: Target,
  connector: ConnectorStandIn,
): Promise<{ place: TeamChannelPlace; tenant: string }> {
  const response = await fetch(`${bot.url}/api/support/channel-registrations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${SUPPORT_KEY}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  const body = (await response.json()) as { code?: unknown };
  if (response.status !== 201 || typeof body.code !== 'string')
    throw new Error(`bench: no registration code (${response.status})`);
  const place = teamChannel();
  const analyst = teamsUser({ name: 'Sam Analyst' });
  const channel = new TeamsChannel(bot.url, connector, place, analyst);
  const result = await channel.mention(`register support channel ${body.code}`);
  if (result.status !== 200)
    throw new Error(`bench: the support channel was not registered (${result.status})`);
  return { place, tenant: analyst.tenantId };
}

interface Tally {
  readonly latencies: Record<TurnKind, number[]>;
  readonly cpuMicros: Record<TurnKind, number>;
  readonly calls: Record<TurnKind, number>;
  readonly bytes: Record<TurnKind, number>;
}

const perKind = (): Record<TurnKind, number> =>
  Object.fromEntries(turnKinds.map((k) => [k, 0])) as Record<TurnKind, number>;

const emptyTally = (): Tally => ({
  latencies: Object.fromEntries(turnKinds.map((k) => [k, []])) as unknown as Record<TurnKind, number[]>,
  cpuMicros: perKind(),
  calls: perKind(),
  bytes: perKind(),
});

/**
 * All users make `kind`'s turns at once; the latencies, the target's CPU time and its connector calls
 * (the stand-in is cleared before each phase) go to the tally.
 */
async function phase(
  target: Target,
  users: readonly VirtualUser[],
  kind: TurnKind,
  connector: ConnectorStandIn,
  tally?: Tally,
): Promise<void> {
  const before = tally ? await target.usage() : undefined;
  const latencies = await Promise.all(users.map((user) => user.run(kind, turnsPerRound[kind])));
  if (!tally || !before) return;
  const after = await target.usage();
  tally.latencies[kind].push(...latencies.flat());
  tally.cpuMicros[kind] += after.cpuMicros - before.cpuMicros;
  tally.calls[kind] += connector.calls.length;
  for (const call of connector.calls) tally.bytes[kind] += JSON.stringify(call.body).length;
}

interface Pair {
  readonly bot: Target;
  readonly echo: Target;
  readonly botUsers: readonly BotUser[];
  readonly echoUsers: readonly EchoUser[];
  /** Each target sends to a Bot Connector stand-in of its own, so each one's calls are counted apart. */
  readonly botConnector: ConnectorStandIn;
  readonly echoConnector: ConnectorStandIn;
}

/**
 * One round: every kind in turn, on both targets, one right after the other (which goes first
 * alternates), so noise from the machine's other work falls on both alike.
 */
async function round(
  pair: Pair,
  index: number,
  kinds: readonly TurnKind[],
  tallies?: { bot: Tally; echo: Tally },
): Promise<void> {
  for (const kind of kinds) {
    const order = index % 2 === 0 ? (['echo', 'bot'] as const) : (['bot', 'echo'] as const);
    for (const side of order) {
      const connector = side === 'bot' ? pair.botConnector : pair.echoConnector;
      connector.clear();
      if (side === 'bot') await phase(pair.bot, pair.botUsers, kind, connector, tallies?.bot);
      else await phase(pair.echo, pair.echoUsers, kind, connector, tallies?.echo);
    }
  }
}

async function withPair<T>(
  store: BenchStore,
  concurrency: number,
  targetScript: string | undefined,
  work: (pair: Pair) => Promise<T>,
): Promise<T> {
  const database =
    store === 'postgres' ? await engines.find((e) => e.name === 'postgres')!.create() : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'security-desk-bench-'));
  const connectors: ConnectorStandIn[] = [];
  const started: Target[] = [];
  try {
    const spawned = await Promise.allSettled([
      spawnTarget('bot', botEnvironment(store, database, dataDir), targetScript),
      spawnTarget('echo', {}, targetScript),
    ]);
    for (const outcome of spawned) if (outcome.status === 'fulfilled') started.push(outcome.value);
    for (const outcome of spawned) if (outcome.status === 'rejected') throw outcome.reason;
    const [bot, echo] = started as [Target, Target];
    const botConnector = await new ConnectorStandIn().start();
    connectors.push(botConnector);
    const echoConnector = await new ConnectorStandIn().start();
    connectors.push(echoConnector);
    const { place, tenant } = await registerSupportChannel(bot, botConnector);
    const botUsers = Array.from(
      { length: concurrency },
      () => new BotUser(bot.url, botConnector, place, tenant),
    );
    await Promise.all(botUsers.map((user) => user.prepare()));
    const echoUsers = Array.from({ length: concurrency }, () => new EchoUser(echo.url, echoConnector, place));
    return await work({ bot, echo, botUsers, echoUsers, botConnector, echoConnector });
  } finally {
    await Promise.all(started.map((target) => target.stop()));
    await Promise.all(connectors.map((connector) => connector.stop()));
    await database?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One store at one concurrency: warm-up rounds, then the measured rounds; a line per kind. */
export async function runBlock(
  store: BenchStore,
  concurrency: number,
  options: TurnBenchOptions,
): Promise<BenchBlock> {
  return withPair(store, concurrency, options.targetScript, async (pair) => {
    const kinds = options.kinds ?? turnKinds;
    for (let i = 0; i < options.warmupRounds; i++) await round(pair, i, kinds);
    const botBefore = await pair.bot.usage(true);
    const echoBefore = await pair.echo.usage(true);
    const profile = options.profileDir
      ? join(options.profileDir, `bot-${store}-${concurrency}-${Date.now()}.cpuprofile`)
      : undefined;
    if (profile) await pair.bot.startProfile(250);
    const tallies = { bot: emptyTally(), echo: emptyTally() };
    const rounds = Math.max(1, Math.ceil(options.turnsPerKind / concurrency));
    for (let i = 0; i < rounds; i++) await round(pair, i, kinds, tallies);
    if (profile) await pair.bot.stopProfile(profile);
    const botAfter = await pair.bot.usage(true);
    const echoAfter = await pair.echo.usage(true);

    const label = `[${store.padEnd(8)} ${String(concurrency).padStart(2)} users]`;
    const lines: KindLine[] = kinds.map((kind) => {
      const bot = figuresOf(tallies.bot.latencies[kind]);
      const echo = figuresOf(tallies.echo.latencies[kind]);
      const calls = (tally: Tally, turns: number) => ({
        perTurn: tally.calls[kind] / Math.max(1, turns),
        kilobytesPerTurn: tally.bytes[kind] / 1024 / Math.max(1, turns),
      });
      return {
        kind,
        bot,
        echo,
        botCpuMs: tallies.bot.cpuMicros[kind] / 1000 / Math.max(1, bot.turns),
        echoCpuMs: tallies.echo.cpuMicros[kind] / 1000 / Math.max(1, echo.turns),
        botCalls: calls(tallies.bot, bot.turns),
        echoCalls: calls(tallies.echo, echo.turns),
      };
    });
    for (const line of lines) options.print(kindLine(label, line));
    options.print(
      `${label} rss bot ${megabytes(botBefore.rss)} → ${megabytes(botAfter.rss)} (heap ${megabytes(botBefore.heapUsed)} → ${megabytes(botAfter.heapUsed)}), ` +
        `echo ${megabytes(echoBefore.rss)} → ${megabytes(echoAfter.rss)}`,
    );
    return {
      store,
      concurrency,
      lines,
      botMemory: { before: botBefore, after: botAfter },
      echoMemory: { before: echoBefore, after: echoAfter },
      ...(profile ? { profile } : {}),
    };
  });
}

export async function runTurnBench(options: TurnBenchOptions): Promise<BenchBlock[]> {
  const blocks: BenchBlock[] = [];
  options.print(
    `turn latency: every kind of turn over HTTP on loopback, Security Desk and a bare echo bot in turn ` +
      `(each in its own process), at least ${options.turnsPerKind} measured turns per kind; target p99 ≤ 1.5× echo`,
  );
  for (const store of options.stores) {
    for (const concurrency of options.concurrencies) blocks.push(await runBlock(store, concurrency, options));
  }
  return blocks;
}

export interface SoakResult {
  readonly turns: number;
  readonly before: Usage;
  readonly after: Usage;
}

/**
 * Memory over many turns: after a warm-up of `warmupTurns`, the bot's RSS and live heap (after a
 * collection), then `turns` more turns of every kind, then the same figures again.
 */
export async function runSoak(
  store: BenchStore,
  concurrency: number,
  turns: number,
  warmupTurns: number,
  print: (line: string) => void,
): Promise<SoakResult> {
  return withPair(store, concurrency, undefined, async (pair) => {
    const perRound = concurrency * turnKinds.reduce((sum, kind) => sum + turnsPerRound[kind], 0);
    const botOnly = async (count: number) => {
      let made = 0;
      for (let i = 0; made < count; i++) {
        for (const kind of turnKinds) {
          pair.botConnector.clear();
          await phase(pair.bot, pair.botUsers, kind, pair.botConnector);
        }
        made += perRound;
      }
      return made;
    };
    await botOnly(warmupTurns);
    const before = await pair.bot.usage(true);
    const label = `[soak ${store} ${concurrency} users]`;
    const figures = (usage: Usage) =>
      `rss ${megabytes(usage.rss)}, live heap ${megabytes(usage.heapUsed)}, external ${megabytes(usage.external)}`;
    print(`${label} after ${warmupTurns} warm-up turns: ${figures(before)}`);
    // Checkpoints show whether memory levels off or keeps climbing.
    let made = 0;
    while (made < turns) {
      made += await botOnly(Math.min(2000, turns - made));
      print(`${label} ${made} turns: ${figures(await pair.bot.usage(true))}`);
    }
    const after = await pair.bot.usage(true);
    print(
      `${label} ${made} turns: rss ${megabytes(before.rss)} → ${megabytes(after.rss)} ` +
        `(${((after.rss / before.rss - 1) * 100).toFixed(1)} %), live heap ${megabytes(before.heapUsed)} → ${megabytes(after.heapUsed)} ` +
        `(${((after.heapUsed / before.heapUsed - 1) * 100).toFixed(1)} %)`,
    );
    return { turns: made, before, after };
  });
}
