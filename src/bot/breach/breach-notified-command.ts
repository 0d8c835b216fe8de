import type { TicketBackend } from '../../backend/ticket-backend';
import { formatDateTime } from '../../cards/format-date-time';
import { findConfirmationNumber, normaliseConfirmationNumber } from '../../domain/ticket';
import type { Command } from '../commands/command';
import { publisherOf } from '../correspondence/correspondence';
import { limited, type LookupLimits } from '../lookup-limits/lookup-limits';
import type { Turn } from '../turn';
import { userTimeZone } from '../user-time-zone';

/**
 * "I have notified the authority" (GDPR Art. 33) on the status card or the reminder, or typed
 * `authority notified SEC-…`: the publisher's mark that the supervisory authority has been notified of
 * the breach. It asks nothing else; the time of the mark is what the history keeps. After it no reminder
 * comes, and every card about the ticket shows it (through the outbox, like any change).
 */
export function breachNotifiedCommand(deps: {
  readonly backend: TicketBackend;
  /** A look-up by number like `status`: the same limits against guessing. */
  readonly lookups: LookupLimits;
}): Command {
  return {
    name: 'breach_notified',
    words: ['authority notified', 'орган уведомлён', 'орган уведомлен'],
    run: async (turn, args, value) => {
      const raw = typeof value?.confirmationNumber === 'string' ? value.confirmationNumber : args;
      const number = normaliseConfirmationNumber(raw.trim()) ?? findConfirmationNumber(raw);
      if (!number) {
        await turn.context.sendActivity(turn.t('tickets.breach.usage'));
        return;
      }
      const found = await deps.lookups.byNumber(turn, () => deps.backend.getForTenant(turn.tenantId, number));
      if (found === limited) return;
      if (!found) {
        await turn.context.sendActivity(turn.t('tickets.status.notFound', { number }));
        return;
      }
      const confirmationNumber = found.ticket.confirmationNumber;
      const result = await deps.backend.publisherCommand(
        turn.tenantId,
        confirmationNumber,
        { type: 'mark_breach_notified' },
        publisherOf(turn),
      );
      if (result.ok) {
        turn.log.info(
          { event: 'ticket.breach_notification_done', ticket: confirmationNumber },
          'publisher marked the supervisory authority notified',
        );
        await turn.context.sendActivity(turn.t('tickets.breach.done', { number: confirmationNumber }));
        return;
      }
      const { error } = result;
      turn.log.info(
        { event: 'ticket.breach_mark_refused', ticket: confirmationNumber, reason: error.key },
        'breach notification mark refused',
      );
      const zone = userTimeZone(turn.context.activity) ?? found.timeZone;
      await turn.context.sendActivity(replyFor(turn, confirmationNumber, error, zone));
    },
  };
}

function replyFor(
  turn: Turn,
  number: string,
  error: { readonly key: string; readonly at?: string },
  zone: string | undefined,
): string {
  switch (error.key) {
    case 'ticket.breach.alreadyNotified':
      return turn.t('tickets.breach.already', {
        number,
        at: error.at ? formatDateTime(error.at, turn.locale, zone) : '',
      });
    case 'ticket.breach.notApplicable':
      return turn.t('tickets.breach.notApplicable', { number });
    case 'ticket.backendUnavailable':
      return turn.t('correspondence.reply.unavailable', { number });
    case 'ticket.actor.notAllowed':
      return turn.t('tickets.breach.notHere', { number });
    default:
      return turn.t('tickets.status.notFound', { number });
  }
}
