import { CompiledQuery, type Kysely } from 'kysely';

/**
 * The `query({ text, values })` surface RateLimiterPostgres calls, over the store's Kysely connection
 * pool, so the rate limiter shares the store's pool and its shutdown instead of opening its own.
 */
export function kyselyPgClient<DB>(db: Kysely<DB>): {
  query(q: { text: string; values?: unknown[] }): Promise<{ rows: unknown[] }>;
} {
  return {
    async query(q) {
      const result = await db.executeQuery(CompiledQuery.raw(q.text, q.values ?? []));
      return { rows: [...result.rows] };
    },
  };
}
