/**
 * Why a connector call failed, in the notifier's terms (the bot layer turns SDK errors into these):
 * - throttled: 429; retry after `retryAfterMs` when Teams said, else back off with jitter;
 * - transient: 5xx, 412, a network error or a timeout; retry with backoff up to the attempt limit;
 * - gone: 403/404 for the conversation (bot uninstalled or blocked, chat deleted); never retried;
 * - rejected: any other 4xx; the request itself is wrong, so retrying cannot help.
 */
export type DeliveryFailureKind = 'throttled' | 'transient' | 'gone' | 'rejected';

export class DeliveryFailure extends Error {
  constructor(
    readonly kind: DeliveryFailureKind,
    readonly status: number | undefined,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryFailure';
  }
}

/** Maps an HTTP status (or none, for a network error) to what the notifier does about it. */
export function failureKindOf(status: number | undefined): DeliveryFailureKind {
  if (status === undefined) return 'transient';
  if (status === 429) return 'throttled';
  if (status === 403 || status === 404) return 'gone';
  // Teams' rate-limit page also asks for retries of 412, 502 and 504; 408 is a timeout.
  if (status >= 500 || status === 412 || status === 408) return 'transient';
  return 'rejected';
}
