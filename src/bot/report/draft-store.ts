import { EtagConflictError } from '../../store/etag-conflict-error';
import type { StateDocuments } from '../../store/state-documents';
import type { DraftRecord } from './report-draft';

/** A draft found by a sweep: who and where it belongs to, when its row was last written, its eTag. */
export interface ListedDraft extends LoadedDraft {
  readonly key: string;
  readonly conversationId: string;
  readonly userId: string;
  readonly storedAt: string;
}

export interface LoadedDraft {
  /** Undefined when the stored document is not a draft (written by an older version): it is replaced. */
  readonly record: DraftRecord | undefined;
  readonly etag: string;
}

/**
 * One report draft per person per conversation, kept in the store's state documents so a restart or
 * another instance continues it. Writes are conditional on the eTag read: of two turns racing on one
 * draft (a double click), the second one's write fails and it re-reads instead of overwriting.
 */
export class DraftStore {
  constructor(private readonly documents: StateDocuments) {}

  static readonly prefix = 'report-drafts/';

  static key(conversationId: string, userId: string): string {
    return `${DraftStore.prefix}${conversationId}/${userId}`;
  }

  /** The conversation and person a key names; user ids carry no '/', conversation ids might. */
  static parseKey(key: string): { conversationId: string; userId: string } | undefined {
    if (!key.startsWith(DraftStore.prefix)) return undefined;
    const rest = key.slice(DraftStore.prefix.length);
    const slash = rest.lastIndexOf('/');
    if (slash <= 0 || slash === rest.length - 1) return undefined;
    return { conversationId: rest.slice(0, slash), userId: rest.slice(slash + 1) };
  }

  /**
   * One page of drafts (open or closed) whose row was last written before `storedBefore`, in key order;
   * the next page starts after the last key. Keys that do not parse come back with empty ids.
   */
  async listStoredBefore(
    storedBefore: Date,
    afterKey: string | undefined,
    limit: number,
  ): Promise<ListedDraft[]> {
    const listed = await this.documents.listByPrefix(DraftStore.prefix, {
      updatedBefore: storedBefore,
      limit,
      ...(afterKey !== undefined ? { afterKey } : {}),
    });
    return listed.map((found) => ({
      key: found.key,
      ...(DraftStore.parseKey(found.key) ?? { conversationId: '', userId: '' }),
      record: isDraftRecord(found.document) ? found.document : undefined,
      etag: found.etag,
      storedAt: found.updatedAt,
    }));
  }

  /** Deletes the draft record unless someone wrote it since `etag` was read; true when deleted. */
  remove(key: string, etag: string): Promise<boolean> {
    return this.documents.deleteIfUnchanged(key, etag);
  }

  async load(key: string): Promise<LoadedDraft | undefined> {
    const found = (await this.documents.read([key])).get(key);
    if (!found) return undefined;
    return { record: isDraftRecord(found.document) ? found.document : undefined, etag: found.etag };
  }

  /**
   * Writes the record if nobody else wrote since `etag` was read (no etag: only if there is none yet).
   * Returns the new eTag, or undefined when another writer got there first.
   */
  async save(key: string, record: DraftRecord, etag: string | undefined): Promise<string | undefined> {
    try {
      // An eTag no row has makes the write an insert that fails when the key already exists.
      const written = await this.documents.write([{ key, document: record, etag: etag ?? 'none-yet' }]);
      return written.get(key);
    } catch (error) {
      if (error instanceof EtagConflictError) return undefined;
      throw error;
    }
  }
}

function isDraftRecord(value: unknown): value is DraftRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.draftId === 'string' &&
    (record.status === 'open'
      ? typeof record.step === 'string' && typeof record.values === 'object' && record.values !== null
      : record.status === 'submitted' || record.status === 'cancelled' || record.status === 'expired')
  );
}
