import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Config } from '../../src/config';
import { createLogger, type Logger } from '../../src/logger';
import { createStore, type Store } from '../../src/store/create-store';
import type { StoreEngine } from '../../src/store/store-engine';

/**
 * Fresh, isolated databases on both engines, for `describe.each(engines)`. SQLite lives in a temporary
 * directory; PostgreSQL gets a new `sd_test_<random>` database on the server at TEST_DATABASE_URL
 * (default: local trust-auth postgres), dropped afterwards.
 */

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly engine: StoreEngine;
  /** The store configuration pointing at this database. */
  readonly config: Config['store'];
  /** Opens a store on this database (the first call creates the schema; later calls "restart"). */
  open(logger?: Logger): Promise<Store>;
  /** Closes every store opened here and deletes the database. */
  destroy(): Promise<void>;
}

export interface TestEngine {
  readonly name: StoreEngine;
  create(): Promise<TestDatabase>;
}

const quietLogger = createLogger('silent');

function trackingStores(config: Config['store'], cleanUp: () => Promise<void>): TestDatabase {
  const opened: Store[] = [];
  return {
    engine: config.engine,
    config,
    async open(logger = quietLogger) {
      const store = await createStore(config, logger);
      opened.push(store);
      return store;
    },
    async destroy() {
      await Promise.all(opened.map((store) => store.close()));
      await cleanUp();
    },
  };
}

const sqlite: TestEngine = {
  name: 'sqlite',
  async create() {
    const dataDir = mkdtempSync(join(tmpdir(), 'sd-store-'));
    const config: Config['store'] = {
      engine: 'sqlite',
      file: join(dataDir, 'security-desk.sqlite'),
      dataDir,
    };
    return trackingStores(config, async () => rmSync(dataDir, { recursive: true, force: true }));
  },
};

const postgres: TestEngine = {
  name: 'postgres',
  async create() {
    const name = `sd_test_${randomBytes(6).toString('hex')}`;
    await asAdmin(async (admin) => {
      await admin.query(`create database ${name}`);
    });
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const config: Config['store'] = {
      engine: 'postgres',
      url: url.toString(),
      poolSize: 4,
      dataDir: tmpdir(),
    };
    return trackingStores(config, () =>
      asAdmin(async (admin) => {
        await admin.query(`drop database if exists ${name} with (force)`);
      }),
    );
  },
};

async function asAdmin(work: (admin: Client) => Promise<void>): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL for tests is not reachable at ${new URL(ADMIN_URL).host} (${(err as Error).message}); ` +
        'start it or set TEST_DATABASE_URL',
      { cause: err },
    );
  }
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

export const engines: readonly TestEngine[] = [sqlite, postgres];
