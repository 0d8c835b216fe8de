/**
 * Rung after a commit that created delivery work (an outbox row, a ticket change a triage card must
 * show, a channel bound), so the delivery engine looks at once instead of at its next poll. Passed to
 * both sides at construction: whoever writes rings, the engine listens.
 */
export class Doorbell {
  private readonly listeners = new Set<() => void>();

  ring(): void {
    for (const listener of this.listeners) listener();
  }

  /** Returns a function that stops listening. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
