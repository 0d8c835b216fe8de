/**
 * Gathers the writes asked for within one turn of the event loop and commits them together. On SQLite a
 * commit waits for the disk with the event loop blocked (~4 ms here), so one commit per sent message
 * stalls every send, timer and rate-limit wait; a batch pays that wait once. A flush failing fails each
 * of its writes, as if each had been committed alone.
 */
export class GroupCommit<Item, Result> {
  private pending: Array<{ item: Item; resolve: (r: Result) => void; reject: (e: unknown) => void }> = [];
  private scheduled = false;

  constructor(private readonly flush: (items: readonly Item[]) => Promise<readonly Result[]>) {}

  add(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => void this.run());
    });
  }

  private async run(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    try {
      const results = await this.flush(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(results[index]!));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}
