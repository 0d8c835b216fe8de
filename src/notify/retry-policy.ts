/**
 * When to try a notification again (docs/decisions/notification-delivery.md).
 * - Failures (5xx, network): exponential backoff with full jitter, 2 s doubling to at most 10 min; after
 *   Config.notify.maxAttempts failures the event is a dead letter.
 * - 429: Teams' Retry-After when given (capped at an hour), else the same backoff on the throttle count.
 *   429s do not count as failures until `maxThrottles` of them, so a busy hour never dead-letters.
 */
export const retryPolicy = {
  baseMs: 2_000,
  maxBackoffMs: 10 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
  maxThrottles: 50,
} as const;

/** Random in [0, 1), injectable for tests. */
export type Random = () => number;

export function backoffMs(tries: number, random: Random): number {
  const ceiling = Math.min(retryPolicy.baseMs * 2 ** Math.max(tries - 1, 0), retryPolicy.maxBackoffMs);
  // "Full jitter": anywhere from half the ceiling to the ceiling, so retries of many rows spread out.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function throttleDelayMs(retryAfterMs: number | undefined, throttles: number, random: Random): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, 0), retryPolicy.maxRetryAfterMs);
  return backoffMs(throttles, random);
}
