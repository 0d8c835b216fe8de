import type { OpenDraft } from './report-draft';

/** True when nobody touched the draft for longer than the configured time; the dialog and the sweep agree. */
export function isDraftIdle(draft: Pick<OpenDraft, 'updatedAt'>, now: Date, ttlMinutes: number): boolean {
  const lastTouched = Date.parse(draft.updatedAt);
  // A draft whose time cannot be read cannot be kept alive by it either.
  if (Number.isNaN(lastTouched)) return true;
  return now.getTime() - lastTouched > ttlMinutes * 60_000;
}
