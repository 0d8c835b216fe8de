import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import { Pool, types } from 'pg';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { BackgroundCheckpoints, BACKSTOP_PAGES } from './background-checkpoints';
import { runMigrations } from './run-migrations';
import { TransactionalSqliteDialect } from './sqlite-dialect';
import type { StoreEngine } from './store-engine';
import type { Database } from './tables';

export { isUniqueViolation, type UniqueTarget } from './is-unique-violation';

export interface Store {
  readonly db: Kysely<Database>;
  readonly engine: StoreEngine;
  /** SQLite: the WAL's checkpoints, run on a worker thread instead of the event loop (`close` stops them). */
  readonly checkpoints?: Pick<BackgroundCheckpoints, 'next'>;
  /** Closes the connection(s); calling it again is harmless. */
  close(): Promise<void>;
}

const PG_INT8_OID = 20;

/**
 * Opens the configured database and brings its schema up to date. Fails (and closes what it opened)
 * when the database cannot be reached or a migration fails.
 */
export async function createStore(config: Config['store'], logger: Logger): Promise<Store> {
  const { db, checkpoints } =
    config.engine === 'sqlite'
      ? openSqlite(config.file, config.dataDir, logger)
      : { db: openPostgres(config, logger), checkpoints: undefined };
  const destroy = async () => {
    await db.destroy();
    await checkpoints?.stop();
  };
  try {
    await runMigrations(db, config.engine, logger);
  } catch (err) {
    await destroy();
    throw err;
  }
  checkpoints?.start();
  logger.info(
    config.engine === 'sqlite' ? { engine: 'sqlite', file: config.file } : { engine: 'postgres' },
    'store opened',
  );

  let closing: Promise<void> | undefined;
  return {
    db,
    engine: config.engine,
    ...(checkpoints ? { checkpoints } : {}),
    close: () => (closing ??= destroy()),
  };
}

function openSqlite(
  file: string,
  dataDir: string,
  logger: Logger,
): { db: Kysely<Database>; checkpoints: BackgroundCheckpoints } {
  let database: BetterSqlite3.Database;
  try {
    mkdirSync(dataDir, { recursive: true });
    mkdirSync(dirname(file), { recursive: true });
    database = new BetterSqlite3(file);
  } catch (err) {
    throw new Error(`Cannot open the SQLite database at ${file}: ${(err as Error).message}`, { cause: err });
  }
  // WAL lets readers run beside the writer; the busy timeout rides out another connection's write.
  database.pragma('journal_mode = WAL');
  // WAL's usual pairing: a commit survives the process being killed (kill -9 loses nothing) but not a
  // power cut in its last moment; FULL would fsync every commit, and better-sqlite3 blocks the event loop
  // while it does (docs/decisions/store-sqlite-and-postgresql.md). Deployments that need more run PostgreSQL.
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  // Off by default in SQLite; the schema relies on it (ticket_events → tickets, outbox → ticket_events).
  database.pragma('foreign_keys = ON');
  // Checkpoints run on a worker thread (background-checkpoints.ts); this connection's own is a backstop.
  database.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const pageSize = Number(database.pragma('page_size', { simple: true }));
  return {
    db: new Kysely<Database>({ dialect: new TransactionalSqliteDialect(database) }),
    checkpoints: new BackgroundCheckpoints(file, pageSize, logger),
  };
}

function openPostgres(
  config: Extract<Config['store'], { engine: 'postgres' }>,
  logger: Logger,
): Kysely<Database> {
  const pool = new Pool({
    connectionString: config.url,
    max: config.poolSize,
    application_name: 'security-desk',
    // COUNT(*) and other bigint results come back as numbers, as they do from SQLite.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === PG_INT8_OID && format !== 'binary'
          ? (value: string) => Number(value)
          : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
    },
  });
  // Without a listener, an idle client's network error would crash the process.
  pool.on('error', (err) => logger.error({ error: err.message }, 'idle PostgreSQL connection failed'));
  // The pool listens only while a client is idle: one checked out (between a transaction's statements)
  // whose connection drops would emit 'error' unheard and crash the process. Its next query fails anyway.
  pool.on('connect', (client) =>
    client.on('error', (err) =>
      logger.warn({ error: err.message }, 'PostgreSQL connection failed while in use'),
    ),
  );
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
