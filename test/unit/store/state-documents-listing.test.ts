import { sql } from 'kysely';
import type { Store } from '../../../src/store/create-store';
import { StateDocuments } from '../../../src/store/state-documents';
import { engines, type TestDatabase } from '../../support/databases';
import { FixedClock } from '../../support/fixed-clock';

describe.each(engines)('listing and conditionally deleting state documents on $name', (engine) => {
  let database: TestDatabase;
  let store: Store;
  let documents: StateDocuments;
  const clock = new FixedClock();
  beforeEach(async () => {
    clock.set('2026-11-24T10:00:00.000Z');
    database = await engine.create();
    store = await database.open();
    documents = new StateDocuments(store.db, clock);
  });
  afterEach(async () => {
    await database.destroy();
  });

  async function put(key: string, document: unknown): Promise<string> {
    return (await documents.write([{ key, document }])).get(key) ?? '';
  }

  it('lists only keys that start with the prefix, exactly and in key order, with eTag and write time', async () => {
    const b = await put('report-drafts/b/u', { n: 2 });
    const a = await put('report-drafts/a/u', { n: 1 });
    await put('REPORT-DRAFTS/c/u', { n: 3 });
    await put('report-draftsX/d/u', { n: 4 });
    await put('reportXdrafts/e/u', { n: 5 });
    await put('welcome/a', { n: 6 });

    const listed = await documents.listByPrefix('report-drafts/', { limit: 10 });

    expect(listed).toEqual([
      { key: 'report-drafts/a/u', document: { n: 1 }, etag: a, updatedAt: '2026-11-24T10:00:00.000Z' },
      { key: 'report-drafts/b/u', document: { n: 2 }, etag: b, updatedAt: '2026-11-24T10:00:00.000Z' },
    ]);
  });

  it('treats % and _ in the prefix as plain characters', async () => {
    await put('a%b/1', { n: 1 });
    await put('axb/2', { n: 2 });
    await put('a_b/3', { n: 3 });

    expect((await documents.listByPrefix('a%b/', { limit: 10 })).map((d) => d.key)).toEqual(['a%b/1']);
    expect((await documents.listByPrefix('a_b/', { limit: 10 })).map((d) => d.key)).toEqual(['a_b/3']);
  });

  it('lists only documents last written before the given time; a rewrite makes a document recent', async () => {
    await put('p/old', { n: 1 });
    clock.advance(60_000);
    await put('p/recent', { n: 2 });
    const cutoff = clock.now();
    clock.advance(60_000);
    await put('p/new', { n: 3 });

    expect(
      (await documents.listByPrefix('p/', { limit: 10, updatedBefore: cutoff })).map((d) => d.key),
    ).toEqual(['p/old']);

    await put('p/old', { n: 1, again: true });
    expect(await documents.listByPrefix('p/', { limit: 10, updatedBefore: cutoff })).toEqual([]);
  });

  it('pages through a prefix with a limit and the last key seen', async () => {
    for (const name of ['c', 'a', 'e', 'b', 'd']) await put(`p/${name}`, { name });

    const first = await documents.listByPrefix('p/', { limit: 2 });
    const second = await documents.listByPrefix('p/', { limit: 2, afterKey: first.at(-1)?.key });
    const third = await documents.listByPrefix('p/', { limit: 2, afterKey: second.at(-1)?.key });

    expect([first, second, third].map((page) => page.map((d) => d.key))).toEqual([
      ['p/a', 'p/b'],
      ['p/c', 'p/d'],
      ['p/e'],
    ]);
  });

  it('lists a document whose stored text is not JSON with no document, instead of failing the listing', async () => {
    await put('p/good', { ok: true });
    await store.db
      .insertInto('bot_state')
      .values({ key: 'p/broken', etag: 'e1', document: '{not json', updated_at: '2026-11-24T10:00:00.000Z' })
      .execute();

    const listed = await documents.listByPrefix('p/', { limit: 10 });

    expect(listed.map((d) => [d.key, d.document])).toEqual([
      ['p/broken', undefined],
      ['p/good', { ok: true }],
    ]);
  });

  it('refuses a limit outside 1–1000 and an invalid date', async () => {
    await expect(documents.listByPrefix('p/', { limit: 0 })).rejects.toThrow(RangeError);
    await expect(documents.listByPrefix('p/', { limit: 1001 })).rejects.toThrow(RangeError);
    await expect(documents.listByPrefix('p/', { limit: 1.5 })).rejects.toThrow(RangeError);
    await expect(documents.listByPrefix('p/', { limit: 1, updatedBefore: new Date('nope') })).rejects.toThrow(
      RangeError,
    );
    await expect(documents.listByPrefix('', { limit: 1 })).rejects.toThrow(TypeError);
  });

  it('deletes a document only while the eTag read is still current', async () => {
    const first = await put('p/doc', { v: 1 });
    const second = (await documents.write([{ key: 'p/doc', document: { v: 2 }, etag: first }])).get('p/doc');

    expect(await documents.deleteIfUnchanged('p/doc', first)).toBe(false);
    expect((await documents.read(['p/doc'])).get('p/doc')?.document).toEqual({ v: 2 });

    expect(await documents.deleteIfUnchanged('p/doc', second ?? '')).toBe(true);
    expect(await documents.read(['p/doc'])).toEqual(new Map());
    expect(await documents.deleteIfUnchanged('p/doc', second ?? '')).toBe(false);
    await expect(documents.deleteIfUnchanged('p/doc', '')).rejects.toThrow(TypeError);
  });

  it('of two sweeps deleting the same document, exactly one is told it did', async () => {
    const etag = await put('p/doc', { v: 1 });
    const results = await Promise.all([
      documents.deleteIfUnchanged('p/doc', etag),
      new StateDocuments(store.db, clock).deleteIfUnchanged('p/doc', etag),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const left = await sql<{ n: number }>`select count(*) as n from bot_state`.execute(store.db);
    expect(Number(left.rows[0]?.n)).toBe(0);
  });
});
