import { renderCard, type AdaptiveCard } from '../cards/render-card';
import type { Outcome, TicketEvent } from '../domain/ticket';
import { textLimits } from '../domain/ticket';
import type { Locale } from '../i18n/locale';
import { translate, type TranslationParams } from '../i18n/translate';
import { formatNotifyDate } from '../cards/format-date-time';

/** What a notification says about the ticket beside the event itself. */
export interface NotificationTicket {
  readonly confirmationNumber: string;
  readonly title: string;
  readonly timeZone?: string;
}

export interface Notification {
  readonly card: AdaptiveCard;
  /** One line for the Teams notification toast and for clients that cannot show the card. */
  readonly text: string;
}

interface UpdateData {
  /** A reply box, on messages the publisher may well answer (support's message, the outcome). */
  reply?: Record<string, unknown>;
  /** Buttons under the message (the GDPR reminder's "I have notified the authority"). */
  actions?: Array<{ title: string; data: Record<string, unknown> }>;
  title: string;
  paragraphs: string[];
  facts: Array<{ title: string; value: string }>;
  quotes: Array<{ label: string; text: string }>;
  notes: string[];
}

/**
 * Whether the publisher gets a new message for the event: not for their own submission, answer or
 * message, nor for the internal start of the assessment. Decided without rendering anything.
 */
export function notifiesPublisher(event: TicketEvent): boolean {
  switch (event.type) {
    case 'submitted':
    case 'question_answered':
    case 'assessment_started':
      return false;
    case 'message_posted':
      return event.actor.kind === 'support';
    // The publisher's own additions and withdrawal are answered in the turn; the cards show them.
    // Files: the publisher gets a receipt in the turn; support's downloads are no news to them.
    case 'information_added':
    case 'evidence_added':
    case 'evidence_downloaded':
      return false;
    // The publisher's own mark is answered in the turn; the reminder is the news.
    case 'breach_notification_done':
      return false;
    // Customer drafts: the publisher's own share and answer are answered in the turn; support's
    // proposal and drafts going out of date are news (buildDraftNotification renders them).
    case 'customer_draft_shared':
    case 'customer_draft_answered':
      return false;
    case 'customer_draft_proposed':
    case 'customer_drafts_outdated':
      return true;
    case 'closed':
      return event.actor.kind !== 'publisher';
    default:
      return true;
  }
}

/**
 * The new message the publisher receives for an event, or undefined when `notifiesPublisher` says no.
 * Text from support (questions, messages, the outcome) is shown as plain text runs, never as markdown.
 */
export function buildNotification(
  event: TicketEvent,
  ticket: NotificationTicket,
  locale: Locale,
): Notification | undefined {
  const t = (key: string, params?: TranslationParams) => translate(locale, `notify.${key}`, params);
  const when = (value: string) => formatNotifyDate(value, locale, ticket.timeZone);
  const common = {
    ticketLine: t('ticketLine', { number: ticket.confirmationNumber, title: ticket.title }),
    cite: t('citeNumber', { number: ticket.confirmationNumber }),
  };
  const update = (data: UpdateData): Notification => ({
    card: renderCard('notification-update', locale, { ...common, ...data }),
    text: `${data.title} (${ticket.confirmationNumber})`,
  });
  const empty: UpdateData = { title: '', paragraphs: [], facts: [], quotes: [], notes: [] };

  if (!notifiesPublisher(event)) return undefined;
  switch (event.type) {
    // Draft proposals and drafts out of date are rendered from the drafts themselves:
    // src/notify/build-draft-notification.ts.
    case 'submitted':
    case 'question_answered':
    case 'assessment_started':
    case 'information_added':
    case 'evidence_added':
    case 'evidence_downloaded':
    case 'breach_notification_done':
    case 'customer_draft_shared':
    case 'customer_draft_answered':
    case 'customer_draft_proposed':
    case 'customer_drafts_outdated':
      return undefined;
    case 'message_posted': {
      return update({
        ...empty,
        reply: replyBox(ticket.confirmationNumber, locale),
        title: t('message.title'),
        quotes: [{ label: t('message.label'), text: event.data.message }],
      });
    }
    case 'acknowledged': {
      const { priority, severity, late } = event.data;
      const nextUpdate = t(`nextUpdate.${priority}`);
      return update({
        ...empty,
        title: t('acknowledged.title'),
        paragraphs: [t('acknowledged.body', { nextUpdate }), ...(late ? [t('acknowledged.late')] : [])],
        facts: [
          { title: t('facts.priority'), value: t(`priority.${priority}`) },
          { title: t('facts.severity'), value: t(`severity.${severity}`) },
          { title: t('facts.nextUpdate'), value: nextUpdate },
        ],
      });
    }
    case 'priority_changed':
    case 'severity_changed': {
      const field = event.type === 'priority_changed' ? 'priority' : 'severity';
      const section = event.type === 'priority_changed' ? 'priorityChanged' : 'severityChanged';
      const { from, to, reason } = event.data;
      // Severities are words in the reader's language; priorities are codes (P1…P4) in every language.
      const name = (value: string) =>
        field === 'severity' ? translate(locale, `cvss.rating.${value}`) : value;
      return update({
        ...empty,
        title: t(`${section}.title`),
        paragraphs: [t(`${section}.body`, { from: name(from), to: name(to) })],
        facts: [{ title: t(`facts.${field}`), value: t(`${field}.${to}`) }],
        quotes: reason ? [{ label: t(`${section}.reason`), text: reason }] : [],
      });
    }
    case 'question_asked':
      return {
        card: renderQuestionCard(ticket, event.data.question, locale),
        text: `${t('question.title')} (${ticket.confirmationNumber})`,
      };
    case 'outcome_set':
      return update({
        ...outcomeData(event.data.outcome, t, when, empty),
        reply: replyBox(ticket.confirmationNumber, locale),
        // The decision is what customers need to hear about: drafting their message is the next step.
        actions: [
          {
            title: translate(locale, 'drafts.action.draftForCustomers'),
            data: { cmd: 'draft', confirmationNumber: ticket.confirmationNumber },
          },
        ],
      });
    case 'closed': {
      const { reason, note, duplicateOf } = event.data;
      return update({
        ...empty,
        title: t('closed.title'),
        paragraphs: [t(`closed.${reason}`, { number: duplicateOf ?? '' })],
        quotes: note ? [{ label: t('closed.note'), text: note }] : [],
      });
    }
    case 'ack_overdue':
      return update({
        ...empty,
        title: t('ackOverdue.title'),
        paragraphs: [t('ackOverdue.body', { dueAt: when(event.data.dueAt) }), t('ackOverdue.next')],
      });
    case 'breach_reminder_due':
      return update({
        ...empty,
        title: t('breachReminder.title'),
        paragraphs: [t('breachReminder.body', { dueAt: when(event.data.dueAt) }), t('breachReminder.next')],
        facts: [{ title: t('facts.breachDeadline'), value: when(event.data.dueAt) }],
        actions: [
          {
            title: t('breachReminder.markDone'),
            data: { cmd: 'breach_notified', confirmationNumber: ticket.confirmationNumber },
          },
        ],
      });
  }
}

/** The reply box the status card has too (bot/correspondence answers it). */
function replyBox(number: string, locale: Locale): Record<string, unknown> {
  const t = (key: string, params?: TranslationParams) =>
    translate(locale, `ticketStatus.reply.${key}`, params);
  return {
    label: t('label', { max: textLimits.message }),
    placeholder: t('placeholder', { number }),
    send: t('send'),
    data: { cmd: 'reply', confirmationNumber: number },
  };
}

/**
 * Support's question with a box for the answer; once answered (a later `question_answered`), the same
 * card shows the answer and when it was sent instead, so the card in the chat tells the truth.
 */
export function renderQuestionCard(
  ticket: NotificationTicket,
  question: string,
  locale: Locale,
  answered?: { readonly text: string; readonly at: string },
): AdaptiveCard {
  const t = (key: string, params?: TranslationParams) => translate(locale, `notify.${key}`, params);
  return renderCard('notification-question', locale, {
    ticketLine: t('ticketLine', { number: ticket.confirmationNumber, title: ticket.title }),
    cite: t('citeNumber', { number: ticket.confirmationNumber }),
    title: t(answered ? 'question.answeredTitle' : 'question.title'),
    question,
    confirmationNumber: ticket.confirmationNumber,
    answerLabel: t('question.answerLabelLimit', { max: textLimits.answer }),
    ...(answered
      ? {
          answered: {
            heading: t('question.answeredAt', {
              when: formatNotifyDate(answered.at, locale, ticket.timeZone),
            }),
            text: answered.text,
          },
        }
      : {}),
  });
}

function outcomeData(
  outcome: Outcome,
  t: (key: string, params?: TranslationParams) => string,
  when: (value: string) => string,
  empty: UpdateData,
): UpdateData {
  const data: UpdateData = {
    ...empty,
    title: t('outcome.title'),
    paragraphs: [t(`outcome.kind.${outcome.kind}`)],
    quotes: [{ label: t('outcome.assessment'), text: outcome.summary }],
    notes: [],
  };
  if (outcome.kind === 'change_requested') {
    data.quotes.push({ label: t('outcome.whatMustChange'), text: outcome.whatMustChange });
    data.facts.push({ title: t('facts.dueBy'), value: when(outcome.dueBy) });
  }
  if (outcome.kind === 'offer_removed') {
    data.paragraphs.push(t('outcome.removedMeans'));
    data.facts.push({ title: t('facts.removal'), value: t(`outcome.${outcome.removal}`) });
    data.quotes.push({ label: t('outcome.reason'), text: outcome.reason });
    if (outcome.removal === 'temporary') {
      data.notes.push(t('outcome.temporaryBody'));
      if (outcome.restoreSteps)
        data.quotes.push({ label: t('outcome.restoreSteps'), text: outcome.restoreSteps });
      else data.notes.push(`${t('outcome.restoreSteps')}: ${t('outcome.restoreDefault')}`);
    } else {
      data.notes.push(t('outcome.permanentBody'));
    }
  }
  if (outcome.kind !== 'no_action_needed') data.notes.push(t('outcome.help'));
  return data;
}
