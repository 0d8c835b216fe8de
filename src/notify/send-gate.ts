import type { Kysely } from 'kysely';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { StoreEngine } from '../store/store-engine';
import type { Database } from '../store/tables';
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
   * `local` is the bot's global limit as this process counts it (exact sliding windows); `global` are
   * windows shared with other instances (PostgreSQL), none for a single instance.
   */
  constructor(
    private readonly conversation: readonly RateLimiterAbstract[],
    private readonly global: readonly RateLimiterAbstract[],
    private readonly local: readonly SlidingWindowLog[] = [],
  ) {}

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
    const taken: Array<[RateLimiterAbstract, string]> = [];
    const steps: Array<[RateLimiterAbstract, string, GateScope]> = [
      ...this.conversation.map((limiter): [RateLimiterAbstract, string, GateScope] => [
        limiter,
        conversationId,
        'conversation',
      ]),
      ...this.global.map((limiter): [RateLimiterAbstract, string, GateScope] => [limiter, 'bot', 'global']),
    ];
    for (const [limiter, key, scope] of steps) {
      try {
        await limiter.consume(key, 1);
        taken.push([limiter, key]);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        // The refused window counted the try too; give it back with the others.
        await Promise.all([...taken, [limiter, key] as const].map(([l, k]) => l.reward(k, 1)));
        for (const log of this.local) log.giveBack();
        return { ok: false, retryInMs: Math.max(rejection.msBeforeNext, 1), scope };
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
  const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract =>
    options.engine === 'postgres'
      ? new RateLimiterPostgres({
          storeClient: kyselyPgClient(options.db),
          storeType: 'client',
          tableName: 'notify_rate_limits',
          tableCreated: true,
          clearExpiredByTimeout: false,
          keyPrefix,
          points,
          duration,
        })
      : new RateLimiterMemory({ keyPrefix, points, duration });
  return new SendGate(
    perConversationLimits.map((limit) => make(`conv${limit.seconds}s`, limit.points, limit.seconds)),
    options.engine === 'postgres'
      ? [
          // Shared by the instances. Fixed windows let a full second's allowance go out at a window's end
          // and again at the next one's start; spacing calls ~1/N s apart keeps any sliding second
          // within the limit too (at the cost of the timers' lateness).
          make('global1s', options.globalPerSecond, 1),
          make('globalPace', 1, 1 / options.globalPerSecond),
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
