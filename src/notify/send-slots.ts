import type { SendGate } from './send-gate';

/** What a wait for a slot ended with: a slot taken, too long a wait (give the row back), or shutting down. */
export type SlotAnswer =
  | { readonly kind: 'granted' }
  | { readonly kind: 'tooLong'; readonly retryInMs: number }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'failed'; readonly error: unknown };

interface Waiter {
  readonly conversationId: string;
  readonly maxWaitMs: number;
  readonly resolve: (answer: SlotAnswer) => void;
}

/**
 * Hands out the gate's slots first come, first served, and wakes a waiter as soon as the window that
 * refused it has room, instead of every waiter sleeping and retrying on its own (a herd at each window
 * edge, and no fairness). A waiter refused by its own conversation's windows does not hold up the others;
 * a refusal by the global window stops the round until that window frees.
 */
export class SendSlots {
  private readonly waiting: Waiter[] = [];
  private pumping = false;
  private again = false;
  private timer?: NodeJS.Timeout;
  private timerAt = Infinity;
  private stopped = false;

  constructor(
    private readonly gate: SendGate,
    private readonly now: () => number = Date.now,
  ) {}

  /** Waits for room under every limit for one call to `conversationId`, at most about `maxWaitMs`. */
  acquire(conversationId: string, maxWaitMs: number): Promise<SlotAnswer> {
    if (this.stopped) return Promise.resolve({ kind: 'stopped' });
    return new Promise((resolve) => {
      this.waiting.push({ conversationId, maxWaitMs, resolve });
      void this.pump();
    });
  }

  /** Ends every wait with 'stopped' (their rows go back to the queue). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const waiter of this.waiting.splice(0)) waiter.resolve({ kind: 'stopped' });
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        await this.round();
      } while (this.again && !this.stopped);
    } catch (error) {
      // A store error from a shared (PostgreSQL) window: the waiters' rows fail like any store error.
      for (const waiter of this.waiting.splice(0)) waiter.resolve({ kind: 'failed', error });
    } finally {
      this.pumping = false;
    }
  }

  private async round(): Promise<void> {
    let wakeAt = Infinity;
    const blockedUntil = new Map<string, number>();
    for (let i = 0; i < this.waiting.length && !this.stopped;) {
      const waiter = this.waiting[i]!;
      const blocked = blockedUntil.get(waiter.conversationId);
      if (blocked !== undefined) {
        i += 1;
        continue;
      }
      const answer = await this.gate.tryAcquire(waiter.conversationId);
      if (answer.ok) {
        this.waiting.splice(i, 1);
        waiter.resolve({ kind: 'granted' });
        continue;
      }
      if (answer.scope === 'global') {
        wakeAt = Math.min(wakeAt, this.now() + answer.retryInMs);
        break;
      }
      if (answer.retryInMs > waiter.maxWaitMs) {
        this.waiting.splice(i, 1);
        waiter.resolve({ kind: 'tooLong', retryInMs: answer.retryInMs });
        continue;
      }
      blockedUntil.set(waiter.conversationId, this.now() + answer.retryInMs);
      wakeAt = Math.min(wakeAt, this.now() + answer.retryInMs);
      i += 1;
    }
    if (this.waiting.length > 0 && wakeAt < Infinity) this.wakeAt(wakeAt);
  }

  private wakeAt(at: number): void {
    if (this.timer && this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        void this.pump();
      },
      Math.max(at - this.now(), 0),
    );
  }
}
