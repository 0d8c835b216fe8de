import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { Logger } from '../../logger';
import { backoffDelayMs } from '../../retry/backoff';

/** What the keys say about a key id, without ever fetching on the caller's behalf. */
export type SigningKeyLookup =
  | {
      readonly kind: 'key';
      readonly keys: JWTVerifyGetKey;
      /** Channels the key may sign for (the Bot Connector's `endorsements`); empty when it names none. */
      readonly endorsements: readonly string[];
    }
  | { readonly kind: 'unknownKey' }
  /** No keys were ever loaded: the caller answers 503 and tries again after this many seconds. */
  | { readonly kind: 'unavailable'; readonly retryAfterSeconds: number };

export interface BotSigningKeysOptions {
  /** The OpenID metadata document whose `jwks_uri` lists the keys. */
  readonly metadataUrl: string;
  readonly logger: Logger;
  /** How often the keys are fetched again while all is well (default 12 h; botbuilder: 24 h). */
  readonly refreshMs?: number;
  /** A token naming a key we do not have triggers a fetch, at most this often (default 5 min). */
  readonly unknownKeyRefreshMs?: number;
  readonly timeoutMs?: number;
}

const metadataDocument = z.looseObject({ jwks_uri: z.url() });
const keySet = z.looseObject({
  keys: z.array(
    z.looseObject({
      kty: z.string(),
      kid: z.string().min(1),
      endorsements: z.array(z.string()).optional(),
    }),
  ),
});

/** Retries after a failed fetch: 1 s doubling to a minute, in the background. */
const retryPolicy = { initialDelayMs: 1000, maxDelayMs: 60_000 };

/**
 * The Bot Connector's signing keys, held in memory and fetched in the background: at start, then every
 * `refreshMs`, sooner (at most every `unknownKeyRefreshMs`) when a token names a key we do not have, and
 * with backoff after a failure, while the keys already held stay in use. A request never waits for a
 * fetch except for the very first one at start-up, so neither forged tokens nor an outage of the
 * metadata endpoint cause a fetch per request.
 */
export class BotSigningKeys {
  private held?: { keys: JWTVerifyGetKey; endorsements: ReadonlyMap<string, readonly string[]> };
  private fetching?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private lastAttemptAt = 0;
  private failures = 0;
  private nextAttemptAt = 0;
  private stopped = false;
  private readonly log: Logger;

  constructor(private readonly options: BotSigningKeysOptions) {
    this.log = options.logger.child({ component: 'bot_auth' });
  }

  start(): void {
    void this.refresh();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.fetching;
  }

  /** The key for `kid`; before the first load completes, waits for that load (and only that one). */
  async lookup(kid: string): Promise<SigningKeyLookup> {
    if (!this.held && this.fetching && this.failures === 0) await this.fetching;
    const held = this.held;
    if (!held) {
      const seconds = Math.ceil((this.nextAttemptAt - Date.now()) / 1000);
      return { kind: 'unavailable', retryAfterSeconds: Math.min(Math.max(seconds, 1), 60) };
    }
    const endorsements = held.endorsements.get(kid);
    if (endorsements) return { kind: 'key', keys: held.keys, endorsements };
    // Keys are rolled over now and then: look again, but not for every token naming a key nobody has.
    if (Date.now() - this.lastAttemptAt >= (this.options.unknownKeyRefreshMs ?? 300_000)) void this.refresh();
    return { kind: 'unknownKey' };
  }

  private refresh(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.fetching ??= this.load().finally(() => {
      this.fetching = undefined;
    });
    return this.fetching;
  }

  private async load(): Promise<void> {
    this.lastAttemptAt = Date.now();
    clearTimeout(this.timer);
    try {
      const metadata = metadataDocument.parse(await this.fetchJson(this.options.metadataUrl));
      const jwks = keySet.parse(await this.fetchJson(metadata.jwks_uri));
      this.held = {
        keys: createLocalJWKSet(jwks as unknown as JSONWebKeySet),
        endorsements: new Map(jwks.keys.map((key) => [key.kid, key.endorsements ?? []])),
      };
      this.log.info(
        { event: 'bot_auth.keys_loaded', keys: jwks.keys.length, afterFailures: this.failures },
        'Bot Connector signing keys loaded',
      );
      this.failures = 0;
      this.schedule(this.options.refreshMs ?? 12 * 3_600_000);
    } catch (error) {
      this.failures += 1;
      const delay = backoffDelayMs(retryPolicy, this.failures);
      // Once per outage, not per retry: an operator needs to know it began (and, above, that it ended).
      if (this.failures === 1) {
        this.log.error(
          {
            event: 'bot_auth.keys_unavailable',
            url: this.options.metadataUrl,
            reason: describe(error),
            keysHeld: this.held !== undefined,
          },
          this.held
            ? 'Bot Connector keys could not be refreshed; the keys held stay in use'
            : 'Bot Connector keys could not be fetched; activities are answered 503 until they are',
        );
      }
      this.schedule(delay);
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.nextAttemptAt = Date.now() + ms;
    this.timer = setTimeout(() => void this.refresh(), ms);
    this.timer.unref();
  }

  private async fetchJson(url: string): Promise<unknown> {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status} from ${new URL(url).host}`);
    return response.json();
  }
}

function describe(error: unknown): string {
  if (error instanceof z.ZodError) return 'unexpected document shape';
  if (error instanceof Error) {
    const cause = (error.cause as { code?: unknown } | undefined)?.code;
    return typeof cause === 'string' ? `${error.message} (${cause})` : error.message;
  }
  return String(error);
}
