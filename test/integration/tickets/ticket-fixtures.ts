import { randomUUID } from 'node:crypto';
import { vulnerabilitySubmission as submission } from '../../support/submissions';
import type { Submission } from '../../../src/backend/ticket-backend';
import { applyAndSave } from '../../../src/backend/embedded/apply-and-save';
import { TicketStore } from '../../../src/tickets';
import type { Actor, TicketCommand } from '../../../src/domain/ticket';
import type { TestApp } from '../../support/test-app';

export const analyst: Actor = { kind: 'support', id: 'aad-analyst-1', name: 'Sam Support' };

/** A vulnerability report as the report dialog would submit it for `tenantId`. */
export function vulnerabilitySubmission(tenantId: string, title: string): Submission {
  const base = submission({ submissionKey: randomUUID(), tenantId, locale: 'en' });
  return { ...base, report: { ...base.report, title } };
}

/** Files a ticket through the backend, as a report would be; returns its confirmation number. */
export async function fileTicket(app: TestApp, tenantId: string, title: string): Promise<string> {
  const result = await app.app.backend.submit(vulnerabilitySubmission(tenantId, title));
  if (!result.ok) throw new Error(`fixture report refused: ${JSON.stringify(result.error)}`);
  return result.record.ticket.confirmationNumber;
}

/** What support does through its API or cards, applied straight to the store. */
export async function supportDoes(
  app: TestApp,
  tenantId: string,
  number: string,
  command: TicketCommand,
  now: Date,
): Promise<void> {
  const repository = new TicketStore(app.app.store.db);
  const stored = await repository.findForTenant(tenantId, number);
  if (!stored) throw new Error(`no ticket ${number}`);
  const result = await applyAndSave(repository, stored, command, analyst, now);
  if (!result.ok) throw new Error(`support command refused: ${JSON.stringify(result)}`);
}
