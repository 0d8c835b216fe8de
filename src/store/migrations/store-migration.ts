import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { StoreEngine } from '../store-engine';

/**
 * A forward-only schema change. It receives the engine so the few statements whose SQL differs
 * (identity columns, collations) can branch; everything else uses Kysely's portable schema builder.
 */
export interface StoreMigration {
  up(db: Kysely<unknown>, engine: StoreEngine): Promise<void>;
}

/**
 * ISO-8601 timestamps are compared as text. SQLite compares bytes; PostgreSQL would use the database's
 * locale collation, so timestamp columns take the byte-order "C" collation there.
 */
export function timestampType(engine: StoreEngine): RawBuilder<unknown> {
  return engine === 'postgres' ? sql`text collate "C"` : sql`text`;
}
