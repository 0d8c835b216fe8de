import type { Kysely } from 'kysely';
import { compileOnce } from '../../../src/store/compile-once';
import type { Database } from '../../../src/store/tables';
import { engines, type TestDatabase } from '../../support/databases';

const writeState = compileOnce(3, (db: Kysely<Database>, key: string, document: string, at: string) =>
  db
    .insertInto('bot_state')
    .values({ key, etag: 'e', document, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ document, updated_at: at })),
);
const readState = compileOnce(1, (db: Kysely<Database>, key: string) =>
  db.selectFrom('bot_state').select(['key', 'document', 'updated_at']).where('key', '=', key),
);

describe.each(engines)('a query compiled once, on $name', (engine) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  beforeAll(async () => {
    database = await engine.create();
    db = (await database.open()).db;
  });
  afterAll(() => database.destroy());

  test('each call binds its own values to the one SQL text: what is stored and read is that call’s', async () => {
    await writeState(db, 'k/1', '{"n":1}', '2026-12-01T00:00:00.000Z');
    await writeState(db, 'k/2', '{"n":2}', '2026-12-01T00:00:01.000Z');
    const updated = await writeState(db, 'k/1', '{"n":3}', '2026-12-01T00:00:02.000Z');

    expect(updated.numAffectedRows).toBe(1n);
    expect((await readState(db, 'k/1')).rows).toEqual([
      { key: 'k/1', document: '{"n":3}', updated_at: '2026-12-01T00:00:02.000Z' },
    ]);
    expect((await readState(db, 'k/2')).rows).toEqual([
      { key: 'k/2', document: '{"n":2}', updated_at: '2026-12-01T00:00:01.000Z' },
    ]);
    expect((await readState(db, 'k/none')).rows).toEqual([]);
    // The same as the builder itself reads.
    const built = await db.selectFrom('bot_state').select(['key', 'document']).orderBy('key').execute();
    expect(built).toEqual([
      { key: 'k/1', document: '{"n":3}' },
      { key: 'k/2', document: '{"n":2}' },
    ]);
  });

  test('a build that uses an argument as anything but a value is refused before it runs', async () => {
    const asIdentifier = compileOnce(1, (d: Kysely<Database>, column: string) =>
      d.selectFrom('bot_state').select(column as 'key'),
    );
    await expect(asIdentifier(db, 'key')).rejects.toThrow(/every argument must be bound as a value/);
    const dropped = compileOnce(1, (d: Kysely<Database>, _key: string) =>
      d.selectFrom('bot_state').select('key'),
    );
    await expect(dropped(db, 'k/1')).rejects.toThrow(/every argument must be bound as a value/);
  });

  test('is built once for the database and all its transactions, and each transaction sees its own writes', async () => {
    let builds = 0;
    const insert = compileOnce(2, (d: Kysely<Database>, key: string, document: string) => {
      builds += 1;
      return d
        .insertInto('bot_state')
        .values({ key, etag: 'e', document, updated_at: '2026-12-01T00:00:00.000Z' });
    });
    const read = compileOnce(1, (d: Kysely<Database>, key: string) =>
      d.selectFrom('bot_state').select('document').where('key', '=', key),
    );
    await insert(db, 'trx/0', 'outside');
    for (const n of [1, 2]) {
      await db.transaction().execute(async (trx) => {
        await insert(trx, `trx/${n}`, `inside ${n}`);
        expect((await read(trx, `trx/${n}`)).rows).toEqual([{ document: `inside ${n}` }]);
      });
    }
    await expect(
      db.transaction().execute(async (trx) => {
        await insert(trx, 'trx/3', 'rolled back');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(builds).toBe(1);
    expect((await read(db, 'trx/2')).rows).toEqual([{ document: 'inside 2' }]);
    expect((await read(db, 'trx/3')).rows).toEqual([]);
  });
});
