import type { ExpectedVersion, SupportTicketView } from '../../backend/support-port';
import type { HistoryEntry } from '../../backend/ticket-backend';

/** The ticket as the support API shows it: the ticket's fields, its version and support's extras. */
export function supportTicketJson(view: SupportTicketView): Record<string, unknown> {
  return {
    ...view.ticket,
    version: view.version,
    overdue: view.overdue,
    ...(view.suggestedSeverity ? { suggestedSeverity: view.suggestedSeverity } : {}),
    ...(view.locale ? { locale: view.locale } : {}),
    ...(view.timeZone ? { timeZone: view.timeZone } : {}),
  };
}

export function historyJson(history: readonly HistoryEntry[]): Record<string, unknown>[] {
  return history.map((entry) => ({ id: entry.id, seq: entry.seq, ...entry.event }));
}

/** A strong ETag of the ticket's version: `"7"`. */
export function versionEtag(version: number): string {
  return `"${version}"`;
}

/**
 * What an If-Match header asks for (RFC 9110 §13.1.1): 'missing' when there is none; `'any'` for `*`
 * (any current version); otherwise the versions its entity tags name. If-Match compares strongly, so a
 * weak tag (W/"7") or anything that is not one of our ETags matches no version: an empty list, which
 * the change answers 412 with the current ETag.
 */
export function readIfMatch(header: string | undefined): 'missing' | ExpectedVersion {
  if (header === undefined || header.trim() === '') return 'missing';
  if (header.trim() === '*') return 'any';
  const versions: number[] = [];
  for (const tag of header.split(',')) {
    const match = /^"(\d{1,9})"$/.exec(tag.trim());
    if (match?.[1]) versions.push(Number(match[1]));
  }
  return versions;
}
