/**
 * Remembers the placeholders a draft writes in for missing facts, then lists the ones still visible
 * in the finished text (a short notice may have dropped a sentence to fit), once each, in reading order.
 */
export class PlaceholderTracker {
  private readonly written = new Set<string>();

  /** Writes in a placeholder. */
  mark(placeholder: string): string {
    this.written.add(placeholder);
    return placeholder;
  }

  /** The fact, or its placeholder when the fact is missing. */
  or(value: string | undefined, placeholder: string): string {
    return value ?? this.mark(placeholder);
  }

  visibleIn(text: string): string[] {
    return [...this.written]
      .map((placeholder) => ({ placeholder, at: text.indexOf(placeholder) }))
      .filter(({ at }) => at >= 0)
      .sort((a, b) => a.at - b.at || a.placeholder.localeCompare(b.placeholder))
      .map(({ placeholder }) => placeholder);
  }
}
