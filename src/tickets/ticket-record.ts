import type { Ticket, TicketEvent } from '../domain/ticket';

/** A ticket as the ticket backend port hands it out: the domain ticket and where it is shown. */
export interface TicketRecord {
  readonly ticket: Ticket;
  /** 'synced' once the remote service has it; 'pending' while it is kept locally and retried; 'local' for embedded. */
  readonly delivery: 'local' | 'pending' | 'synced';
  /** The publisher's IANA time zone when the report carried one. */
  readonly timeZone?: string;
  /** The language the publisher reported in. */
  readonly locale?: string;
}

/** One entry of a ticket's history. */
export interface HistoryEntry {
  readonly id: string;
  readonly seq: number;
  readonly event: TicketEvent;
}

/** A stored ticket: the record plus what only the store keeps about it. */
export interface StoredTicket extends TicketRecord {
  /** The row id (UUID); events and outbox rows point at it. */
  readonly id: string;
  readonly submissionKey: string;
  readonly conversationId?: string;
  readonly suggestedSeverity?: import('../domain/ticket').Severity;
  /** The remote ticket service's confirmation number once it accepted the report (remote mode only). */
  readonly remoteId?: string;
  readonly deliveryAttempts: number;
  /** Teams answered 403/404 for the publisher's chat, or there is none (cleared by a later delivery). */
  readonly publisherUnreachable?: { readonly at: string; readonly reason: string };
}

/** The public record (what the port returns): no row ids or bookkeeping. */
export function toTicketRecord(stored: StoredTicket): TicketRecord {
  return {
    ticket: stored.ticket,
    delivery: stored.delivery,
    ...(stored.timeZone ? { timeZone: stored.timeZone } : {}),
    ...(stored.locale ? { locale: stored.locale } : {}),
  };
}

/**
 * What a list of tickets shows of each (`my tickets`, and the choice of ticket for a free-text message or
 * a file): a quarter of a ticket's values, read without its report, questions and additions.
 */
export type TicketSummary = Pick<
  Ticket,
  'confirmationNumber' | 'category' | 'state' | 'priority' | 'severity' | 'submittedAt'
> & {
  /** The report's title as filed. */
  readonly title: string;
};

export function summaryOf(ticket: Ticket): TicketSummary {
  return {
    confirmationNumber: ticket.confirmationNumber,
    title: ticket.report.title,
    category: ticket.category,
    state: ticket.state,
    ...(ticket.priority ? { priority: ticket.priority } : {}),
    ...(ticket.severity ? { severity: ticket.severity } : {}),
    submittedAt: ticket.submittedAt,
  };
}
