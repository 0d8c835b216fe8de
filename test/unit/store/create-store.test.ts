import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createLogger } from '../../../src/logger';
import { createStore, type Store } from '../../../src/store/create-store';
import { migrations } from '../../../src/store/migrations';
import { MigrationError, runMigrations } from '../../../src/store/run-migrations';
import { engines, type TestDatabase } from '../../support/databases';
import { capturedLogger } from '../../support/log-capture';
import { ticketRow, orphanEventRow } from './ticket-row';

const MIGRATION_NAMES = Object.keys(migrations).sort();

async function appliedMigrations(store: Store): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
    store.db,
  );
  return rows.map((row) => row.name);
}

describe.each(engines)('store on $name', (engine) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await engine.create();
  });
  afterEach(async () => {
    await database.destroy();
  });

  it('creates the schema on first start and logs each migration by name', async () => {
    const { logger, lines } = capturedLogger('info');
    const store = await database.open(logger);

    expect(store.engine).toBe(engine.name);
    expect(await appliedMigrations(store)).toEqual(MIGRATION_NAMES);
    const applied = lines.filter((line) => line.msg === 'database migration applied');
    expect(applied.map((line) => line.migration)).toEqual(MIGRATION_NAMES);
    const tables = (await store.db.introspection.getTables()).map((table) => table.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'bot_state',
        'conversation_references',
        'idempotency_keys',
        'outbox',
        'ticket_events',
        'tickets',
      ]),
    );
  });

  it('starts again on an existing database without re-running migrations', async () => {
    const first = await database.open();
    await first.close();

    const { logger, lines } = capturedLogger('info');
    const second = await database.open(logger);

    expect(lines.filter((line) => line.msg === 'database migration applied')).toHaveLength(0);
    expect(await appliedMigrations(second)).toEqual(MIGRATION_NAMES);
  });

  it('keeps data across a restart', async () => {
    const first = await database.open();
    await first.db.insertInto('tickets').values(ticketRow()).execute();
    await first.close();

    const second = await database.open();
    const ticket = await second.db.selectFrom('tickets').selectAll().executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({
      confirmation_number: 'SD-7K4M-Q9PX',
      title: 'SQL injection in the admin portal',
    });
  });

  it('stores a ticket, its event and its outbox entry with the documented defaults', async () => {
    const store = await database.open();
    await store.db.insertInto('tickets').values(ticketRow()).execute();
    for (const seq of [1, 2]) {
      await store.db
        .insertInto('ticket_events')
        .values({
          id: `event-${seq}`,
          ticket_id: ticketRow().id,
          seq,
          type: seq === 1 ? 'submitted' : 'acknowledged',
          actor_kind: 'system',
          actor_id: 'security-desk',
          payload: '{}',
          created_at: '2026-11-25T10:00:00.000Z',
        })
        .execute();
      await store.db
        .insertInto('outbox')
        .values({
          event_id: `event-${seq}`,
          ticket_id: ticketRow().id,
          state: 'pending',
          next_attempt_at: '2026-11-25T10:00:00.000Z',
          created_at: '2026-11-25T10:00:00.000Z',
        })
        .execute();
    }

    const ticket = await store.db.selectFrom('tickets').selectAll().executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({
      version: 1,
      remote_state: 'local',
      priority: null,
      acknowledged_at: null,
    });
    const outbox = await store.db.selectFrom('outbox').selectAll().orderBy('id').execute();
    expect(outbox.map((row) => row.event_id)).toEqual(['event-1', 'event-2']);
    expect(outbox.map((row) => row.attempts)).toEqual([0, 0]);
    const [firstId, secondId] = outbox.map((row) => row.id);
    expect(typeof firstId).toBe('number');
    expect(secondId).toBeGreaterThan(firstId as number);
  });

  it('refuses an event for a ticket that does not exist', async () => {
    const store = await database.open();
    await expect(store.db.insertInto('ticket_events').values(orphanEventRow).execute()).rejects.toMatchObject(
      { message: expect.stringMatching(/foreign key/i) },
    );
  });

  it('refuses values outside the documented sets', async () => {
    const store = await database.open();
    await expect(
      store.db
        .insertInto('tickets')
        .values(ticketRow({ category: 'rumour' as never }))
        .execute(),
    ).rejects.toMatchObject({ message: expect.stringMatching(/check/i) });
    await expect(
      store.db
        .insertInto('tickets')
        .values(ticketRow({ remote_state: 'lost' as never }))
        .execute(),
    ).rejects.toMatchObject({ message: expect.stringMatching(/check/i) });
    expect(await store.db.selectFrom('tickets').select('id').execute()).toEqual([]);
  });

  it('counts rows as numbers on both engines', async () => {
    const store = await database.open();
    await store.db.insertInto('tickets').values(ticketRow()).execute();
    const { count } = await store.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(count).toBe(1);
  });

  it('rolls back every step of a failed migration run and names the migration', async () => {
    const store = await database.open();
    const broken = {
      ...migrations,
      '900-adds-a-table': {
        async up(db: Parameters<(typeof migrations)[string]['up']>[0]) {
          await db.schema.createTable('half_done').addColumn('id', 'text').execute();
        },
      },
      '901-fails': {
        async up(db: Parameters<(typeof migrations)[string]['up']>[0]) {
          await db.schema.createTable('bot_state').addColumn('key', 'text').execute();
        },
      },
    };

    const failure = runMigrations(store.db, store.engine, createLogger('silent'), broken);
    await expect(failure).rejects.toBeInstanceOf(MigrationError);
    await expect(failure).rejects.toThrow(/901-fails/);

    const tables = (await store.db.introspection.getTables()).map((table) => table.name);
    expect(tables).not.toContain('half_done');
    expect(await appliedMigrations(store)).toEqual(MIGRATION_NAMES);
  });

  it('can be closed twice', async () => {
    const store = await database.open();
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
  });
});

describe('store on postgres, several instances', () => {
  const postgres = engines.find((engine) => engine.name === 'postgres');
  let database: TestDatabase;
  beforeEach(async () => {
    database = await postgres!.create();
  });
  afterEach(async () => {
    await database.destroy();
  });

  it('applies each migration once when instances start together', async () => {
    const logs = [capturedLogger('info'), capturedLogger('info'), capturedLogger('info')];

    const stores = await Promise.all(logs.map(({ logger }) => database.open(logger)));

    const applied = logs.flatMap(({ lines }) =>
      lines.filter((line) => line.msg === 'database migration applied').map((line) => line.migration),
    );
    expect(applied.sort()).toEqual(MIGRATION_NAMES);
    for (const store of stores) expect(await appliedMigrations(store)).toEqual(MIGRATION_NAMES);
  });
});

describe('store start-up failures', () => {
  it('creates the SQLite data directory when it is missing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sd-store-dir-'));
    const dataDir = join(root, 'nested', 'data');
    try {
      const store = await createStore(
        { engine: 'sqlite', file: join(dataDir, 'security-desk.sqlite'), dataDir },
        createLogger('silent'),
      );
      await store.close();
      expect(statSync(join(dataDir, 'security-desk.sqlite')).isFile()).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('fails with an error when PostgreSQL cannot be reached', async () => {
    await expect(
      createStore(
        { engine: 'postgres', url: 'postgres://postgres@127.0.0.1:1/none', poolSize: 1, dataDir: tmpdir() },
        createLogger('silent'),
      ),
    ).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});
