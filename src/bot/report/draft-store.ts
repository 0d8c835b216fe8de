import { EtagConflictError } from '../../store/etag-conflict-error';
import type { StateDocuments } from '../../store/state-documents';
import type { DraftRecord } from './report-draft';

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

  static key(conversationId: string, userId: string): string {
    return `report-drafts/${conversationId}/${userId}`;
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
