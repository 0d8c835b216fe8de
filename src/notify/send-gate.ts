import type { Kysely } from 'kysely';
import { RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { StoreEngine } from '../store/store-engine';
import type { Database } from '../store/tables';
import {
  MemoryConversationWindows,
  PostgresConversationWindows,
  type ConversationWindows,
} from './conversation-windows';
import { kyselyPgClient } from './kysely-pg-client';
import { SlidingWindowLog } from './sliding-window-log';
import { perConversationLimits } from './teams-rate-limits';

/** Which of Teams' limits refused a call: the conversation's own windows, or the bot's global one. */
export type GateScope = 'conversation' | 'global';

export type GateAnswer =
  { readonly ok: true } | { readonly ok: false; readonly retryInMs: number; readonly scope: GateScope };

/**
 * Teams' rate limits (teams-rate-limits.ts) as one gate every connector call passes: each of the
 * conversation's windows and the bot's global window must have room. On PostgreSQL the windows live in
 * the shared database, so the limits hold across instances; on SQLite (one instance) in memory.
 */
export class SendGate {
  /**
   * `conversation` counts each chat's windows (sliding, as Teams counts them); `local` is the bot's global
   * limit as this process counts it (exact sliding windows); `global` are fixed windows shared with other
   * instances (PostgreSQL), none for a single instance.
   */
  constructor(
    private readonly conversation: ConversationWindows,
    private readonly global: readonly RateLimiterAbstract[],
    private readonly local: readonly SlidingWindowLog[] = [],
  ) {}

  /**
   * How many calls this process's global windows let go within `ms`: what the delivery engine may
   * lease now. Unbounded without local windows (tests); the conversations' windows are not asked, as
   * a claim does not know its works' conversations yet.
   */
  roomWithin(ms: number): number {
    return this.local.reduce((room, log) => Math.min(room, log.freeWithin(ms)), Infinity);
  }

  /**
   * Takes one operation from every window, or none: when a window is full, the points already taken
   * from the others are given back, so a refused call does not eat into the allowance.
   */
  async tryAcquire(conversationId: string): Promise<GateAnswer> {
    // The process's own global window first: it is the one that refuses most, and it costs no I/O.
    for (const [index, log] of this.local.entries()) {
      const waitMs = log.tryTake();
      if (waitMs === 0) continue;
      for (const taken of this.local.slice(0, index)) taken.giveBack();
      return { ok: false, retryInMs: waitMs, scope: 'global' };
    }
    const giveBackLocal = () => {
      for (const log of this.local) log.giveBack();
    };
    let inConversation: Awaited<ReturnType<ConversationWindows['tryTake']>>;
    try {
      inConversation = await this.conversation.tryTake(conversationId);
    } catch (error) {
      giveBackLocal();
      throw error;
    }
    if (!inConversation.ok) {
      giveBackLocal();
      return { ok: false, retryInMs: inConversation.retryInMs, scope: 'conversation' };
    }
    const taken: RateLimiterAbstract[] = [];
    for (const limiter of this.global) {
      try {
        await limiter.consume('bot', 1);
        taken.push(limiter);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        // The refused window counted the try too; give it back with the others.
        await Promise.all([...taken, limiter].map((l) => l.reward('bot', 1)));
        await inConversation.giveBack();
        giveBackLocal();
        return { ok: false, retryInMs: Math.max(rejection.msBeforeNext, 1), scope: 'global' };
      }
    }
    return { ok: true };
  }
}

/**
 * Our global window is this much longer than Teams' second: a call is counted when it leaves and Teams
 * counts it when it arrives, so two calls 1 s apart here can arrive less than 1 s apart there.
 */
export const globalWindowMarginMs = 20;

/** How many calls the pacing lets go together to catch up with a late timer. */
const pacingBurst = 2;

export interface SendGateOptions {
  readonly engine: StoreEngine;
  readonly db: Kysely<Database>;
  readonly globalPerSecond: number;
}

export function createSendGate(options: SendGateOptions): SendGate {
  const shared = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract =>
    new RateLimiterPostgres({
      storeClient: kyselyPgClient(options.db),
      storeType: 'client',
      tableName: 'notify_rate_limits',
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix,
      points,
      duration,
    });
  // Teams counts a call when it arrives and we when it leaves: the margin covers calls arriving closer.
  const windows = perConversationLimits.map((limit) => ({
    points: limit.points,
    windowMs: limit.seconds * 1000 + globalWindowMarginMs,
  }));
  return new SendGate(
    options.engine === 'postgres'
      ? new PostgresConversationWindows(options.db, windows)
      : new MemoryConversationWindows(windows),
    options.engine === 'postgres'
      ? [
          // Shared by the instances. Fixed windows let a full second's allowance go out at a window's end
          // and again at the next one's start; spacing calls ~1/N s apart keeps any sliding second
          // within the limit too (at the cost of the timers' lateness).
          shared('global1s', options.globalPerSecond, 1),
          shared('globalPace', 1, 1 / options.globalPerSecond),
        ]
      : [],
    [
      new SlidingWindowLog(options.globalPerSecond, 1000 + globalWindowMarginMs),
      // Spread out rather than a second's allowance at once: 50 simultaneous requests arrive jumbled and
      // spread, and some would land in Teams' previous second. A few at a time, slightly faster than N/s,
      // so a timer firing late (a busy event loop) is caught up; the window above still holds N/s.
      new SlidingWindowLog(pacingBurst, (pacingBurst * 0.9 * 1000) / options.globalPerSecond),
    ],
  );
}
