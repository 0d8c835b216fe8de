import { ExponentialBackoff, halfJitterGenerator, type IBackoff } from 'cockatiel';

/**
 * The one backoff policy for every outbound call (Teams' connector, the remote ticket service): cockatiel's
 * exponential backoff with "equal jitter" — each wait is a random point between half the ceiling and the
 * ceiling, the ceiling doubling per attempt up to a cap — so many callers do not retry in step, and no
 * retry comes back at once. Callers differ only in the numbers (docs/decisions/module-map.md).
 */
export interface BackoffPolicy {
  /** The ceiling of the first retry's wait. */
  readonly initialDelayMs: number;
  /** The ceiling never grows past this. */
  readonly maxDelayMs: number;
}

/**
 * How long to wait before retry number `attempt` (1 = the first retry); never sooner than the server's
 * Retry-After when it gave one.
 */
export function backoffDelayMs(policy: BackoffPolicy, attempt: number, retryAfterMs?: number): number {
  let backoff: IBackoff<unknown> = new ExponentialBackoff({
    generator: halfJitterGenerator,
    initialDelay: policy.initialDelayMs,
    maxDelay: policy.maxDelayMs,
  }).next();
  // The generator's state is the attempt count, and the ceiling is capped: past ~40 steps nothing changes.
  for (let step = 1; step < Math.min(Math.max(Math.trunc(attempt), 1), 40); step++) {
    backoff = backoff.next(undefined);
  }
  return Math.max(backoff.duration, retryAfterMs ?? 0);
}
