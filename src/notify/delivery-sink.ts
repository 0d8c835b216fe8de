import type { DeliveryFailure } from './delivery-failure';

/** A unit of work a sink claimed under a lease. */
export interface DeliveryWork {
  /** Names the work in logs, e.g. `outbox:12`. */
  readonly key: string;
  /** Works of one lane go out one after another in claim order (one publisher's chat, one channel). */
  readonly lane: string;
  /** Failed tries so far (5xx, network). */
  readonly attempts: number;
  /** 429s so far, counted apart from failures. */
  readonly throttled: number;
  readonly leaseExpiresAt: string;
}

/** Why a connector call was not made: no room under Teams' limits soon enough (or stopping), or the lease went. */
export type Interruption =
  { readonly kind: 'wait'; readonly retryInMs: number } | { readonly kind: 'leaseLost' };

/** How one connector call through the engine went. */
export type CallResult<T> =
  | { readonly kind: 'done'; readonly value: T }
  | { readonly kind: 'failed'; readonly failure: DeliveryFailure }
  | { readonly kind: 'interrupted'; readonly interruption: Interruption };

/** What a sink gets from the engine while it delivers one work. */
export interface DeliveryContext {
  /**
   * One connector call within Teams' limits, the lease renewed when it runs short. A 429 with a short
   * Retry-After is waited out here, lease held; anything else comes back as the result.
   */
  call<T>(conversationId: string, invoke: () => Promise<T>): Promise<CallResult<T>>;
}

/** What one attempt of a sink ended with; `finished` is committed by the engine with others at once. */
export type DeliveryOutcome<F> =
  { readonly kind: 'finished'; readonly finish: F } | Exclude<CallResult<never>, { kind: 'done' }>;

/** What a failure (other than a 429 that is retried) leads to; the sink decides. */
export type FailureDecision<F> =
  { readonly kind: 'retry'; readonly afterMs: number } | { readonly kind: 'finished'; readonly finish: F };

/** How a work goes back to its queue: a local wait, or a retry that counts a failure or a 429. */
export interface GiveBack {
  readonly counts?: 'failure' | 'throttled';
  readonly error?: string;
}

/**
 * One kind of delivery the engine runs (docs/decisions/module-map.md): the publisher's chat (ticket
 * notifications and status cards) and support's channel (triage cards). A sink knows its queue and what
 * to send; the engine owns claiming, lanes, Teams' rate limits, 429s, leases and the group commit.
 */
export interface DeliverySink<W extends DeliveryWork, F> {
  readonly name: string;
  claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<W[]>;
  deliver(work: W, context: DeliveryContext): Promise<DeliveryOutcome<F>>;
  /** A failure that is not a 429 being retried (or a 429 past the throttle limit). */
  onFailure(work: W, failure: DeliveryFailure, now: Date): Promise<FailureDecision<F>>;
  /** Several works' final marks in one commit, each only while `owner` holds its lease. */
  finishAll(owner: string, items: ReadonlyArray<{ work: W; finish: F }>, now: Date): Promise<boolean[]>;
  giveBack(work: W, owner: string, at: Date, how: GiveBack): Promise<boolean>;
  /** Extends the lease; the new expiry, or undefined when it was lost. */
  renew(work: W, owner: string, now: Date, leaseMs: number): Promise<string | undefined>;
  /** A 429 waited out holding the lease, counted like one that gave the work back. */
  recordThrottle(work: W, owner: string, error: string): Promise<boolean>;
  /** A short word for the finish, counted in the engine's stats (`sent`, `skipped`, `dead`, `posted`…). */
  label(finish: F): string;
  /** After the finish was committed (`marked`) or found the lease lost: the one log line. */
  finished(work: W, finish: F, marked: boolean): void;
}

/** Sinks of different work and finish types side by side; the engine hands each only its own works. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDeliverySink = DeliverySink<any, any>;
