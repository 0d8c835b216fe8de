/**
 * Notification throughput under Teams' rate limits (npm run bench:notify).
 *
 * Files many tickets over many 1:1 chats, acknowledges them all at once, and lets the outbox worker
 * deliver. The connector stand-in enforces Teams' documented limits itself (a sliding window per chat:
 * 7/1 s, 8/2 s, 60/30 s, 1800/3600 s, and the bot's global limit) by answering 429 with Retry-After, so
 * a worker that ignored them would be slowed and counted. Prints delivered messages per second as a
 * ratio of the ceiling those limits allow, lost and duplicated messages, event-to-delivery latency, and
 * the window between the connector's confirmation and the 'sent' mark (where a crash would duplicate).
 *
 * Options: --tickets 600 --chats 150 --global 50
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedTicketBackend } from '../src/backend/embedded/embedded-ticket-backend';
import { SupportService } from '../src/backend/embedded/support-service';
import { TicketRepository } from '../src/backend/embedded/ticket-repository';
import { startApp } from '../src/app';
import { loadConfig } from '../src/config';
import { systemClock } from '../src/domain/clock';
import { createLogger } from '../src/logger';
import { perConversationLimits } from '../src/notify/teams-rate-limits';
import { ConnectorStandIn, type ConnectorCall } from '../test/support/connector-stand-in';
import { BOT_ID, teamsUser } from '../test/support/teams-activities';
import { ConversationReferences } from '../src/store/conversation-references';
import { createStore } from '../src/store/create-store';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

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

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const tickets = argument('tickets', 600);
  const chatsCount = argument('chats', 150);
  const globalPerSecond = argument('global', 50);
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
  const repository = new TicketRepository(seed.db);
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
    const filed = await backend.submit({
      submissionKey: `bench-${i}`,
      tenantId: user.tenantId,
      reporter: { kind: 'publisher', id: user.aadObjectId },
      locale: 'en-US',
      conversationId: `a:bench-chat-${chatIndex}`,
      category: 'incident',
      report: {
        title: `Bench incident ${i}`,
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
  const started = Date.now();
  const w = app.notifier.worker as any;
  const cpu0 = process.cpuUsage();
  const { monitorEventLoopDelay } = require('node:perf_hooks'); const h = monitorEventLoopDelay({resolution: 5}); h.enable();
  const probe = setInterval(() => {}, 250);
  const timings: Record<string, number[]> = {};
  for (const name of ['claim', 'finishAll', 'renew', 'recordThrottle']) {
    const orig = w.queue[name].bind(w.queue);
    w.queue[name] = async (...a: any[]) => { const t = performance.now(); try { return await orig(...a); } finally { (timings[name] ??= []).push(performance.now() - t); } };
  }
  const origSend = w.deps.channel.send.bind(w.deps.channel);
  w.deps.channel.send = async (...a: any[]) => { const t = performance.now(); try { return await origSend(...a); } finally { (timings['send'] ??= []).push(performance.now() - t); } };
  const origAcq = w.slots.gate.tryAcquire.bind(w.slots.gate);
  w.slots.gate.tryAcquire = async (...a: any[]) => { const t = performance.now(); try { return await origAcq(...a); } finally { (timings['tryAcquire'] ??= []).push(performance.now() - t); } };

  try {
    const isSend = (c: ConnectorCall) => c.kind === 'send' && c.status < 300;
    await connector.waitFor(isSend, tickets, 10 * 60_000);
    const finished = Date.now(); clearInterval(probe); const c = process.cpuUsage(cpu0); for (const [k, v] of Object.entries(timings)) { v.sort((a,b)=>a-b); console.log(k, v.length, 'p50', v[Math.floor(v.length/2)]!.toFixed(1), 'max', v[v.length-1]!.toFixed(1), 'sum', v.reduce((x,y)=>x+y,0).toFixed(0)); } console.log('cpu ms', (c.user+c.system)/1000, 'wall', finished-started, 'loop delay p50/p99/max', h.percentile(50)/1e6, h.percentile(99)/1e6, h.max/1e6);

    const perTicket = new Map<string, number[]>();
    for (const call of connector.calls.filter(isSend)) {
      const text = JSON.stringify(call.body);
      const number = /SEC-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(text)?.[0];
      if (number) perTicket.set(number, [...(perTicket.get(number) ?? []), call.at]);
    }
    const lost = numbers.filter((n) => !perTicket.has(n)).length;
    const duplicates = [...perTicket.values()].reduce((sum, ats) => sum + ats.length - 1, 0);
    const latencies = numbers
      .filter((n) => perTicket.has(n))
      .map((n) => perTicket.get(n)![0]! - acknowledgedAt.get(n)!)
      .sort((a, b) => a - b);
    const seconds = (finished - started) / 1000;
    // The ceiling: the global limit, or the chats' own limits when fewer chats than that could fill it
    // (a chat's sustained rate over the first 30 s is 60/30 s = 2 a second).
    const ceiling = Math.min(globalPerSecond, chatsCount * 2);
    const rate = tickets / seconds;
    const lags = [...app.notifier.worker.stats.markLagMs].sort((a, b) => a - b);

    console.log(`tickets ${tickets} over ${chatsCount} chats; global limit ${globalPerSecond}/s`);
    console.log(`a backlog of ${tickets} acknowledgements, delivered from start-up`);
    console.log(`delivered ${tickets} in ${seconds.toFixed(1)} s = ${rate.toFixed(1)}/s`);
    console.log(`ratio to the ceiling (${ceiling}/s): ${(rate / ceiling).toFixed(2)} (target >= 0.9)`);
    console.log(`lost ${lost} (must be 0), duplicates ${duplicates} (must be 0)`);
    console.log(`429 answered by the stand-in: ${limits.throttled}`);
    console.log(
      `event-to-delivery latency p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms`,
    );
    console.log(
      `duplicate window (confirmation to 'sent' mark) p50 ${percentile(lags, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(lags, 99).toFixed(1)} ms, max ${percentile(lags, 100).toFixed(1)} ms`,
    );
    if (process.argv.includes('--timeline')) {
      const bySecond = new Map<number, number>();
      for (const call of connector.calls.filter(isSend)) {
        const second = Math.floor((call.at - started) / 1000);
        bySecond.set(second, (bySecond.get(second) ?? 0) + 1);
      }
      console.log(`deliveries per second: ${[...bySecond.entries()].map(([s, n]) => `${s}:${n}`).join(' ')}`);
    }
    if (lost > 0 || duplicates > 0) process.exitCode = 1;
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
