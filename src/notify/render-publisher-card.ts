import { ticketStatusData } from '../cards/ticket-status-data';
import { renderCard, type AdaptiveCard } from '../cards/render-card';
import { timelineCard } from '../cards/ticket-timeline-card';
import { pickLocale } from '../i18n/locale';
import { translator } from '../i18n/translate';
import { toTicketRecord, type HistoryEntry, type PostedCard, type StoredTicket } from '../tickets';
import { renderQuestionCard } from './build-notification';
import { customerDraftCard } from '../cards/customer-draft-card';
import type { CustomerDraft } from '../domain/notice';

/**
 * A card the bot posted about a ticket, rendered again for the ticket as it is now — in the language and
 * time zone it was first shown in — so updating it in place makes it tell the truth. Undefined when the
 * card has nothing left to show (a question card whose question is not in the history, a draft card whose
 * draft is not among `drafts`). `now` judges
 * the GDPR Art. 33 deadline on a status card.
 */
export function renderPublisherCard(
  card: PostedCard,
  stored: StoredTicket,
  history: readonly HistoryEntry[],
  now: Date,
  drafts: readonly CustomerDraft[] = [],
): AdaptiveCard | undefined {
  const locale = pickLocale(card.locale);
  const timeZone = card.timeZone ?? stored.timeZone;
  switch (card.kind) {
    case 'draft': {
      const draft = drafts.find((d) => d.id === card.draftId);
      if (!draft) return undefined;
      return customerDraftCard(draft, stored.ticket, {
        locale,
        ...(timeZone ? { timeZone } : {}),
        // Group chats and channels have thread ids; file consent cards exist only in personal chats.
        personalChat: !card.conversationId.includes('@thread'),
      });
    }
    case 'status':
      return renderCard(
        'ticket-status',
        locale,
        ticketStatusData(stored.ticket, { locale, now, ...(timeZone ? { timeZone } : {}) }),
      );
    case 'timeline':
      return timelineCard(
        {
          t: translator(locale),
          locale,
          zone: timeZone ?? 'UTC',
          ...(card.viewerId ? { viewerId: card.viewerId } : {}),
        },
        toTicketRecord(stored),
        history,
      );
    case 'question': {
      const asked = history.find((entry) => entry.seq === card.questionSeq);
      if (asked?.event.type !== 'question_asked') return undefined;
      const answer = history.find(
        (entry) => entry.seq > asked.seq && entry.event.type === 'question_answered',
      );
      return renderQuestionCard(
        {
          confirmationNumber: stored.ticket.confirmationNumber,
          title: stored.ticket.report.title,
          ...(timeZone ? { timeZone } : {}),
        },
        asked.event.data.question,
        locale,
        answer?.event.type === 'question_answered'
          ? { text: answer.event.data.answer, at: answer.event.at }
          : undefined,
      );
    }
  }
}
