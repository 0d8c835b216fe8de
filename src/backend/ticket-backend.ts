import type {
  Actor,
  Category,
  TicketCommand,
  TicketError,
  TicketEvent,
  TicketReport,
} from '../domain/ticket';
import type { CardPlacement, HistoryEntry, TicketRecord, TicketSummary } from '../tickets';

export type { HistoryEntry, TicketRecord, TicketSummary } from '../tickets';

/**
 * The port the bot submits to and reads from. Two adapters: embedded (tickets in our store, triaged through
 * the support API and cards) and remote (an external ticket service over HTTP). The bot never knows which.
 */

export interface Submission {
  /** One per report draft: submitting it twice (a double click, a retried request) files one ticket. */
  readonly submissionKey: string;
  /** The publisher's organisation; a publisher sees only its own tenant's tickets. */
  readonly tenantId: string;
  readonly reporter: Actor;
  /** 'en' | 'ru': the language the publisher reported in, for support and for notifications. */
  readonly locale: string;
  /** The chat the report came from (where updates go). */
  readonly conversationId?: string;
  /** The publisher's IANA time zone (from the Teams activity's localTimezone), to show times in it. */
  readonly timeZone?: string;
  readonly category: Category;
  readonly report: TicketReport;
}

export type SubmitResult =
  | {
      readonly ok: true;
      readonly record: TicketRecord;
      /** true when this key was already filed */ readonly duplicate: boolean;
    }
  | { readonly ok: false; readonly error: TicketError };

export type CommandResult =
  | { readonly ok: true; readonly record: TicketRecord; readonly events: readonly TicketEvent[] }
  | {
      readonly ok: false;
      readonly error:
        | TicketError
        | { readonly key: 'ticket.notFound' }
        /** Remote backend only: the service cannot be reached now (or the report is not delivered yet). */
        | { readonly key: 'ticket.backendUnavailable' };
    };

export interface TicketWithHistory {
  readonly record: TicketRecord;
  readonly history: HistoryEntry[];
}

export interface TenantListOptions {
  /** 1–100; 20 when not given (`tenantListLimit`). */
  readonly limit?: number;
  readonly after?: { readonly submittedAt: string; readonly confirmationNumber: string };
}

const defaultListLimit = 20;
const maxListLimit = 100;

/** A list's page size as asked, within 1–100 (20 when not asked, or not a number): the same for every backend. */
export function tenantListLimit(options: Pick<TenantListOptions, 'limit'>): number {
  const asked =
    options.limit !== undefined && Number.isFinite(options.limit) ? options.limit : defaultListLimit;
  return Math.min(Math.max(Math.trunc(asked), 1), maxListLimit);
}

/** What a publisher may see and do; every call is scoped to the caller's tenant. */
export interface TicketBackend {
  submit(submission: Submission): Promise<SubmitResult>;
  /**
   * The tenant's tickets, newest first (a publisher sees its organisation's reports); `after` continues
   * after the last ticket of a page (its submission time and number).
   */
  listForTenant(tenantId: string, options?: TenantListOptions): Promise<TicketRecord[]>;
  /** The same first page, as a list shows it (a backend may read far less for it than whole records). */
  summariesForTenant(tenantId: string, options?: Pick<TenantListOptions, 'limit'>): Promise<TicketSummary[]>;
  /** One ticket by confirmation number, only within the tenant; undefined outside it. */
  getForTenant(tenantId: string, confirmationNumber: string): Promise<TicketRecord | undefined>;
  /** The ticket and its history in one look-up (one request to a remote service), only within the tenant. */
  getWithHistoryForTenant(
    tenantId: string,
    confirmationNumber: string,
  ): Promise<TicketWithHistory | undefined>;
  /**
   * A publisher's command: answer_question or post_message. `asRead` is the record this backend's
   * `getForTenant` just gave for the same tenant and number: a backend may start from it instead of
   * reading the ticket again (the change applies only to the version read, else to the ticket as it is
   * then), or ignore it.
   */
  publisherCommand(
    tenantId: string,
    confirmationNumber: string,
    command: TicketCommand,
    actor: Actor,
    asRead?: TicketRecord,
  ): Promise<CommandResult>;
  /**
   * Remembers a card posted about the ticket in the publisher's chat (the confirmation, a `status`
   * answer, a question), so every change of the ticket updates it in place. `asRead`: the record the card
   * was made of, as this backend handed it out (a backend may then find the ticket without a look-up).
   */
  rememberCard(confirmationNumber: string, card: CardPlacement, asRead?: TicketRecord): Promise<void>;
}
