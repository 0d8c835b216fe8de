import type { Storage, StoreItems } from 'botbuilder';
import type { StateDocuments } from '../store/state-documents';

/**
 * botbuilder's `Storage` over our SQL state documents: conversation, user and dialog state live in the
 * database, so any instance can serve any turn and a restart loses nothing. eTags give optimistic
 * concurrency: of two turns racing on one conversation, the second write fails instead of overwriting.
 */
export class SqlStorage implements Storage {
  constructor(private readonly documents: StateDocuments) {}

  async read(keys: string[]): Promise<StoreItems> {
    const found = await this.documents.read(keys);
    const items: StoreItems = {};
    for (const [key, { document, etag }] of found) {
      items[key] = { ...(document as Record<string, unknown>), eTag: etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    const written = await this.documents.write(
      entries.map(([key, item]) => {
        const { eTag, ...document } = (item ?? {}) as Record<string, unknown>;
        return { key, document, ...(typeof eTag === 'string' ? { etag: eTag } : {}) };
      }),
    );
    // A second save in the same turn must carry the new eTag, or it would conflict with itself.
    for (const [key, item] of entries) {
      const etag = written.get(key);
      if (etag && item && typeof item === 'object') (item as Record<string, unknown>).eTag = etag;
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.documents.delete(keys);
  }
}
