import { sql, type Kysely } from 'kysely';
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../../config';
import { kyselyPgClient } from '../../notify/kysely-pg-client';
import type { StoreEngine } from '../../store/store-engine';
import type { Database } from '../../store/tables';
import { LookupLimits } from './lookup-limits';

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
