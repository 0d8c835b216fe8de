/**
 * Notification throughput under Teams' rate limits (npm run bench:notify).
 *
 * Two phases against a connector stand-in that enforces Teams' documented limits itself (sliding windows
 * per chat: 7/1 s, 8/2 s, 60/30 s, 1800/3600 s, and the bot's global limit) by answering 429 with
 * Retry-After, so a worker that ignored them would be slowed and counted:
 * 1. Backlog: many tickets over many 1:1 chats acknowledged while the bot was down; the clock runs from
 *    start-up (ramp-up included) to the last delivery. Prints delivered/s as a ratio of the ceiling: the
 *    rate the binding limit allows for this very backlog (the global rate, or the busiest chat's own
 *    windows), computed in the run from the backlog's per-chat counts.
 * 2. Steady state: new tickets acknowledged at a fixed rate below the ceiling through the running app;
 *    its event-to-delivery latency is the one a publisher sees (the backlog's is mostly queueing).
 * Also: lost and duplicated messages, 429s, and the window between the connector's confirmation and the
 * 'sent' mark (where a crash would duplicate).
 *
 * One run measures two regimes, each on a fresh store, and prints each ratio to the ceiling:
 * - bound by the global limit: --tickets 600 over --chats 150 (4 per chat), then the steady phase;
 * - bound by the per-conversation windows: --busy-tickets 240 over --busy-chats 6 (40 per chat).
 * Target >= 0.95 in both; lost 0, duplicates 0.
 *
 * Options: --tickets 600 --chats 150 --busy-tickets 240 --busy-chats 6 --global 50 --steady-rate 30
 *          --steady-seconds 10 --timeline
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedTicketBackend } from '../src/backend/embedded/embedded-ticket-backend';
import { SupportService } from '../src/backend/embedded/support-service';
import { TicketStore } from '../src/tickets';
import type { SupportPort } from '../src/backend/support-port';
import type { TicketBackend } from '../src/backend/ticket-backend';
import { startApp } from '../src/app';
import { loadConfig } from '../src/config';
import { systemClock } from '../src/domain/clock';
import { createLogger } from '../src/logger';
import { perConversationLimits } from '../src/notify/teams-rate-limits';
import { ConnectorStandIn, type ConnectorCall } from '../test/support/connector-stand-in';
import { BOT_ID, teamsUser, type TeamsUser } from '../test/support/teams-activities';
import { ConversationReferences } from '../src/store/conversation-references';
import { createStore } from '../src/store/create-store';
import { wholeArgument as argument } from './bench-arguments';

/** Teams' limits as the service would apply them: at most N calls in any window of T (sliding). */
class TeamsLimits {
  private readonly perChat = new Map<string, number[]>();
  private readonly global: number[] = [];
  throttled = 0;

  constructor(private readonly globalPerSecond: number) {}

  admit(conversationId: string | undefined, now: number): number | undefined {
    const chat = this.perChat.get(conversationId ?? '') ?? [];
    const windows = [
      ...perConversationLimits.map((l) => ({ log: chat, points: l.points, ms: l.seconds * 1000 })),
      { log: this.global, points: this.globalPerSecond, ms: 1000 },
    ];
    for (const w of windows) {
      const recent = w.log.filter((t) => t > now - w.ms);
      if (recent.length >= w.points) {
        this.throttled += 1;
        return Math.max(1, Math.ceil((recent[recent.length - w.points]! + w.ms - now) / 1000));
      }
    }
    chat.push(now);
    this.global.push(now);
    if (chat.length > 2000) chat.splice(0, chat.length - 2000);
    if (this.global.length > 5000) this.global.splice(0, this.global.length - 5000);
    this.perChat.set(conversationId ?? '', chat);
    return undefined;
  }
}

/**
 * When the `count + 1`-th call could go at the earliest under sliding windows, sending greedily from 0
 * (for the global 50/1 s window, the 600th call goes at 11.98 s: `occupiedMs(599, …)`).
 */
function occupiedMs(count: number, windows: ReadonlyArray<{ points: number; ms: number }>): number {
  const times: number[] = [];
  let t = 0;
  for (let i = 0; i <= count; i++) {
    for (const w of windows) {
      const earlier = times.length >= w.points ? times[times.length - w.points]! + w.ms : 0;
      t = Math.max(t, earlier);
    }
    times.push(t);
  }
  return t;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Files an incident from a bench chat and acknowledges it as support would: one notification to deliver. */
async function fileAcknowledged(
  backend: TicketBackend,
  support: SupportPort,
  submissionKey: string,
  user: TeamsUser,
  chatIndex: number,
  title: string,
): Promise<string> {
  const filed = await backend.submit({
    submissionKey,
    tenantId: user.tenantId,
    reporter: { kind: 'publisher', id: user.aadObjectId },
    locale: 'en-US',
    conversationId: `a:bench-chat-${chatIndex}`,
    category: 'incident',
    report: {
      title,
      offers: [{ name: 'Contoso', offerId: 'contoso.offer' }],
      description: 'Benchmark report.',
      knownExploited: 'no',
      incident: { dataOrSystems: 'None', ongoing: 'no' },
      fix: { kind: 'none' },
    },
  });
  if (!filed.ok) throw new Error(`bench report refused: ${JSON.stringify(filed.error)}`);
  const number = filed.record.ticket.confirmationNumber;
  const result = await support.execute(
    number,
    { type: 'acknowledge', priority: 'P3', severity: 'Medium' },
    { kind: 'support', id: 'bench-analyst' },
    filed.record.ticket.version,
  );
  if (!result.ok) throw new Error('acknowledge refused');
  return number;
}

interface Regime {
  readonly name: string;
  readonly tickets: number;
  readonly chatsCount: number;
  readonly globalPerSecond: number;
  readonly steadyRate: number;
  /** 0: no steady phase. */
  readonly steadySeconds: number;
}

async function main(): Promise<void> {
  const globalPerSecond = argument('global', 50);
  const ratios: Array<{ name: string; ratio: number; lost: number; duplicates: number }> = [];
  for (const regime of [
    {
      name: 'many chats (the global limit binds)',
      tickets: argument('tickets', 600),
      chatsCount: argument('chats', 150),
      globalPerSecond,
      steadyRate: argument('steady-rate', Math.round(globalPerSecond * 0.6)),
      steadySeconds: argument('steady-seconds', 10),
    },
    {
      name: 'a few busy chats (the per-conversation windows bind)',
      tickets: argument('busy-tickets', 240),
      chatsCount: argument('busy-chats', 6),
      globalPerSecond,
      steadyRate: 1,
      steadySeconds: 0,
    },
  ]) {
    console.log(`== ${regime.name}`);
    ratios.push({ name: regime.name, ...(await runRegime(regime)) });
  }
  console.log('== summary');
  for (const r of ratios) {
    console.log(
      `${r.name}: delivered/ceiling ${r.ratio.toFixed(2)} (target >= 0.95), lost ${r.lost}, duplicates ${r.duplicates}`,
    );
  }
  if (ratios.some((r) => r.lost > 0 || r.duplicates > 0)) process.exitCode = 1;
}

async function runRegime({
  tickets,
  chatsCount,
  globalPerSecond,
  steadyRate,
  steadySeconds,
}: Regime): Promise<{ ratio: number; lost: number; duplicates: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sd-bench-notify-'));
  const connector = await new ConnectorStandIn().start();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    NOTIFY_POLL_MS: '50',
    NOTIFY_BATCH_SIZE: '100',
    NOTIFY_GLOBAL_PER_SECOND: String(globalPerSecond),
  });
  // The backlog is stored before the app starts, as if support had acknowledged every ticket while
  // the bot was down: the run then measures delivery alone, not this script competing for the loop.
  const seed = await createStore(config.store, createLogger('silent'));
  const chats = Array.from({ length: chatsCount }, () => teamsUser());
  const references = new ConversationReferences(seed.db);
  for (const [i, user] of chats.entries()) {
    await references.upsert({
      tenantId: user.tenantId,
      userId: user.aadObjectId,
      conversationType: 'personal',
      locale: 'en-US',
      user: { id: user.id, aadObjectId: user.aadObjectId },
      bot: { id: BOT_ID },
      conversation: { id: `a:bench-chat-${i}`, conversationType: 'personal', tenantId: user.tenantId },
      channelId: 'msteams',
      serviceUrl: connector.url,
    });
  }
  const repository = new TicketStore(seed.db);
  const backend = new EmbeddedTicketBackend({
    repository,
    clock: systemClock,
    calendar: { ackDueAt: (at) => new Date(at.getTime() + 86_400_000) },
  });
  const support = new SupportService({ repository, clock: systemClock });
  const numbers: string[] = [];
  const acknowledgedAt = new Map<string, number>();
  for (let i = 0; i < tickets; i++) {
    const chatIndex = i % chats.length;
    const user = chats[chatIndex]!;
    const number = await fileAcknowledged(
      backend,
      support,
      `bench-${i}`,
      user,
      chatIndex,
      `Bench incident ${i}`,
    );
    numbers.push(number);
    acknowledgedAt.set(number, Date.now());
  }
  await seed.close();

  const limits = new TeamsLimits(globalPerSecond);
  connector.responder = (call) => {
    if (call.kind !== 'send' && call.kind !== 'update') return undefined;
    const retryAfter = limits.admit(call.conversationId, Date.now());
    return retryAfter === undefined
      ? undefined
      : { status: 429, headers: { 'Retry-After': String(retryAfter) } };
  };
  const app = await startApp(config, createLogger('silent'));
  const desk = app.ticketing.supportDesk?.support;
  if (!desk) throw new Error('the bench needs the embedded backend');
  const isSend = (c: ConnectorCall) => c.kind === 'send' && c.status < 300;
  const ticketOf = (call: ConnectorCall) =>
    /SEC-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(JSON.stringify(call.body))?.[0];
  const started = Date.now();
  try {
    // Phase 1: the backlog, from start-up to its last delivery.
    await connector.waitFor(isSend, tickets, 10 * 60_000);
    const finished = Date.now();
    const backlogThrottled = limits.throttled;

    // The ceiling for this backlog: each limit's occupied time, the longest binds.
    const perChat = new Map<number, number>();
    for (let i = 0; i < tickets; i++) perChat.set(i % chats.length, (perChat.get(i % chats.length) ?? 0) + 1);
    const busiest = Math.max(...perChat.values());
    const chatWindows = perConversationLimits.map((l) => ({ points: l.points, ms: l.seconds * 1000 }));
    // The earliest the last message of the backlog can go under each limit (the clock stops at it).
    const globalMs = ((tickets - 1) / globalPerSecond) * 1000;
    const chatMs = occupiedMs(busiest - 1, chatWindows);
    const bound =
      Math.abs(globalMs - chatMs) < 1
        ? 'the global and the per-conversation limits alike'
        : globalMs > chatMs
          ? 'the global limit'
          : 'the per-conversation limits';
    const ceiling = tickets / (Math.max(globalMs, chatMs) / 1000);
    const seconds = (finished - started) / 1000;
    const rate = tickets / seconds;
    const backlogLatencies = connector.calls
      .filter(isSend)
      .map((c) => c.at - (acknowledgedAt.get(ticketOf(c) ?? '') ?? c.at))
      .sort((a, b) => a - b);
    const timeline = new Map<number, number>();
    for (const call of connector.calls.filter(isSend)) {
      const second = Math.floor((call.at - started) / 1000);
      timeline.set(second, (timeline.get(second) ?? 0) + 1);
    }

    // Phase 2: steady state, tickets acknowledged at a fixed rate through the running app.
    const steadyCount = Math.round(steadyRate * steadySeconds);
    const steadyStart = Date.now();
    let behindMs = 0;
    for (let i = 0; i < steadyCount; i++) {
      const due = steadyStart + (i * 1000) / steadyRate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      else behindMs = Math.max(behindMs, -wait);
      const user = chats[i % chats.length]!;
      const number = await fileAcknowledged(
        app.backend,
        desk,
        `bench-steady-${i}`,
        user,
        i % chats.length,
        `Bench steady incident ${i}`,
      );
      numbers.push(number);
      acknowledgedAt.set(number, Date.now());
    }
    const produced = (Date.now() - steadyStart) / 1000;
    await connector.waitFor(isSend, tickets + steadyCount, 60_000);
    const steadyCalls = connector.calls.filter((c) => isSend(c) && c.at >= steadyStart);
    const steadyLatencies = steadyCalls
      .map((c) => c.at - acknowledgedAt.get(ticketOf(c) ?? '')!)
      .filter((ms) => Number.isFinite(ms))
      .sort((a, b) => a - b);

    const perTicket = new Map<string, number>();
    for (const call of connector.calls.filter(isSend)) {
      const number = ticketOf(call);
      if (number) perTicket.set(number, (perTicket.get(number) ?? 0) + 1);
    }
    const lost = numbers.filter((n) => !perTicket.has(n)).length;
    const duplicates = [...perTicket.values()].reduce((sum, n) => sum + n - 1, 0);
    const lags = [...app.delivery.stats.markLagMs].sort((a, b) => a - b);
    const ms = (sorted: readonly number[], p: number) => `${Math.round(percentile(sorted, p))} ms`;

    console.log(
      `limits: global ${globalPerSecond}/s (sliding second); per chat 7/1 s, 8/2 s, 60/30 s, 1800/h`,
    );
    console.log(`backlog: ${tickets} acknowledgements over ${chatsCount} chats (busiest chat ${busiest})`);
    console.log(
      `  ceiling ${ceiling.toFixed(1)}/s, bound by ${bound}: the global limit needs ` +
        `${(globalMs / 1000).toFixed(1)} s, the busiest chat's windows ${(chatMs / 1000).toFixed(1)} s`,
    );
    console.log(
      `  delivered ${tickets} in ${seconds.toFixed(1)} s from start-up = ${rate.toFixed(1)}/s; ` +
        `ratio to the ceiling ${(rate / ceiling).toFixed(2)} (target >= 0.95)`,
    );
    console.log(
      `  429s ${backlogThrottled}; latency (mostly queueing) p50 ${ms(backlogLatencies, 50)}, p99 ${ms(backlogLatencies, 99)}`,
    );
    if (process.argv.includes('--timeline')) {
      console.log(`  per second: ${[...timeline.entries()].map(([sec, n]) => `${sec}:${n}`).join(' ')}`);
    }
    if (steadyCount > 0)
      console.log(
        `steady state: ${steadyCount} acknowledgements at ${steadyRate}/s over ${produced.toFixed(1)} s ` +
          `(${(steadyRate / globalPerSecond).toFixed(2)} of the global limit; producer at most ${Math.round(behindMs)} ms late)`,
      );
    console.log(
      `  event-to-delivery latency p50 ${ms(steadyLatencies, 50)}, p99 ${ms(steadyLatencies, 99)}, ` +
        `max ${ms(steadyLatencies, 100)}; 429s ${limits.throttled - backlogThrottled}`,
    );
    console.log(
      `lost ${lost} (must be 0), duplicates ${duplicates} (must be 0), over ${numbers.length} tickets`,
    );
    console.log(
      `duplicate window (confirmation to 'sent' mark) p50 ${percentile(lags, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(lags, 99).toFixed(1)} ms, max ${percentile(lags, 100).toFixed(1)} ms`,
    );
    return { ratio: rate / ceiling, lost, duplicates };
  } finally {
    await app.stop(1000);
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
