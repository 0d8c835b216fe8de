import { CompiledQuery, sql, type Kysely } from 'kysely';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Config } from '../../config';
import { kyselyPgClient } from '../../notify/kysely-pg-client';
import type { StoreEngine } from '../../store/store-engine';
import type { Database } from '../../store/tables';
import { LookupLimits, type TakeAll } from './lookup-limits';

export interface LookupLimitsStore {
  readonly limits: LookupLimits;
  /** Deletes windows that ended more than an hour ago (PostgreSQL; memory forgets by itself). */
  purge(): Promise<void>;
}

/**
 * The look-up limits for this deployment: per minute, in memory on SQLite (one instance), and in the
 * `lookup_limits` table on PostgreSQL (migration 010) through the store's own pool, so every instance
 * counts against one allowance and the limits close with the store.
 */
export function createLookupLimits(
  settings: Config['lookups'],
  store: { readonly engine: StoreEngine; readonly db: Kysely<Database> },
): LookupLimitsStore {
  const limiter = (keyPrefix: string, points: number): RateLimiterAbstract =>
    store.engine === 'postgres'
      ? new RateLimiterPostgres({
          storeClient: kyselyPgClient(store.db),
          storeType: 'client',
          tableName: 'lookup_limits',
          tableCreated: true,
          clearExpiredByTimeout: false,
          keyPrefix,
          points,
          duration: 60,
        })
      : new RateLimiterMemory({ keyPrefix, points, duration: 60 });
  const limits = new LookupLimits({
    user: limiter('lookup_user', settings.perUserPerMinute),
    tenant: limiter('lookup_tenant', settings.perTenantPerMinute),
    unknownUser: limiter('unknown_user', settings.unknownPerUserPerMinute),
    unknownTenant: limiter('unknown_tenant', settings.unknownPerTenantPerMinute),
    ...(store.engine === 'postgres' ? { takeAll: takeInOneStatement(store.db) } : {}),
    points: {
      user: settings.perUserPerMinute,
      tenant: settings.perTenantPerMinute,
      unknownUser: settings.unknownPerUserPerMinute,
      unknownTenant: settings.unknownPerTenantPerMinute,
    },
  });
  return {
    limits,
    async purge() {
      if (store.engine !== 'postgres') return;
      await sql`delete from lookup_limits where expire < ${Date.now() - 3_600_000}`.execute(store.db);
    },
  };
}

/**
 * Every allowance of a look-up in one statement on PostgreSQL (a multi-row upsert; a look-up takes two,
 * and each statement is a round trip): the rows and the arithmetic are RateLimiterPostgres' own (its
 * `_upsert`: a window's count restarts once its expiry has passed), so its `reward` and the purge work on
 * them, and instances of the previous release count against the same rows during a rolling deploy.
 */
function takeInOneStatement(db: Kysely<Database>): TakeAll {
  const statements = new Map<number, string>();
  const statementFor = (count: number): string => {
    let text = statements.get(count);
    if (!text) {
      const rows = Array.from({ length: count }, (_, i) => `($${2 * i + 2}, 1, $${2 * i + 3})`).join(', ');
      text = `insert into lookup_limits (key, points, expire) values ${rows}
        on conflict (key) do update set
          points = case when lookup_limits.expire <= $1 then excluded.points
                        else lookup_limits.points + excluded.points end,
          expire = case when lookup_limits.expire <= $1 then excluded.expire else lookup_limits.expire end
        returning key, points, expire`;
      statements.set(count, text);
    }
    return text;
  };
  return async (takes) => {
    const now = Date.now();
    const keys = takes.map(({ limiter, key }) => limiter.getKey(key));
    const values = takes.flatMap(({ limiter }, i) => [keys[i], now + limiter.duration * 1000]);
    const { rows } = await db.executeQuery<{ key: string; points: number; expire: string | number | null }>(
      CompiledQuery.raw(statementFor(takes.length), [now, ...values]),
    );
    return takes.map(({ limiter }, i) => {
      const row = rows.find((candidate) => candidate.key === keys[i]);
      if (!row) throw new Error(`look-up limits: no count came back for ${keys[i]}`);
      const msBeforeNext = row.expire === null ? -1 : Math.max(Number(row.expire) - Date.now(), 0);
      return new RateLimiterRes(
        Math.max(limiter.points - row.points, 0),
        msBeforeNext,
        row.points,
        row.points === 1,
      );
    });
  };
}
