import { backoffDelayMs, type BackoffPolicy } from '../retry/backoff';

/**
 * When to try a Teams delivery again (docs/decisions/notification-delivery.md).
 * - Failures (5xx, network): the shared backoff (src/retry/backoff.ts), 2 s doubling to at most 10 min;
 *   after Config.notify.maxAttempts failures the event is a dead letter.
 * - 429: Teams' Retry-After when given (capped at an hour), else the same backoff on the throttle count.
 *   429s do not count as failures until `maxThrottles` of them, so a busy hour never dead-letters.
 */
export const retryPolicy = {
  backoff: { initialDelayMs: 2_000, maxDelayMs: 10 * 60_000 } satisfies BackoffPolicy,
  maxRetryAfterMs: 60 * 60_000,
  maxThrottles: 50,
} as const;

export function backoffMs(tries: number): number {
  return backoffDelayMs(retryPolicy.backoff, tries);
}

export function throttleDelayMs(retryAfterMs: number | undefined, throttles: number): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, 0), retryPolicy.maxRetryAfterMs);
  return backoffMs(throttles);
}
