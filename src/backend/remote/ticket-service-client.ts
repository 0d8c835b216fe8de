import type { Logger } from '../../logger';
import { backoffDelayMs } from '../../retry/backoff';
import { parseRetryAfter } from '../../retry/parse-retry-after';
import type { TokenSource } from './create-token-source';

export interface TicketServiceClientOptions {
  readonly baseUrl: string;
  readonly tokens: TokenSource;
  /** Per attempt. */
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly logger: Logger;
  /** Waits between attempts; tests record the delays instead of sleeping. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
  readonly fetch?: typeof fetch;
}

export interface ServiceResponse {
  readonly status: number;
  readonly body: unknown;
}

/** The service could not be reached, or kept failing (5xx/429) through every attempt. */
export class TicketServiceUnavailableError extends Error {
  constructor(
    message: string,
    readonly lastStatus?: number,
  ) {
    super(message);
    this.name = 'TicketServiceUnavailableError';
  }
}

const retryableStatuses = new Set([408, 429, 500, 502, 503, 504]);
/** A Retry-After longer than this is not waited out in a request; the caller keeps the work for later. */
const longestRetryAfterMs = 60_000;
/** Retries within one request: quick, since a publisher may be waiting on the answer. */
const requestBackoff = { initialDelayMs: 200, maxDelayMs: 10_000 } as const;

/**
 * JSON over HTTP to the remote ticket service, with a bearer token, a timeout per attempt, and retries
 * with backoff and jitter on network errors, timeouts, 429 and 5xx (honouring Retry-After). Requests that
 * change something carry an Idempotency-Key, the same on every attempt, so a retry never files twice.
 * Other answers (2xx, 4xx) are returned as they are.
 */
export class TicketServiceClient {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: TicketServiceClientOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async request(
    method: 'GET' | 'POST',
    path: string,
    init: {
      body?: unknown;
      idempotencyKey?: string;
      query?: Record<string, string>;
      maxAttempts?: number;
    } = {},
  ): Promise<ServiceResponse> {
    const url = new URL(
      path.replace(/^\//, ''),
      this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`,
    );
    for (const [key, value] of Object.entries(init.query ?? {})) url.searchParams.set(key, value);
    const attempts = Math.max(1, init.maxAttempts ?? this.options.maxAttempts);
    const doFetch = this.options.fetch ?? fetch;
    let refreshedToken = false;
    let lastProblem = 'no attempt made';
    let lastStatus: number | undefined;

    for (let attempt = 1; attempt <= attempts; attempt++) {
      let retryAfterMs: number | undefined;
      try {
        const token = await this.options.tokens.getToken();
        const response = await doFetch(url, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(init.idempotencyKey ? { 'idempotency-key': init.idempotencyKey } : {}),
          },
          ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        const body = await readJson(response);
        // One fresh token after a 401: a cached token may have been revoked or rotated early.
        if (response.status === 401 && !refreshedToken) {
          refreshedToken = true;
          await this.options.tokens.getToken({ refresh: true });
          attempt -= 1;
          continue;
        }
        if (!retryableStatuses.has(response.status)) return { status: response.status, body };
        lastStatus = response.status;
        lastProblem = `HTTP ${response.status}`;
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.now());
      } catch (err) {
        lastStatus = undefined;
        lastProblem = describeFailure(err);
      }
      if (attempt === attempts) break;
      if (retryAfterMs !== undefined && retryAfterMs > longestRetryAfterMs) {
        lastProblem += ` (asked to wait ${Math.round(retryAfterMs / 1000)} s)`;
        break;
      }
      const delay = backoffDelayMs(requestBackoff, attempt, retryAfterMs);
      this.options.logger.warn(
        {
          event: 'remote_backend.retry',
          method,
          path: url.pathname,
          attempt,
          problem: lastProblem,
          delayMs: delay,
        },
        'ticket service request failed; retrying',
      );
      await this.sleep(delay);
    }
    throw new TicketServiceUnavailableError(`ticket service unreachable: ${lastProblem}`, lastStatus);
  }

  private now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describeFailure(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError') return 'timed out';
    const cause = (err as { cause?: { code?: unknown } }).cause;
    return typeof cause?.code === 'string' ? `${err.message} (${cause.code})` : err.message;
  }
  return 'unknown failure';
}
