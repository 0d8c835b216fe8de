import type { SupportCalendar } from '../domain/calendar';
import {
  createTicket,
  generateConfirmationNumber,
  type ConfirmationNumberGenerator,
  type TicketError,
} from '../domain/ticket';
import { isUniqueViolation } from '../store/create-store';
import type { StoredTicket, TicketStore } from '../tickets';
import { readSubmissionExtras } from './read-submission-extras';
import type { Submission } from './ticket-backend';

export interface FileTicketDeps {
  readonly repository: TicketStore;
  readonly calendar: Pick<SupportCalendar, 'ackDueAt'>;
  readonly numberGenerator?: ConfirmationNumberGenerator;
}

export type FileTicketResult =
  | { readonly ok: true; readonly stored: StoredTicket; readonly duplicate: boolean }
  | { readonly ok: false; readonly error: TicketError; readonly errors: readonly TicketError[] };

/** A clash among 6.6·10^11 numbers is rare; several in a row means the generator is broken. */
const maxNumberAttempts = 5;
const submissionKeyConstraint = { table: 'tickets', columns: ['tenant_id', 'submission_key'] };
const confirmationNumberConstraint = { table: 'tickets', columns: ['confirmation_number'] };

/**
 * Files a report once per (tenant, submission key): builds the ticket with the domain (confirmation
 * number, acknowledgement due time) and stores it with its events in one transaction. A key already
 * filed — also by a concurrent request that won the race — returns that first ticket as a duplicate:
 * the insert finds it taken (the unique key), so a first submission is not preceded by a look-up.
 * A confirmation number that is taken is drawn again.
 */
export async function fileTicket(
  deps: FileTicketDeps,
  submission: Submission,
  now: Date,
  options: { delivery: 'local' | 'pending'; outbox: boolean; proposedNumber?: string },
): Promise<FileTicketResult> {
  const extras = readSubmissionExtras(submission);
  if (!extras.ok) return { ok: false, error: extras.error, errors: [extras.error] };
  const { submissionKey } = extras.extras;
  const tenantId = typeof submission.tenantId === 'string' ? submission.tenantId : '';

  const generate = deps.numberGenerator ?? (() => generateConfirmationNumber());
  let proposed = options.proposedNumber;
  for (let attempt = 1; attempt <= maxNumberAttempts; attempt++) {
    const numberGenerator = () => {
      const number = proposed ?? generate();
      proposed = undefined;
      return number;
    };
    const created = createTicket(
      {
        tenantId: submission.tenantId,
        reporter: {
          id: submission.reporter?.id,
          ...(submission.reporter?.name !== undefined ? { name: submission.reporter.name } : {}),
        },
        category: submission.category,
        report: submission.report,
      },
      now,
      numberGenerator,
      deps.calendar,
    );
    if (!created.ok) {
      // A key already filed answers with its ticket whatever is sent again with it.
      const earlier = tenantId
        ? await deps.repository.findBySubmissionKey(tenantId, submissionKey)
        : undefined;
      if (earlier) return { ok: true, stored: earlier, duplicate: true };
      return { ok: false, error: created.error, errors: created.errors };
    }
    try {
      const stored = await deps.repository.insertNew(created.ticket, created.events, {
        ...extras.extras,
        delivery: options.delivery,
        outbox: options.outbox,
      });
      return { ok: true, stored, duplicate: false };
    } catch (err) {
      if (isUniqueViolation(err, submissionKeyConstraint)) {
        const winner = await deps.repository.findBySubmissionKey(created.ticket.tenantId, submissionKey);
        if (winner) return { ok: true, stored: winner, duplicate: true };
      }
      if (!isUniqueViolation(err, confirmationNumberConstraint)) throw err;
    }
  }
  throw new Error(`no free confirmation number after ${maxNumberAttempts} attempts; check the generator`);
}
