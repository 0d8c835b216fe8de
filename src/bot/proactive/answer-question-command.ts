import type { TicketBackend } from '../../backend/ticket-backend';
import { normaliseConfirmationNumber } from '../../domain/ticket';
import type { Command } from '../commands/command';
import type { Turn } from '../turn';

/**
 * "Send answer" on a question from support (cards/notification-question.json): the typed answer becomes
 * `answer_question` on the ticket, as the publisher, within their own tenant. The reply says what happened.
 */
export function createAnswerQuestionCommand(backend: TicketBackend): Command {
  return {
    name: 'answer_question',
    words: [],
    async run(turn: Turn, _args: string, value?: Readonly<Record<string, unknown>>) {
      const number =
        typeof value?.confirmationNumber === 'string'
          ? normaliseConfirmationNumber(value.confirmationNumber)
          : undefined;
      const answer = typeof value?.answer === 'string' ? value.answer.trim() : '';
      if (!number) {
        await turn.context.sendActivity(turn.t('notify.answer.notFound'));
        return;
      }
      if (!answer) {
        await turn.context.sendActivity(turn.t('notify.answer.empty'));
        return;
      }
      const result = await backend.publisherCommand(
        turn.tenantId,
        number,
        { type: 'answer_question', answer },
        { kind: 'publisher', id: turn.userId, ...(turn.userName ? { name: turn.userName } : {}) },
      );
      if (result.ok) {
        turn.log.info({ event: 'notify.answered', ticket: number }, 'publisher answered a question');
        await turn.context.sendActivity(turn.t('notify.answer.sent', { number }));
        return;
      }
      const key = result.error.key;
      turn.log.info({ event: 'notify.answer_refused', ticket: number, reason: key }, 'answer refused');
      if (key === 'ticket.notFound') await turn.context.sendActivity(turn.t('notify.answer.notFound'));
      else if (key === 'ticket.backendUnavailable')
        await turn.context.sendActivity(turn.t('notify.answer.unavailable'));
      else if (key === 'ticket.transition.notAllowed')
        await turn.context.sendActivity(turn.t('notify.answer.notAwaiting', { number }));
      else await turn.context.sendActivity(turn.t('notify.answer.invalid'));
    },
  };
}
