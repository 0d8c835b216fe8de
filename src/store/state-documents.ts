import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { systemClock, type Clock } from '../domain/clock';
import { compileOnce } from './compile-once';
import { EtagConflictError } from './etag-conflict-error';
import type { Database } from './tables';

export interface StoredStateDocument {
  readonly document: unknown;
  readonly etag: string;
}

/** A document found by `listByPrefix`, with when it was last written. */
export interface ListedStateDocument {
  readonly key: string;
  /** Undefined when the stored text is not JSON: one bad row must not stop a sweep. */
  readonly document: unknown;
  readonly etag: string;
  /** ISO 8601, as the store's clock had it at the last write. */
  readonly updatedAt: string;
}

export interface ListByPrefixOptions {
  /** Only documents last written strictly before this instant. */
  readonly updatedBefore?: Date;
  /** Keyset paging: only keys after this one (in the order the page came in). */
  readonly afterKey?: string;
  /** At most this many, 1–1000. */
  readonly limit: number;
}

export interface StateDocumentWrite {
  readonly key: string;
  readonly document: unknown;
  /** Omitted, empty or '*': write unconditionally. Otherwise the write needs the stored eTag to match. */
  readonly etag?: string;
}

/** PostgreSQL's btree index entries top out near 2.7 kB; a bounded key fails the same way on both engines. */
const MAX_KEY_BYTES = 2048;
/** Well under both engines' limits on bound parameters per statement. */
const KEYS_PER_STATEMENT = 500;

// Every turn reads and writes its state: these are built and compiled once (src/store/compile-once.ts).
const readOne = compileOnce(1, (db: Kysely<Database>, key: string) =>
  db.selectFrom('bot_state').select(['key', 'etag', 'document']).where('key', '=', key),
);
const writeUnconditionally = compileOnce(
  4,
  (db: Kysely<Database>, key: string, etag: string, document: string, updatedAt: string) =>
    db
      .insertInto('bot_state')
      .values({ key, etag, document, updated_at: updatedAt })
      .onConflict((oc) => oc.column('key').doUpdateSet({ etag, document, updated_at: updatedAt })),
);
const updateIfCurrent = compileOnce(
  5,
  (
    db: Kysely<Database>,
    key: string,
    expectedEtag: string,
    etag: string,
    document: string,
    updatedAt: string,
  ) =>
    db
      .updateTable('bot_state')
      .set({ etag, document, updated_at: updatedAt })
      .where('key', '=', key)
      .where('etag', '=', expectedEtag),
);
const insertIfAbsent = compileOnce(
  4,
  (db: Kysely<Database>, key: string, etag: string, document: string, updatedAt: string) =>
    db
      .insertInto('bot_state')
      .values({ key, etag, document, updated_at: updatedAt })
      .onConflict((oc) => oc.column('key').doNothing()),
);

/**
 * Key/value JSON documents with optimistic concurrency, the semantics of a Bot Framework `Storage`:
 * every write gets a new eTag; a write naming an eTag succeeds only while that eTag is current; a batch
 * is one transaction, so one conflict writes nothing. Safe across processes on PostgreSQL: the
 * conditional UPDATE re-checks the eTag after waiting for a concurrent writer's row lock.
 */
export class StateDocuments {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  /** The documents that exist among `keys`; missing keys are absent from the map. */
  async read(keys: readonly string[]): Promise<Map<string, StoredStateDocument>> {
    const wanted = [...new Set(keys.map(checkedKey))];
    const found = new Map<string, StoredStateDocument>();
    for (const chunk of chunks(wanted)) {
      const [only] = chunk;
      const rows =
        only !== undefined && chunk.length === 1
          ? (await readOne(this.db, only)).rows
          : await this.db
              .selectFrom('bot_state')
              .select(['key', 'etag', 'document'])
              .where('key', 'in', chunk)
              .execute();
      for (const row of rows)
        found.set(row.key, { document: parseDocument(row.key, row.document), etag: row.etag });
    }
    return found;
  }

  /**
   * Writes all items or none. Returns each key's new eTag. Throws `EtagConflictError` (and writes
   * nothing) when an item's eTag is stale; a key that does not exist yet is created whatever its eTag,
   * unless another writer creates it first.
   */
  async write(items: readonly StateDocumentWrite[]): Promise<Map<string, string>> {
    const prepared = items.map((item) => ({
      key: checkedKey(item.key),
      document: serialise(item.key, item.document),
      expectedEtag: checkedEtag(item.key, item.etag),
    }));
    // Keys in one order for every writer, so two overlapping batches cannot deadlock on row locks.
    prepared.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (prepared.length === 0) return new Map();

    const updatedAt = this.clock.now().toISOString();
    const etags = new Map<string, string>();
    const writeOne = async (
      executor: Kysely<Database>,
      { key, document, expectedEtag }: (typeof prepared)[number],
    ): Promise<void> => {
      const etag = randomUUID();
      if (expectedEtag === undefined) {
        await writeUnconditionally(executor, key, etag, document, updatedAt);
      } else {
        const updated = await updateIfCurrent(executor, key, expectedEtag, etag, document, updatedAt);
        if (updated.numAffectedRows === 0n) {
          // Either the eTag is stale or the key is new; only a new key can be inserted.
          const inserted = await insertIfAbsent(executor, key, etag, document, updatedAt);
          if (inserted.numAffectedRows !== 1n) throw new EtagConflictError(key);
        }
      }
      etags.set(key, etag);
    };
    // One document (every turn's state and draft saves) needs no transaction: each statement is atomic,
    // and the insert after a missed update fails on any row another writer has, as it would inside one.
    // That saves a BEGIN and a COMMIT round trip per save (docs/decisions/turn-performance.md).
    const [only] = prepared;
    if (only && prepared.length === 1) await writeOne(this.db, only);
    else
      await this.db.transaction().execute(async (trx) => {
        for (const item of prepared) await writeOne(trx, item);
      });
    return etags;
  }

  /**
   * Creates the document only if the key does not exist: true for the one caller that created it. For
   * "exactly once" decisions between racing turns (two install events arrive together), where botbuilder's
   * eTags cannot help: a state that was never written has no eTag to compare.
   */
  async claim(key: string, document: unknown): Promise<boolean> {
    const inserted = await this.db
      .insertInto('bot_state')
      .values({
        key: checkedKey(key),
        etag: randomUUID(),
        document: serialise(key, document),
        updated_at: this.clock.now().toISOString(),
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return inserted.numInsertedOrUpdatedRows === 1n;
  }

  /**
   * The documents whose key starts with `prefix` (exactly, case-sensitively), ordered by key, for sweeps
   * such as expiring report drafts. Page with `afterKey` = the last key of the previous page.
   */
  async listByPrefix(prefix: string, options: ListByPrefixOptions): Promise<ListedStateDocument[]> {
    checkedKey(prefix);
    const { limit, updatedBefore, afterKey } = options;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new RangeError('listByPrefix limit must be an integer from 1 to 1000');
    if (updatedBefore !== undefined && Number.isNaN(updatedBefore.getTime()))
      throw new RangeError('listByPrefix updatedBefore is not a valid date');
    // substr, not LIKE: SQLite's LIKE ignores ASCII case and both treat % and _ as wildcards.
    let query = this.db
      .selectFrom('bot_state')
      .select(['key', 'etag', 'document', 'updated_at'])
      .where(sql<string>`substr(key, 1, ${[...prefix].length})`, '=', prefix);
    if (updatedBefore) query = query.where('updated_at', '<', updatedBefore.toISOString());
    if (afterKey !== undefined) query = query.where('key', '>', checkedKey(afterKey));
    const rows = await query.orderBy('key').limit(limit).execute();
    return rows.map((row) => ({
      key: row.key,
      document: parseDocumentOrUndefined(row.document),
      etag: row.etag,
      updatedAt: row.updated_at,
    }));
  }

  /**
   * Removes the document only while `etag` is still current: true for the caller that removed it. A
   * sweep deleting what it read cannot remove a document someone rewrote in the meantime.
   */
  async deleteIfUnchanged(key: string, etag: string): Promise<boolean> {
    if (typeof etag !== 'string' || etag.length === 0)
      throw new TypeError(`State document "${key}" needs an eTag to be deleted conditionally`);
    const deleted = await this.db
      .deleteFrom('bot_state')
      .where('key', '=', checkedKey(key))
      .where('etag', '=', etag)
      .executeTakeFirst();
    return deleted.numDeletedRows === 1n;
  }

  /** Removes the documents; keys that do not exist are ignored. */
  async delete(keys: readonly string[]): Promise<void> {
    const doomed = [...new Set(keys.map(checkedKey))];
    if (doomed.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const chunk of chunks(doomed))
        await trx.deleteFrom('bot_state').where('key', 'in', chunk).execute();
    });
  }
}

function checkedKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0)
    throw new TypeError('State document keys must be non-empty strings');
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
    throw new RangeError(`State document key is longer than ${MAX_KEY_BYTES} bytes: "${key.slice(0, 80)}…"`);
  }
  return key;
}

function checkedEtag(key: string, etag: unknown): string | undefined {
  if (etag === undefined || etag === '' || etag === '*') return undefined;
  if (typeof etag !== 'string')
    throw new TypeError(`State document "${key}" has an eTag that is not a string`);
  return etag;
}

function serialise(key: string, document: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(document);
  } catch (err) {
    throw new TypeError(`State document "${key}" cannot be stored as JSON: ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (text === undefined) throw new TypeError(`State document "${key}" cannot be stored as JSON`);
  return text;
}

function parseDocument(key: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`Stored state document "${key}" is not valid JSON`, { cause: err });
  }
}

function parseDocumentOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function* chunks<T>(values: readonly T[]): Generator<T[]> {
  for (let i = 0; i < values.length; i += KEYS_PER_STATEMENT) yield values.slice(i, i + KEYS_PER_STATEMENT);
}
