import { SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import { withCachedStatements } from './cached-statements';

/**
 * SQLite runs DDL inside transactions, but Kysely's adapter says it does not, so its migrator would
 * leave a half-applied migration behind after a failure. Declaring support makes the migrator wrap
 * the pending migrations and their bookkeeping in one transaction, as it does on PostgreSQL.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class TransactionalSqliteDialect extends SqliteDialect {
  constructor(database: BetterSqlite3.Database) {
    super({ database: withCachedStatements(database) });
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
