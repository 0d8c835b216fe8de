import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/tables';

/** One of Teams' per-conversation limits: at most `points` operations in any `windowMs`. */
export interface WindowLimit {
  readonly points: number;
  readonly windowMs: number;
}

export type WindowAnswer =
  /** A slot was taken in every window; `giveBack` returns it when the call is not made after all. */
  | { readonly ok: true; readonly giveBack: () => Promise<void> }
  /** `scope` 'global': the bot-wide windows refused (only windows that also count those, on PostgreSQL). */
  | { readonly ok: false; readonly retryInMs: number; readonly scope?: 'conversation' | 'global' };

/**
 * Teams' per-conversation limits counted as Teams counts them: sliding windows over the times of the
 * conversation's last calls (a fixed window lets a window's allowance go at its end and again at the next
 * one's start, and the gate then refuses what Teams would take). One log of the last calls serves every
 * window of a conversation: the call `points` back must be older than the window.
 */
export interface ConversationWindows {
  tryTake(conversationId: string): Promise<WindowAnswer>;
}

/** How long until every window has room, given the conversation's call times (newest last); 0 = now. */
export function waitForRoom(times: readonly number[], limits: readonly WindowLimit[], now: number): number {
  let wait = 0;
  for (const { points, windowMs } of limits) {
    if (times.length < points) continue;
    const freeAt = times[times.length - points]! + windowMs;
    if (freeAt > now) wait = Math.max(wait, Math.ceil(freeAt - now));
  }
  return wait;
}

/** One process's count (SQLite: one instance). Idle conversations are forgotten after the longest window. */
export class MemoryConversationWindows implements ConversationWindows {
  private readonly logs = new Map<string, number[]>();
  private readonly longest: number;
  private readonly keep: number;
  private lastSweep: number;

  constructor(
    private readonly limits: readonly WindowLimit[],
    private readonly now: () => number = () => performance.now(),
  ) {
    ({ longest: this.longest, keep: this.keep } = windowSpan(limits));
    this.lastSweep = now();
  }

  async tryTake(conversationId: string): Promise<WindowAnswer> {
    const now = this.now();
    this.sweep(now);
    const times = this.logs.get(conversationId) ?? [];
    const wait = waitForRoom(times, this.limits, now);
    if (wait > 0) return { ok: false, retryInMs: wait };
    times.push(now);
    if (times.length > this.keep) times.splice(0, times.length - this.keep);
    this.logs.set(conversationId, times);
    return {
      ok: true,
      giveBack: async () => {
        const index = times.lastIndexOf(now);
        if (index >= 0) times.splice(index, 1);
      },
    };
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.longest) return;
    this.lastSweep = now;
    for (const [id, times] of this.logs) {
      if ((times.at(-1) ?? -Infinity) <= now - this.longest) this.logs.delete(id);
    }
  }
}

/** Where the bot-wide windows keep their call times in `notify_send_log`: no Teams conversation id has a space. */
const BOT_WIDE_KEY = 'bot-wide sends';

/**
 * Shared by every instance on PostgreSQL: the calls' times in `notify_send_log`, read and appended under
 * a transaction-scoped advisory lock on the conversation, so two instances never both take its last slot.
 * With `botWide` windows, the bot's global limit is counted there too, under a lock of its own, in the
 * same call: one round trip for the whole gate, through the `notify_take_slots` function (migration 015),
 * which applies the same rule as `waitForRoom` to each. Times are the instances' wall clocks (kept in step
 * by NTP; the windows carry a margin for the rest).
 */
export class PostgresConversationWindows implements ConversationWindows {
  private readonly conversation: SqlWindows;
  private readonly botWide: SqlWindows;

  constructor(
    private readonly db: Kysely<Database>,
    limits: readonly WindowLimit[],
    private readonly now: () => number = Date.now,
    botWide: readonly WindowLimit[] = [],
  ) {
    this.conversation = sqlWindows(limits);
    this.botWide = sqlWindows(botWide);
  }

  async tryTake(conversationId: string): Promise<WindowAnswer> {
    const now = Math.floor(this.now());
    const { conversation: c, botWide: b } = this;
    const { rows } = await sql<{ slots: Array<string | number> | null }>`
      select notify_take_slots(
        ${conversationId}, ${now}, ${c.longest}, ${c.keep}, ${c.points}::integer[], ${c.windows}::bigint[],
        ${BOT_WIDE_KEY}, ${b.longest}, ${b.keep}, ${b.points}::integer[], ${b.windows}::bigint[]
      ) as slots
    `.execute(this.db);
    const [first, second] = (rows[0]?.slots ?? []).map(Number);
    if (first === undefined || second === undefined || !Number.isFinite(first) || first === 0)
      throw new Error('notify_take_slots answered no slot');
    if (first < 0) return { ok: false, retryInMs: -first, scope: second === 2 ? 'global' : 'conversation' };
    const taken = second > 0 ? [first, second] : [first];
    return {
      ok: true,
      giveBack: async () => {
        await this.db.deleteFrom('notify_send_log').where('id', 'in', taken).execute();
      },
    };
  }
}

interface SqlWindows {
  readonly longest: number;
  readonly keep: number;
  readonly points: readonly number[];
  readonly windows: readonly number[];
}

/** How far back a log must look (the longest window) and how many call times it must keep (the most points). */
function windowSpan(limits: readonly WindowLimit[]): { longest: number; keep: number } {
  return {
    longest: Math.max(0, ...limits.map((limit) => limit.windowMs)),
    keep: Math.max(0, ...limits.map((limit) => limit.points)),
  };
}

function sqlWindows(limits: readonly WindowLimit[]): SqlWindows {
  const { longest, keep } = windowSpan(limits);
  return {
    longest: Math.ceil(longest),
    keep,
    points: limits.map((limit) => limit.points),
    windows: limits.map((limit) => Math.ceil(limit.windowMs)),
  };
}
