import type { TicketBackend } from '../../backend/ticket-backend';
import type { EvidenceService } from '../../evidence/evidence-service';
import type { Logger } from '../../logger';

/**
 * The report dialog's backend, with one addition: once a report is filed, the files held with its draft
 * (its id is the submission key) are given to the new ticket. A failure there is logged and leaves them
 * held (the submission stands); a repeated submit finds nothing more to give.
 */
export function attachHeldOnSubmit(
  backend: TicketBackend,
  evidence: EvidenceService,
  logger: Logger,
): TicketBackend {
  const submit: TicketBackend['submit'] = async (submission) => {
    const result = await backend.submit(submission);
    if (result.ok) {
      try {
        await evidence.attachHeld(
          submission.tenantId,
          submission.submissionKey,
          result.record.ticket.confirmationNumber,
        );
      } catch (error) {
        logger.error(
          { event: 'evidence.attach_held_failed', err: error },
          'files held with a draft were not attached to its ticket',
        );
      }
    }
    return result;
  };
  // Everything else is the backend's own, bound to it (a proxy keeps up with methods added later).
  return new Proxy(backend, {
    get(target, property, receiver) {
      if (property === 'submit') return submit;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
