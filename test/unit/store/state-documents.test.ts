import { Client } from 'pg';
import type { Config } from '../../../src/config';
import { EtagConflictError } from '../../../src/store/etag-conflict-error';
import { StateDocuments } from '../../../src/store/state-documents';
import { engines, type TestDatabase } from '../../support/databases';
import { FixedClock } from '../../support/fixed-clock';

const DIALOG_KEY = 'msteams/conversations/a:personal-1/';
const USER_KEY = 'msteams/users/29:user-1/';

describe.each(engines)('bot state documents on $name', (engine) => {
  let database: TestDatabase;
  let documents: StateDocuments;
  beforeEach(async () => {
    database = await engine.create();
    documents = new StateDocuments((await database.open()).db, new FixedClock());
  });
  afterEach(async () => {
    await database.destroy();
  });

  async function stored(key: string) {
    return (await documents.read([key])).get(key);
  }

  it('reads back what was written, with the eTag the write returned', async () => {
    const document = { dialogStack: [{ id: 'report', state: { step: 2, answers: ['Привет', '✓'] } }] };
    const etags = await documents.write([{ key: DIALOG_KEY, document }]);

    expect(await stored(DIALOG_KEY)).toEqual({ document, etag: etags.get(DIALOG_KEY) });
  });

  it('leaves keys that were never written out of the result', async () => {
    await documents.write([{ key: DIALOG_KEY, document: { a: 1 } }]);

    const found = await documents.read([DIALOG_KEY, USER_KEY]);
    expect([...found.keys()]).toEqual([DIALOG_KEY]);
    expect(await documents.read([])).toEqual(new Map());
  });

  it('accepts a write that names the current eTag and issues a new one', async () => {
    const first = (await documents.write([{ key: DIALOG_KEY, document: { step: 1 } }])).get(DIALOG_KEY);

    const second = (await documents.write([{ key: DIALOG_KEY, document: { step: 2 }, etag: first }])).get(
      DIALOG_KEY,
    );

    expect(second).toEqual(expect.any(String));
    expect(second).not.toBe(first);
    expect(await stored(DIALOG_KEY)).toEqual({ document: { step: 2 }, etag: second });
  });

  it('refuses a write with a stale eTag and keeps the stored document', async () => {
    const stale = (await documents.write([{ key: DIALOG_KEY, document: { step: 1 } }])).get(DIALOG_KEY);
    const current = (await documents.write([{ key: DIALOG_KEY, document: { step: 2 }, etag: stale }])).get(
      DIALOG_KEY,
    );

    const conflict = documents.write([{ key: DIALOG_KEY, document: { step: 'lost update' }, etag: stale }]);

    await expect(conflict).rejects.toBeInstanceOf(EtagConflictError);
    await expect(conflict).rejects.toMatchObject({ key: DIALOG_KEY });
    expect(await stored(DIALOG_KEY)).toEqual({ document: { step: 2 }, etag: current });
  });

  it("overwrites whatever is stored when the eTag is '*', empty or absent", async () => {
    await documents.write([{ key: DIALOG_KEY, document: { step: 1 } }]);

    await documents.write([{ key: DIALOG_KEY, document: { step: 2 }, etag: '*' }]);
    expect((await stored(DIALOG_KEY))?.document).toEqual({ step: 2 });
    await documents.write([{ key: DIALOG_KEY, document: { step: 3 }, etag: '' }]);
    expect((await stored(DIALOG_KEY))?.document).toEqual({ step: 3 });
    await documents.write([{ key: DIALOG_KEY, document: { step: 4 } }]);
    expect((await stored(DIALOG_KEY))?.document).toEqual({ step: 4 });
  });

  it('creates a new key even when the write names an eTag (as botbuilder MemoryStorage does)', async () => {
    const etags = await documents.write([
      { key: DIALOG_KEY, document: { step: 1 }, etag: 'etag-from-elsewhere' },
    ]);

    expect(await stored(DIALOG_KEY)).toEqual({ document: { step: 1 }, etag: etags.get(DIALOG_KEY) });
  });

  it('writes nothing of a batch when one of its items conflicts', async () => {
    const stale = (await documents.write([{ key: USER_KEY, document: { locale: 'en' } }])).get(USER_KEY);
    const current = (await documents.write([{ key: USER_KEY, document: { locale: 'ru' }, etag: stale }])).get(
      USER_KEY,
    );

    await expect(
      documents.write([
        { key: DIALOG_KEY, document: { step: 1 } },
        { key: 'msteams/conversations/a:personal-2/', document: { step: 1 }, etag: '*' },
        { key: USER_KEY, document: { locale: 'de' }, etag: stale },
      ]),
    ).rejects.toBeInstanceOf(EtagConflictError);

    const found = await documents.read([DIALOG_KEY, 'msteams/conversations/a:personal-2/', USER_KEY]);
    expect([...found.keys()]).toEqual([USER_KEY]);
    expect(found.get(USER_KEY)).toEqual({ document: { locale: 'ru' }, etag: current });
  });

  it('lets only one of two writers holding the same eTag succeed', async () => {
    const etag = (await documents.write([{ key: DIALOG_KEY, document: { step: 1 } }])).get(DIALOG_KEY);

    const outcomes = await Promise.allSettled([
      documents.write([{ key: DIALOG_KEY, document: { writer: 'a' }, etag }]),
      documents.write([{ key: DIALOG_KEY, document: { writer: 'b' }, etag }]),
    ]);

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toBeInstanceOf(EtagConflictError);
  });

  it('deletes documents, ignoring keys that do not exist', async () => {
    await documents.write([
      { key: DIALOG_KEY, document: { step: 1 } },
      { key: USER_KEY, document: { locale: 'en' } },
    ]);

    await documents.delete([DIALOG_KEY, 'msteams/conversations/never-written/']);

    expect([...(await documents.read([DIALOG_KEY, USER_KEY])).keys()]).toEqual([USER_KEY]);
    await expect(documents.delete([])).resolves.toBeUndefined();
  });

  it('refuses keys and documents it could not store faithfully, writing nothing', async () => {
    await expect(documents.write([{ key: '', document: {} }])).rejects.toThrow(TypeError);
    await expect(documents.write([{ key: 'k'.repeat(3000), document: {} }])).rejects.toThrow(RangeError);
    await expect(
      documents.write([
        { key: DIALOG_KEY, document: { ok: true } },
        { key: USER_KEY, document: { count: 1n } },
      ]),
    ).rejects.toThrow(/cannot be stored as JSON/);
    await expect(documents.write([{ key: USER_KEY, document: undefined }])).rejects.toThrow(
      /cannot be stored as JSON/,
    );

    expect(await documents.read([DIALOG_KEY, USER_KEY])).toEqual(new Map());
  });

  it('keeps documents across a restart', async () => {
    const etags = await documents.write([{ key: DIALOG_KEY, document: { step: 3 } }]);

    const restarted = new StateDocuments((await database.open()).db);

    expect((await restarted.read([DIALOG_KEY])).get(DIALOG_KEY)).toEqual({
      document: { step: 3 },
      etag: etags.get(DIALOG_KEY),
    });
  });

  it('reads and deletes more keys than fit in one statement', async () => {
    const keys = Array.from({ length: 1203 }, (_, i) => `msteams/users/29:user-${i}/`);
    await documents.write(keys.map((key, i) => ({ key, document: { i } })));

    expect((await documents.read(keys)).size).toBe(1203);
    await documents.delete(keys);
    expect((await documents.read(keys)).size).toBe(0);
  });
});

describe('bot state documents shared by several instances on postgres', () => {
  const postgres = engines.find((engine) => engine.name === 'postgres');
  let database: TestDatabase;
  beforeEach(async () => {
    database = await postgres!.create();
  });
  afterEach(async () => {
    await database.destroy();
  });

  it('lets exactly one of many concurrent writers with the same eTag win', async () => {
    const instanceA = new StateDocuments((await database.open()).db);
    const instanceB = new StateDocuments((await database.open()).db);
    const etag = (await instanceA.write([{ key: DIALOG_KEY, document: { step: 1 } }])).get(DIALOG_KEY);

    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? instanceA : instanceB).write([{ key: DIALOG_KEY, document: { writer: i }, etag }]),
      ),
    );

    const winners = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
    expect(winners).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(EtagConflictError);
    expect((await instanceB.read([DIALOG_KEY])).get(DIALOG_KEY)?.document).toEqual({ writer: winners[0] });
  });

  it('refuses a write that waited on another instance whose commit changed the eTag', async () => {
    const instance = new StateDocuments((await database.open()).db);
    const etag = (await instance.write([{ key: DIALOG_KEY, document: { step: 1 } }])).get(DIALOG_KEY);
    const url = (database.config as Extract<Config['store'], { engine: 'postgres' }>).url;
    const otherInstance = new Client({ connectionString: url });
    // pg_stat_activity is snapshotted per transaction, so lock waits are watched from outside one.
    const observer = new Client({ connectionString: url });
    await Promise.all([otherInstance.connect(), observer.connect()]);
    try {
      await otherInstance.query('begin');
      await otherInstance.query(
        `update bot_state set etag = 'other', document = '{"step":2}' where key = $1`,
        [DIALOG_KEY],
      );

      let settled = false;
      const waiting = instance.write([{ key: DIALOG_KEY, document: { step: 'lost update' }, etag }]);
      waiting.then(
        () => (settled = true),
        () => (settled = true),
      );
      // Commit only once the write is queued behind the other transaction's row lock.
      while (!settled && !(await isWaitingForLock(observer)))
        await new Promise((resolve) => setImmediate(resolve));
      expect(settled).toBe(false);
      await otherInstance.query('commit');

      await expect(waiting).rejects.toBeInstanceOf(EtagConflictError);
      expect((await instance.read([DIALOG_KEY])).get(DIALOG_KEY)).toEqual({
        document: { step: 2 },
        etag: 'other',
      });
    } finally {
      await Promise.all([otherInstance.end(), observer.end()]);
    }
  });
});

async function isWaitingForLock(client: Client): Promise<boolean> {
  const { rows } = await client.query<{ waiting: number }>(
    `select count(*)::int as waiting from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock' and query like 'update "bot_state"%'`,
  );
  return (rows[0]?.waiting ?? 0) > 0;
}
