import type { Kysely } from 'kysely';
import type { StoreEngine } from '../store/store-engine';
import type { Database } from '../store/tables';
import {
  MemoryConversationWindows,
  PostgresConversationWindows,
  type ConversationWindows,
  type WindowLimit,
} from './conversation-windows';
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
   * `conversation` counts each chat's windows (sliding, as Teams counts them) and, on PostgreSQL, the
   * bot's global windows shared with the other instances in the same round trip; `local` is the bot's
   * global limit as this process counts it (the same sliding windows, no I/O).
   */
  constructor(
    private readonly conversation: ConversationWindows,
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
      return {
        ok: false,
        retryInMs: Math.max(inConversation.retryInMs, 1),
        scope: inConversation.scope ?? 'conversation',
      };
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

/**
 * The bot's global windows: N calls in any second (plus the margin), and pacing. Spread out rather than a
 * second's allowance at once: 50 simultaneous requests arrive jumbled and spread, and some would land in
 * Teams' previous second. A few at a time, slightly faster than N/s, so a timer firing late (a busy event
 * loop) is caught up; the first window still holds N/s.
 */
function botWideLimits(globalPerSecond: number): WindowLimit[] {
  return [
    { points: globalPerSecond, windowMs: 1000 + globalWindowMarginMs },
    { points: pacingBurst, windowMs: (pacingBurst * 0.9 * 1000) / globalPerSecond },
  ];
}

export function createSendGate(options: SendGateOptions): SendGate {
  // Teams counts a call when it arrives and we when it leaves: the margin covers calls arriving closer.
  const windows = perConversationLimits.map((limit) => ({
    points: limit.points,
    windowMs: limit.seconds * 1000 + globalWindowMarginMs,
  }));
  const botWide = botWideLimits(options.globalPerSecond);
  return new SendGate(
    options.engine === 'postgres'
      ? // The instances' sum holds too: the same bot-wide windows, shared, in the conversation's round trip.
        new PostgresConversationWindows(options.db, windows, Date.now, botWide)
      : new MemoryConversationWindows(windows),
    // This process's own count first: it refuses most often, and costs no I/O.
    botWide.map((limit) => new SlidingWindowLog(limit.points, limit.windowMs)),
  );
}
