import type { Kysely } from 'kysely';
import { systemClock, type Clock } from '../domain/clock';
import type { Database } from './tables';

export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

export type IdempotentOutcome =
  | { readonly kind: 'fresh'; readonly response: StoredResponse }
  | { readonly kind: 'replayed'; readonly response: StoredResponse }
  | { readonly kind: 'inProgress' }
  | { readonly kind: 'mismatch' };

// An empty response marks a key whose first request is still running.
const IN_PROGRESS = '';

/**
 * Responses remembered per Idempotency-Key: the first request with a key reserves it, runs, and stores its
 * answer; a retry with the same key gets that answer without running again. A key is bound to the request
 * it was first used for (`scope`, e.g. the method, path and caller): reusing it for another is refused.
 * Answers of 5xx are not kept, so a retry after a server failure runs again.
 */
export class IdempotentResponses {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  async run(key: string, scope: string, work: () => Promise<StoredResponse>): Promise<IdempotentOutcome> {
    const reserved = await this.db
      .insertInto('idempotency_keys')
      .values({ key, scope, response: IN_PROGRESS, created_at: this.clock.now().toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (reserved.numInsertedOrUpdatedRows !== 1n) {
      const row = await this.db
        .selectFrom('idempotency_keys')
        .select(['scope', 'response'])
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row) return this.run(key, scope, work);
      if (row.scope !== scope) return { kind: 'mismatch' };
      if (row.response === IN_PROGRESS) return { kind: 'inProgress' };
      return { kind: 'replayed', response: JSON.parse(row.response) as StoredResponse };
    }
    let response: StoredResponse;
    try {
      response = await work();
    } catch (error) {
      await this.release(key);
      throw error;
    }
    if (response.status >= 500) await this.release(key);
    else {
      await this.db
        .updateTable('idempotency_keys')
        .set({ response: JSON.stringify(response) })
        .where('key', '=', key)
        .execute();
    }
    return { kind: 'fresh', response };
  }

  /** Forgets keys older than `before` (a retry window, not an archive). */
  async purge(before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('idempotency_keys')
      .where('created_at', '<', before.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private async release(key: string): Promise<void> {
    await this.db
      .deleteFrom('idempotency_keys')
      .where('key', '=', key)
      .where('response', '=', IN_PROGRESS)
      .execute();
  }
}
