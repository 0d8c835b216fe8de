import type {
  Actor,
  Category,
  Severity,
  Ticket,
  TicketCommand,
  TicketError,
  TicketEvent,
  TicketState,
} from '../domain/ticket';
import type { IdempotentResponses } from '../store/idempotent-responses';
import type { HistoryEntry } from '../tickets';
import type { Submission, SubmitResult, TicketBackend } from './ticket-backend';

/**
 * Support's side of the tickets, beside the publisher's TicketBackend: what the support API and the
 * support channel's cards work with. The embedded backend implements it (SupportService); with a remote
 * backend, support works in the remote service and this deployment serves no support desk.
 */
export interface SupportPort {
  list(filter?: SupportTicketFilter): Promise<SupportTicketPage>;
  get(confirmationNumber: string): Promise<{ view: SupportTicketView; history: HistoryEntry[] } | undefined>;
  /**
   * Applies a support command to the ticket as of `expected` (optimistic concurrency): one version, any
   * of several, or `'any'` — whatever version is current (If-Match: *).
   */
  execute(
    confirmationNumber: string,
    command: TicketCommand,
    actor: Actor,
    expected: ExpectedVersion,
  ): Promise<SupportCommandResult>;
}

/** The version(s) a change is based on: one, any of a list (none matches an empty one), or any current. */
export type ExpectedVersion = number | readonly number[] | 'any';

export function versionMatches(current: number, expected: ExpectedVersion): boolean {
  if (expected === 'any') return true;
  return typeof expected === 'number' ? current === expected : expected.includes(current);
}

/** A ticket as support sees it: every tenant's, with the CVSS suggestion and whether it is overdue. */
export interface SupportTicketView {
  readonly ticket: Ticket;
  readonly version: number;
  /** What the report's CVSS base score suggests; support decides the severity. */
  readonly suggestedSeverity?: Severity;
  /** Still unacknowledged past its due time. */
  readonly overdue: boolean;
  readonly locale?: string;
  readonly timeZone?: string;
}

export interface SupportTicketFilter {
  readonly states?: readonly TicketState[];
  readonly severities?: readonly Severity[];
  readonly categories?: readonly Category[];
  readonly overdue?: boolean;
  /** 1–100, default 25. */
  readonly limit?: number;
  readonly offset?: number;
  /** Keyset paging: the tickets after this one (its submission time and number), instead of an offset. */
  readonly after?: { readonly submittedAt: string; readonly confirmationNumber: string };
}

export interface SupportTicketPage {
  readonly items: readonly SupportTicketView[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export type SupportCommandResult =
  | { readonly ok: true; readonly view: SupportTicketView; readonly events: readonly TicketEvent[] }
  | { readonly ok: false; readonly reason: 'notFound' }
  /** Someone changed the ticket since the caller read `expectedVersion`; nothing was written. */
  | { readonly ok: false; readonly reason: 'conflict'; readonly currentVersion: number }
  /** The state machine refused: a field error or a transition that is not allowed from here. */
  | { readonly ok: false; readonly reason: 'refused'; readonly errors: readonly TicketError[] };

export const defaultPageSize = 25;
export const maxPageSize = 100;

/** The publisher-side ticket contract (docs/openapi.json), served to other bots' remote adapters. */
export interface TicketServicePort extends TicketBackend {
  /** `proposedConfirmationNumber`: the number the calling bot already told its publisher, kept when free. */
  submit(submission: Submission, options?: { proposedConfirmationNumber?: string }): Promise<SubmitResult>;
}

/**
 * What a deployment that runs the support desk itself (the embedded backend) serves: support's port
 * (the support API, the support channel) and the ticket contract for other bots.
 */
export interface SupportDesk {
  readonly support: SupportPort;
  readonly ticketService: TicketServicePort;
  /** Answers remembered per Idempotency-Key for the ticket contract's writes. */
  readonly idempotency: IdempotentResponses;
}
