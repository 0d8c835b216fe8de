import type { SupportTicketView } from '../../backend/support-port';
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
 * The version an If-Match header names: 'missing' when there is none, 'unusable' when it cannot match
 * any version ('*' or a list gives no single version to compare).
 */
export function readIfMatch(header: string | undefined): number | 'missing' | 'unusable' {
  if (header === undefined || header.trim() === '') return 'missing';
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  return match?.[1] ? Number(match[1]) : 'unusable';
}
