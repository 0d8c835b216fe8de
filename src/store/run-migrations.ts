import { Migrator, type Kysely, type Migration } from 'kysely';
import type { Logger } from '../logger';
import { migrations as storeMigrations, type StoreMigration } from './migrations';
import type { StoreEngine } from './store-engine';
import type { Database } from './tables';

/** The schema could not be brought up to date; the store must not be used. */
export class MigrationError extends Error {
  constructor(
    readonly migrationName: string | undefined,
    options: { cause: unknown },
  ) {
    // Duck-typed: better-sqlite3's SqliteError does not pass `instanceof Error` in every realm.
    const cause = options.cause as { message?: unknown } | null | undefined;
    const reason = typeof cause?.message === 'string' ? cause.message : String(options.cause);
    super(
      migrationName
        ? `Database migration ${migrationName} failed: ${reason}`
        : `Database migrations could not run: ${reason}`,
      options,
    );
    this.name = 'MigrationError';
  }
}

/**
 * Applies pending migrations in one transaction. On PostgreSQL Kysely's migrator holds an advisory lock
 * for the run, so instances starting together apply each migration once; the later ones wait, then find
 * nothing left to do.
 */
export async function runMigrations(
  db: Kysely<Database>,
  engine: StoreEngine,
  logger: Logger,
  migrations: Readonly<Record<string, StoreMigration>> = storeMigrations,
): Promise<void> {
  const provided: Record<string, Migration> = {};
  for (const [name, migration] of Object.entries(migrations)) {
    provided[name] = { up: (migrationDb) => migration.up(migrationDb, engine) };
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => provided } });
  const { error, results = [] } = await migrator.migrateToLatest();

  const failed = results.find((result) => result.status === 'Error');
  if (error !== undefined || failed) {
    // One transaction: on failure nothing of this run was kept, not even the steps that "succeeded".
    throw new MigrationError(failed?.migrationName, { cause: error });
  }
  for (const result of results) {
    logger.info({ migration: result.migrationName, engine }, 'database migration applied');
  }
  if (results.length === 0) logger.debug({ engine }, 'database schema is up to date');
}
