import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config';
import type { Clock } from '../domain/clock';
import type { Logger } from '../logger';
import { DeliveryFailure } from './delivery-failure';
import type {
  AnyDeliverySink as AnySink,
  CallResult,
  DeliveryContext,
  DeliveryOutcome,
  DeliveryWork,
  Interruption,
} from './delivery-sink';
import type { Doorbell } from './doorbell';
import { GroupCommit } from './group-commit';
import { retryPolicy, throttleDelayMs } from './retry-policy';
import type { SendGate } from './send-gate';
import { SendSlots } from './send-slots';

export interface DeliveryEngineDeps {
  readonly sinks: readonly AnySink[];
  readonly gate: SendGate;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: Pick<Config['notify'], 'pollMs' | 'leaseSeconds' | 'batchSize'>;
  /** Rung after a commit that created work: the engine looks at once instead of at the next poll. */
  readonly doorbell: Doorbell;
  /** Names this instance's leases; unique per process by default. */
  readonly owner?: string;
}

/** What an operator or the benchmark reads about the engine. */
export interface DeliveryStats {
  /** Finished works per `sink.label`, e.g. `publisher.sent`, `support_channel.posted`. */
  readonly finished: Map<string, number>;
  /** Works given back to retry after a failure or a 429. */
  retried: number;
  /** 429 answers from the connector (metrics: security_desk_connector_throttled_total). */
  throttled: number;
  /**
   * Milliseconds between a sink's last connector answer and its finish committing: the window in which
   * a crash causes one duplicate (docs/decisions/notification-delivery.md). The last 10,000.
   */
  readonly markLagMs: number[];
}

/** Rate-limit waits up to this long are waited out holding the lease; longer ones give the work back. */
const maxInPlaceWaitMs = 3_000;

/**
 * Works are leased only as the gate will send them: what its global windows let go within this
 * horizon, less the works already in hand that have yet to make their call. A crash then leaves few
 * leased works that were not sent (they would wait for their lease), and other instances find the rest.
 */
const leaseHorizonMs = 250;

/** A claimed work while this instance has it: its sink, and what changes while it is worked on. */
interface Held {
  readonly sink: AnySink;
  readonly work: DeliveryWork;
  leaseExpiresAt: number;
  throttled: number;
}

/** How a work's attempt ended, for its lane: done (any final state) or back in the queue at `retryAt`. */
type LaneResult = { readonly done: true } | { readonly done: false; readonly retryAt: Date };

interface Finish {
  readonly held: Held;
  readonly finish: unknown;
}

/**
 * The one delivery engine: claim work from each sink with a lease → wait for room under Teams' rate limits
 * (one gate for the whole bot) → the sink sends or updates in place → mark done in a group commit. One
 * wake loop for every sink. Works are queued per lane (a publisher's chat, the support channel) and each
 * lane's go out strictly one after another while lanes run concurrently; when a work goes back to the
 * queue, the rest of its lane goes back with it, behind it, so nothing overtakes it.
 */
export class DeliveryEngine {
  readonly owner: string;
  readonly stats: DeliveryStats = { finished: new Map(), retried: 0, throttled: 0, markLagMs: [] };
  private readonly sinks: readonly AnySink[];
  private readonly log: Logger;
  private readonly slots: SendSlots;
  private readonly commits = new Map<AnySink, GroupCommit<Finish, boolean>>();
  private readonly lanes = new Map<string, Held[]>();
  private readonly held = new Map<AnySink, number>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Works inside a connector call: their slot is taken, so they no longer count against the room. */
  private calling = 0;
  private readonly sleepers = new Set<() => void>();
  private running?: Promise<void>;
  private stopping = false;
  private wakeIdle?: () => void;
  private wakePending = false;
  /** When a work this instance gave back becomes due: the loop looks again then, not a poll later. */
  private nextDueAt = Infinity;

  constructor(private readonly deps: DeliveryEngineDeps) {
    this.owner = deps.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.sinks = deps.sinks;
    this.log = deps.logger.child({ component: 'delivery', owner: this.owner });
    this.slots = new SendSlots(deps.gate);
    for (const sink of this.sinks) {
      this.held.set(sink, 0);
      this.commits.set(
        sink,
        new GroupCommit((items) =>
          sink.finishAll(
            this.owner,
            items.map(({ held, finish }) => ({ work: held.work, finish })),
            deps.clock.now(),
          ),
        ),
      );
    }
    deps.doorbell.listen(() => this.wake());
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Look for work now instead of at the next poll. */
  wake(): void {
    this.wakePending = true;
    this.wakeIdle?.();
  }

  /** How many works of `sink` finished with `label` (e.g. `count('publisher', 'sent')`). */
  count(sink: string, label: string): number {
    return this.stats.finished.get(`${sink}.${label}`) ?? 0;
  }

  /**
   * One pass without the loop (tests, and instances raced in them): claims once from every sink, delivers
   * what it claimed, and answers how many works finished. Not for use while `start()`ed.
   */
  async runOnce(): Promise<number> {
    const total = () => [...this.stats.finished.values()].reduce((sum, n) => sum + n, 0);
    const before = total();
    for (const sink of this.sinks) {
      const capacity = this.deps.settings.batchSize - (this.held.get(sink) ?? 0);
      if (capacity <= 0) continue;
      const now = this.deps.clock.now();
      const claimed = await sink.claim(this.owner, now, this.deps.settings.leaseSeconds * 1000, capacity);
      for (const work of claimed) this.enqueue(sink, work);
    }
    await Promise.allSettled([...this.inFlight]);
    return total() - before;
  }

  /** Stops claiming, cuts rate-limit waits short (those works go back to the queue) and lets sends finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeIdle?.();
    this.slots.stop();
    for (const wake of this.sleepers) wake();
    await this.running;
    await Promise.allSettled([...this.inFlight]);
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      this.wakePending = false;
      if (this.nextDueAt <= this.deps.clock.now().getTime()) this.nextDueAt = Infinity;
      let full = false;
      const inHand = [...this.held.values()].reduce((sum, n) => sum + n, 0);
      let room = this.deps.gate.roomWithin(leaseHorizonMs) - (inHand - this.calling);
      // A few at a time, not one claim per freed slot; anything when nothing is in hand.
      const worthClaiming = inHand === 0 ? 1 : Math.min(this.deps.settings.batchSize, 4);
      const roomBound = room < worthClaiming;
      for (const sink of this.sinks) {
        const capacity = Math.min(this.deps.settings.batchSize - (this.held.get(sink) ?? 0), room);
        if (capacity <= 0 || roomBound || this.stopping) continue;
        let claimed: DeliveryWork[] = [];
        try {
          claimed = await sink.claim(
            this.owner,
            this.deps.clock.now(),
            this.deps.settings.leaseSeconds * 1000,
            capacity,
          );
        } catch (error) {
          this.log.error(
            { event: 'delivery.claim_failed', sink: sink.name, err: error },
            'could not claim work',
          );
        }
        for (const work of claimed) this.enqueue(sink, work);
        room -= claimed.length;
        if (claimed.length > 0 && claimed.length === capacity) full = true;
      }
      if (this.stopping) break;
      if (full && !roomBound && room >= worthClaiming) continue;
      const untilDue = this.nextDueAt - this.deps.clock.now().getTime();
      // Bound by the gate: look again as its windows free up, not a whole poll later.
      const pollMs = roomBound || full ? leaseHorizonMs / 2 : this.deps.settings.pollMs;
      if (!this.wakePending) await this.idle(Math.max(Math.min(pollMs, untilDue), 0));
    }
  }

  /** Queues a work behind its lane's earlier ones; the lane runs until it is empty. */
  private enqueue(sink: AnySink, work: DeliveryWork): void {
    this.held.set(sink, (this.held.get(sink) ?? 0) + 1);
    const entry: Held = {
      sink,
      work,
      leaseExpiresAt: Date.parse(work.leaseExpiresAt),
      throttled: work.throttled,
    };
    const laneKey = `${sink.name}:${work.lane}`;
    const lane = this.lanes.get(laneKey);
    if (lane) {
      lane.push(entry);
      return;
    }
    this.lanes.set(laneKey, [entry]);
    const run = this.runLane(laneKey).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  private async runLane(laneKey: string): Promise<void> {
    const lane = this.lanes.get(laneKey)!;
    while (lane.length > 0) {
      const entry = lane[0]!;
      const result = this.stopping
        ? await this.giveBackQuietly(entry, this.deps.clock.now())
        : await this.attempt(entry);
      lane.shift();
      this.released(entry.sink);
      if (!result.done) {
        for (const rest of lane.splice(0)) {
          await this.giveBackQuietly(rest, result.retryAt);
          this.released(rest.sink);
        }
      }
    }
    this.lanes.delete(laneKey);
  }

  /** A work left this instance's hands: room to claim another. */
  private released(sink: AnySink): void {
    const held = (this.held.get(sink) ?? 1) - 1;
    this.held.set(sink, held);
    // Claim the next batch once half of this one is done, not one claim per finished work.
    if (held <= this.deps.settings.batchSize / 2) this.wake();
  }

  private async attempt(entry: Held): Promise<LaneResult> {
    let outcome: DeliveryOutcome<unknown>;
    try {
      outcome = await entry.sink.deliver(entry.work, this.contextFor(entry));
    } catch (error) {
      // A store error or a bug: leave the lease to expire so the work is tried again later; the lane's
      // later works wait for it the same way.
      this.log.error(
        { event: 'delivery.failed', sink: entry.sink.name, work: entry.work.key, err: error },
        'delivering a work failed',
      );
      return { done: false, retryAt: this.leaseFromNow() };
    }
    switch (outcome.kind) {
      case 'finished':
        return this.finish(entry, outcome.finish);
      case 'interrupted':
        return this.interrupted(entry, outcome.interruption);
      case 'failed':
        return this.failed(entry, outcome.failure);
    }
  }

  private async finish(entry: Held, finish: unknown): Promise<LaneResult> {
    const answered = performance.now();
    let marked: boolean;
    try {
      marked = await this.commits.get(entry.sink)!.add({ held: entry, finish });
    } catch (error) {
      this.log.error(
        { event: 'delivery.finish_failed', sink: entry.sink.name, work: entry.work.key, err: error },
        'recording a finished work failed',
      );
      return { done: false, retryAt: this.leaseFromNow() };
    }
    this.recordMarkLag(performance.now() - answered);
    if (marked) {
      const key = `${entry.sink.name}.${entry.sink.label(finish)}`;
      this.stats.finished.set(key, (this.stats.finished.get(key) ?? 0) + 1);
    }
    entry.sink.finished(entry.work, finish, marked);
    return { done: true };
  }

  private async interrupted(entry: Held, interruption: Interruption): Promise<LaneResult> {
    if (interruption.kind === 'leaseLost') {
      this.log.warn(
        { event: 'delivery.lease_lost', sink: entry.sink.name, work: entry.work.key },
        'the lease was lost; another instance has the work',
      );
      return { done: true };
    }
    return this.giveBackQuietly(entry, new Date(this.deps.clock.now().getTime() + interruption.retryInMs));
  }

  private async failed(entry: Held, failure: DeliveryFailure): Promise<LaneResult> {
    const { sink, work } = entry;
    const now = this.deps.clock.now();
    const context = { sink: sink.name, work: work.key, status: failure.status, kind: failure.kind };
    try {
      if (failure.kind === 'throttled' && entry.throttled + 1 < retryPolicy.maxThrottles) {
        const delay = throttleDelayMs(failure.retryAfterMs, entry.throttled + 1);
        const at = new Date(now.getTime() + delay);
        await sink.giveBack(work, this.owner, at, { counts: 'throttled', error: failure.message });
        this.dueAt(at);
        this.stats.retried += 1;
        this.log.warn(
          { event: 'delivery.throttled', ...context, retryInMs: delay },
          'Teams throttled; retrying later',
        );
        return { done: false, retryAt: at };
      }
      const decision = await sink.onFailure(work, failure, now);
      if (decision.kind === 'finished') return this.finish(entry, decision.finish);
      const at = new Date(now.getTime() + decision.afterMs);
      await sink.giveBack(work, this.owner, at, { counts: 'failure', error: failure.message });
      this.dueAt(at);
      this.stats.retried += 1;
      this.log.warn(
        { event: 'delivery.retry', ...context, attempts: work.attempts + 1, retryInMs: decision.afterMs },
        'delivery failed; will retry',
      );
      return { done: false, retryAt: at };
    } catch (error) {
      this.log.error({ event: 'delivery.failed', ...context, err: error }, 'recording a failure failed');
      return { done: false, retryAt: this.leaseFromNow() };
    }
  }

  private contextFor(entry: Held): DeliveryContext {
    return { call: (conversationId, invoke) => this.call(entry, conversationId, invoke) };
  }

  /**
   * One connector call within Teams' limits. A 429 whose Retry-After is short is waited out here, lease
   * held and counted on the work, so the lane's later works stay behind it; a longer one (or one past the
   * throttle limit) is answered for `failed` to give the work back.
   */
  private async call<T>(
    entry: Held,
    conversationId: string,
    invoke: () => Promise<T>,
  ): Promise<CallResult<T>> {
    for (;;) {
      const room = await this.roomFor(entry, conversationId);
      if (room) return { kind: 'interrupted', interruption: room };
      try {
        this.calling += 1;
        try {
          return { kind: 'done', value: await invoke() };
        } finally {
          this.calling -= 1;
        }
      } catch (error) {
        if (!(error instanceof DeliveryFailure)) throw error;
        if (error.kind !== 'throttled') return { kind: 'failed', failure: error };
        this.stats.throttled += 1;
        const waitMs = throttleDelayMs(error.retryAfterMs, entry.throttled + 1);
        if (waitMs > maxInPlaceWaitMs || entry.throttled + 1 >= retryPolicy.maxThrottles) {
          return { kind: 'failed', failure: error };
        }
        if (!(await entry.sink.recordThrottle(entry.work, this.owner, error.message))) {
          return { kind: 'interrupted', interruption: { kind: 'leaseLost' } };
        }
        entry.throttled += 1;
        this.stats.retried += 1;
        this.log.warn(
          { event: 'delivery.throttled', sink: entry.sink.name, work: entry.work.key, retryInMs: waitMs },
          'Teams throttled; waiting before trying again',
        );
        await this.sleep(waitMs);
      }
    }
  }

  /** Renews a lease running short and waits for room under Teams' limits; why not, when the call cannot go. */
  private async roomFor(entry: Held, conversationId: string): Promise<Interruption | undefined> {
    if (this.stopping) return { kind: 'wait', retryInMs: 0 };
    const leaseMs = this.deps.settings.leaseSeconds * 1000;
    const now = this.deps.clock.now();
    if (entry.leaseExpiresAt - now.getTime() < leaseMs / 2) {
      const renewed = await entry.sink.renew(entry.work, this.owner, now, leaseMs);
      if (!renewed) return { kind: 'leaseLost' };
      entry.leaseExpiresAt = Date.parse(renewed);
    }
    const answer = await this.slots.acquire(conversationId, maxInPlaceWaitMs);
    switch (answer.kind) {
      case 'granted':
        return undefined;
      case 'tooLong':
        return { kind: 'wait', retryInMs: answer.retryInMs };
      case 'stopped':
        return { kind: 'wait', retryInMs: 0 };
      case 'failed':
        // A store error from a shared window: like any store error, the work is tried after its lease.
        throw answer.error;
    }
  }

  private async giveBackQuietly(entry: Held, at: Date): Promise<LaneResult> {
    try {
      await entry.sink.giveBack(entry.work, this.owner, at, {});
      this.dueAt(at);
    } catch (error) {
      // The lease expires by itself; the work is claimed again then.
      this.log.error(
        { event: 'delivery.release_failed', sink: entry.sink.name, work: entry.work.key, err: error },
        'could not give a work back',
      );
    }
    return { done: false, retryAt: at };
  }

  private leaseFromNow(): Date {
    return new Date(this.deps.clock.now().getTime() + this.deps.settings.leaseSeconds * 1000);
  }

  private dueAt(at: Date): void {
    this.nextDueAt = Math.min(this.nextDueAt, at.getTime());
    if (at.getTime() - this.deps.clock.now().getTime() < this.deps.settings.pollMs) this.wakeIdle?.();
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeIdle = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeIdle = done;
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private recordMarkLag(ms: number): void {
    const lags = this.stats.markLagMs;
    if (lags.length >= 10_000) lags.shift();
    lags.push(ms);
  }
}
