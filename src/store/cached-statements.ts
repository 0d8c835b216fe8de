import type { SqliteDatabase, SqliteStatement } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';

/** Distinct SQL texts kept compiled; the app has a few dozen, so this bounds only what it never needs. */
const MAX_STATEMENTS = 500;

/**
 * The database as Kysely's SQLite driver sees it, with each SQL text compiled once: the driver calls
 * `prepare` for every query, and SQLite's compile was ~6 % of a turn's CPU (docs/decisions/turn-performance.md).
 * A statement still iterating (a streamed select) is busy, so that query gets a fresh one.
 */
export function withCachedStatements(database: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare: (sql: string): SqliteStatement => {
      const cached = statements.get(sql);
      if (cached && !cached.busy) return cached as unknown as SqliteStatement;
      const statement = database.prepare(sql);
      if (!cached) {
        // Oldest first: Map keeps insertion order.
        if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement as unknown as SqliteStatement;
    },
  };
}
