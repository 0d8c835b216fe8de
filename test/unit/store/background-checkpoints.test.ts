import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createLogger } from '../../../src/logger';
import { BackgroundCheckpoints, BACKSTOP_PAGES } from '../../../src/store/background-checkpoints';
import { createStore, type Store } from '../../../src/store/create-store';
import { capturedLogger } from '../../support/log-capture';

const quiet = createLogger('silent');

describe('SQLite checkpoints off the event loop', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'security-desk-checkpoints-'));
    store = await createStore(
      { engine: 'sqlite', file: join(dir, 'desk.sqlite'), dataDir: dir } as never,
      quiet,
    );
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = async (documents: number) => {
    const body = 'x'.repeat(64 * 1024);
    for (let i = 0; i < documents; i++) {
      await store.db
        .insertInto('bot_state')
        .values({
          key: `doc-${i}-${Math.random()}`,
          etag: '1',
          document: body,
          updated_at: new Date().toISOString(),
        })
        .execute();
    }
  };

  test('the committing connection checkpoints only as a backstop; a worker copies the WAL back once it has grown', async () => {
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store.db);
    expect(rows[0]?.wal_autocheckpoint).toBe(BACKSTOP_PAGES);
    // ~6 MB of documents: past the 1,000 pages (4 MB) from which the worker starts.
    await write(96);
    const done = await store.checkpoints!.next();
    expect(done.log).toBeGreaterThanOrEqual(1000);
    expect(done.checkpointed).toBe(done.log);
    // What the worker copied is in the database file itself, not only in the WAL.
    expect(statSync(join(dir, 'desk.sqlite')).size).toBeGreaterThan(6_000_000);
    const { rows: count } = await sql<{ n: number }>`select count(*) as n from bot_state`.execute(store.db);
    expect(Number(count[0]?.n)).toBe(96);
  }, 30_000);

  test('everything written is there after a close and a reopen, checkpointed or not', async () => {
    await write(80);
    await store.checkpoints!.next();
    await write(5);
    await store.close();
    store = await createStore(
      { engine: 'sqlite', file: join(dir, 'desk.sqlite'), dataDir: dir } as never,
      quiet,
    );
    const { rows } = await sql<{ n: number }>`select count(*) as n from bot_state`.execute(store.db);
    expect(Number(rows[0]?.n)).toBe(85);
  }, 30_000);

  test('a worker that cannot open the database is logged and leaves the checkpoints to the connection', async () => {
    // A WAL past the threshold beside a "database" that is a directory: the worker's connection cannot open it.
    const file = join(dir, 'not-a-database');
    mkdirSync(file);
    writeFileSync(`${file}-wal`, Buffer.alloc(4096 * 1000 + 1));
    const { logger, lines } = capturedLogger();
    const checkpoints = new BackgroundCheckpoints(file, 4096, logger);
    checkpoints.start();
    await expect(checkpoints.next()).rejects.toThrow(/SQLITE_CANTOPEN/);
    const logged = lines.filter((line) => line.event === 'sqlite.checkpoint_worker_failed');
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged[0]?.err)).toContain('SQLITE_CANTOPEN');
    await checkpoints.stop();
  }, 30_000);
});
