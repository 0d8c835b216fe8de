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
import { perConversationLimits } from './teams-rate-limits';

export type GateAnswer = { readonly ok: true } | { readonly ok: false; readonly retryInMs: number };

/**
 * Teams' rate limits (teams-rate-limits.ts) as one gate every connector call passes: each of the
 * conversation's windows and the bot's global window must have room. On PostgreSQL the windows live in
 * the shared database, so the limits hold across instances; on SQLite (one instance) in memory.
 */
export class SendGate {
  constructor(
    private readonly conversation: readonly RateLimiterAbstract[],
    private readonly global: readonly RateLimiterAbstract[],
  ) {}

  /**
   * Takes one operation from every window, or none: when a window is full, the points already taken
   * from the others are given back, so a refused call does not eat into the allowance.
   */
  async tryAcquire(conversationId: string): Promise<GateAnswer> {
    const taken: Array<[RateLimiterAbstract, string]> = [];
    const steps: Array<[RateLimiterAbstract, string]> = [
      ...this.conversation.map((limiter): [RateLimiterAbstract, string] => [limiter, conversationId]),
      ...this.global.map((limiter): [RateLimiterAbstract, string] => [limiter, 'bot']),
    ];
    for (const [limiter, key] of steps) {
      try {
        await limiter.consume(key, 1);
        taken.push([limiter, key]);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        // The refused window counted the try too; give it back with the others.
        await Promise.all([...taken, [limiter, key] as const].map(([l, k]) => l.reward(k, 1)));
        return { ok: false, retryInMs: Math.max(rejection.msBeforeNext, 1) };
      }
    }
    return { ok: true };
  }
}

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
    [
      make('global1s', options.globalPerSecond, 1),
      // Fixed windows let a full second's allowance go out at a window's end and again at the next one's
      // start; spacing calls ~1/N s apart keeps any sliding second within the limit too.
      make('globalPace', 1, 1 / options.globalPerSecond),
    ],
  );
}
