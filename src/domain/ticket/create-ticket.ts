import type { SupportCalendar } from '../calendar';
import { isConfirmationNumber } from './confirmation-number';
import { isRecord, readChoice, readText } from './read-fields';
import { readActor } from './read-actor';
import { readReport } from './read-report';
import { textLimits } from './text-limits';
import { categories, type Category, type Ticket, type TicketReport } from './ticket';
import { failure, type TicketError, type TicketResult } from './ticket-errors';

export interface NewTicketInput {
  /** The publisher's Entra tenant id. */
  readonly tenantId: string;
  /** The person reporting (Entra object id and display name). */
  readonly reporter: { readonly id: string; readonly name?: string };
  readonly category: Category;
  readonly report: TicketReport;
}

/** Issues a fresh confirmation number; `generateConfirmationNumber` in production. */
export type ConfirmationNumberGenerator = () => string;

/**
 * Builds a submitted ticket and its 'submitted' event from what the publisher reported, with the
 * acknowledgement due one business day later in the support calendar. Every field is checked again
 * here; the dialog's checks are for the user's convenience, these are for the data.
 */
export function createTicket(
  input: NewTicketInput,
  now: Date,
  numberGenerator: ConfirmationNumberGenerator,
  calendar: Pick<SupportCalendar, 'ackDueAt'>,
): TicketResult {
  const raw: Readonly<Record<string, unknown>> = isRecord(input) ? input : {};
  const errors: TicketError[] = [];
  const tenantId = readText(
    raw.tenantId,
    'tenantId',
    { max: textLimits.tenantId, required: true, singleLine: true },
    errors,
  );
  const reporter = readActor(
    { ...(isRecord(raw.reporter) ? raw.reporter : {}), kind: 'publisher' },
    'reporter',
    errors,
  );
  const category = readChoice(raw.category, 'category', categories, errors);
  const report = category ? readReport(raw.report, category, now, errors) : undefined;
  if (errors.length > 0 || !tenantId || !reporter || !category || !report) return failure(errors);

  const confirmationNumber = numberGenerator();
  if (!isConfirmationNumber(confirmationNumber)) {
    throw new Error('createTicket: the confirmation number generator returned a malformed number');
  }
  const submittedAt = now.toISOString();
  const ackDueAt = calendar.ackDueAt(now).toISOString();
  const ticket: Ticket = {
    confirmationNumber,
    tenantId,
    reporter,
    category,
    report,
    state: 'submitted',
    openQuestions: [],
    additions: [],
    submittedAt,
    ackDueAt,
    updatedAt: submittedAt,
    version: 1,
  };
  return {
    ok: true,
    ticket,
    events: [
      {
        type: 'submitted',
        actor: reporter,
        at: submittedAt,
        data: { confirmationNumber, category, title: report.title, ackDueAt },
      },
    ],
  };
}
