import { createHash } from 'node:crypto';
import type { TicketBackend, TicketRecord } from '../../backend/ticket-backend';
import { CardTooLargeError, renderCard } from '../../cards/render-card';
import { echoNumber } from '../../domain/echo-text';
import { cleanText, normaliseConfirmationNumber, textLimits, type Actor } from '../../domain/ticket';
import type { IdempotentResponses } from '../../store/idempotent-responses';
import { limited, type LookupLimits } from '../lookup-limits/lookup-limits';
import { sendCard } from '../send-card';
import type { Turn } from '../turn';

/** How a reply ended, as the publisher is told (every message names the confirmation number). */
type ReplyOutcome = 'sent' | 'answered' | 'notFound' | 'unavailable';

/**
 * The publisher writing to support about a ticket after submission — typed (`reply SEC-… text`), from a
 * card's reply box, from a question card, or free text they chose to send. At `awaiting_publisher` a
 * reply is the answer to support's question; otherwise it is a message. Either way it is stored on the
 * ticket as correspondence (the history), which updates every card and tells support.
 *
 * - Nothing is cut: an over-long reply is refused with its length and the limit, and handed back in a
 *   card with the full text to edit.
 * - No oracle: another tenant's ticket, an unknown number and a closed ticket get the same answer.
 * - A double press (or Teams retrying a message) sends once: the same text from the same card or
 *   activity is remembered for a day.
 * - Nothing here touches an open report draft.
 */
export class Correspondence {
  constructor(
    private readonly deps: {
      readonly backend: TicketBackend;
      readonly idempotency: IdempotentResponses;
      readonly lookups: LookupLimits;
    },
  ) {}

  /** `source` names where the text came from (the card's activity, or the message's own id). */
  async reply(turn: Turn, rawNumber: string, rawText: string, source: string | undefined): Promise<void> {
    const number = normaliseConfirmationNumber(rawNumber);
    if (!number) {
      await turn.context.sendActivity(
        turn.t('correspondence.reply.notFound', { number: echoNumber(rawNumber) }),
      );
      return;
    }
    const text = cleanText(rawText, false);
    if (text === '') {
      await turn.context.sendActivity(turn.t('correspondence.reply.empty', { number }));
      return;
    }
    const length = [...text].length;
    if (length > textLimits.message) {
      turn.log.info({ event: 'reply.too_long', ticket: number, length }, 'reply refused: too long');
      const problem = turn.t('correspondence.reply.tooLong', { number, length, max: textLimits.message });
      await handBack(turn, number, text, problem);
      return;
    }
    // Counted before the remembered run, so a refusal is never replayed as the reply's answer.
    const seen = await this.deps.lookups.byNumber(turn, () =>
      this.deps.backend.getForTenant(turn.tenantId, number),
    );
    if (seen === limited) return;
    const key = [
      'reply',
      turn.tenantId,
      turn.userId,
      source ?? turn.context.activity.id ?? '',
      createHash('sha256').update(`${number}\n${text}`).digest('hex'),
    ].join('/');
    const run = await this.deps.idempotency.run(key, 'bot.reply', async () => ({
      status: 200,
      body: await this.store(turn, number, seen, text),
    }));
    if (run.kind === 'inProgress' || run.kind === 'mismatch') return;
    const outcome = (run.response.body as { outcome?: ReplyOutcome }).outcome ?? 'notFound';
    if (run.kind === 'replayed')
      turn.log.info({ event: 'reply.repeated', ticket: number }, 'reply already sent');
    await turn.context.sendActivity(turn.t(`correspondence.reply.${outcome}`, { number }));
  }

  /**
   * `record` is the ticket as the look-up just read it: the command below starts from it and re-applies
   * itself to whatever a concurrent change made of it, so a second read here would add nothing.
   */
  private async store(
    turn: Turn,
    number: string,
    record: TicketRecord | undefined,
    text: string,
  ): Promise<{ outcome: ReplyOutcome }> {
    if (!isOpen(record)) {
      turn.log.info({ event: 'reply.not_found' }, 'reply to a ticket outside the tenant, unknown or closed');
      return { outcome: 'notFound' };
    }
    const answering = record.ticket.state === 'awaiting_publisher';
    const result = await this.deps.backend.publisherCommand(
      turn.tenantId,
      number,
      answering ? { type: 'answer_question', answer: text } : { type: 'post_message', message: text },
      publisherOf(turn),
      record,
    );
    if (result.ok) {
      turn.log.info(
        { event: answering ? 'reply.answered' : 'reply.sent', ticket: number },
        'publisher replied',
      );
      return { outcome: answering ? 'answered' : 'sent' };
    }
    turn.log.info({ event: 'reply.refused', ticket: number, reason: result.error.key }, 'reply refused');
    return { outcome: result.error.key === 'ticket.backendUnavailable' ? 'unavailable' : 'notFound' };
  }
}

export function isOpen(record: TicketRecord | undefined): record is TicketRecord {
  return record !== undefined && record.ticket.state !== 'closed';
}

export function publisherOf(turn: Turn): Actor {
  return { kind: 'publisher', id: turn.userId, ...(turn.userName ? { name: turn.userName } : {}) };
}

/**
 * Hands a refused reply back in a card with the whole text to edit; a text too large even for a card
 * (Teams' message limit) is left in the publisher's own message, and the reason is said in words.
 */
export async function handBack(turn: Turn, number: string, text: string, problem: string): Promise<void> {
  let card;
  try {
    card = replyCard(turn, number, text, problem);
  } catch (error) {
    if (!(error instanceof CardTooLargeError)) throw error;
    await turn.context.sendActivity(problem);
    return;
  }
  await sendCard(turn.context, card);
}

/** The reply handed back for editing: the whole text, the problem, and the limit. */
export function replyCard(turn: Turn, number: string, text: string, problem?: string) {
  return renderCard('reply', turn.locale, {
    heading: turn.t('correspondence.reply.cardTitle', { number }),
    label: turn.t('correspondence.reply.cardLabel', { max: textLimits.message }),
    send: turn.t('correspondence.reply.cardSend'),
    confirmationNumber: number,
    text,
    ...(problem ? { problem } : {}),
  });
}
