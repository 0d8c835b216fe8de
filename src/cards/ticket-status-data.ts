import { currentReport, textLimits, type Outcome, type Ticket } from '../domain/ticket';
import type { Locale } from '../i18n/locale';
import { translator, type Translator } from '../i18n/translate';
import { breachClockData } from './breach-clock-data';
import { formatDate, formatDateTime } from './format-date-time';
import { renderCard, type AdaptiveCard } from './render-card';

export interface TicketStatusOptions {
  readonly locale: Locale;
  /** The reporter's IANA time zone (TicketRecord.timeZone); times are shown in UTC without one. */
  readonly timeZone?: string;
  /** The card's heading; by default it names where the ticket stands now. */
  readonly heading?: string;
  /**
   * Now, by the injected clock: judges the GDPR Art. 33 deadline (running or passed). Without it the
   * card leaves the deadline out (the timeline, which has its own history of it).
   */
  readonly now?: Date;
}

/**
 * The data of cards/ticket-status.json for a ticket as it stands now: the confirmation card the report
 * dialog sends, and the card notifications update in place as the ticket moves on. Every value the
 * publisher or support typed lands in a TextRun, never in markdown.
 */
export function ticketStatusData(ticket: Ticket, options: TicketStatusOptions): Record<string, unknown> {
  const { locale, timeZone } = options;
  const t = translator(locale);
  const at = (iso: string) => formatDateTime(iso, locale, timeZone);
  const number = ticket.confirmationNumber;
  const report = currentReport(ticket);
  const facts = [
    { label: t('ticketStatus.title'), value: ticket.report.title },
    { label: t('ticketStatus.category'), value: t(`report.category.${ticket.category}`) },
    {
      label: t('ticketStatus.offers'),
      value: report.offers.map((o) => `${o.name} (${o.offerId})`).join('\n'),
    },
    { label: t('ticketStatus.submittedAt'), value: at(ticket.submittedAt) },
    { label: t('ticketStatus.state'), value: t(`ticketStatus.stateName.${ticket.state}`) },
    { label: t('ticketStatus.priority'), value: ticket.priority ?? t('ticketStatus.notAssigned') },
    {
      label: t('ticketStatus.severity'),
      value: ticket.severity ? t(`cvss.rating.${ticket.severity}`) : t('ticketStatus.notAssigned'),
    },
    ticket.acknowledgedAt
      ? { label: t('ticketStatus.acknowledgedAt'), value: at(ticket.acknowledgedAt) }
      : { label: t('ticketStatus.ackDue'), value: at(ticket.ackDueAt) },
    ...(ticket.closedAt ? [{ label: t('ticketStatus.closedAt'), value: at(ticket.closedAt) }] : []),
  ];
  const open = ticket.state !== 'closed';
  const breach = options.now && breachClockData(ticket, t, locale, timeZone, options.now);
  const awaiting = ticket.state === 'awaiting_publisher';
  const heading =
    ticket.state === 'closed' && ticket.closeReason === 'withdrawn'
      ? t('ticketStatus.heading.withdrawn')
      : t(`ticketStatus.heading.${ticket.state}`);
  const whatNext =
    ticket.state === 'outcome' && ticket.outcome
      ? t('ticketStatus.next.outcome', { outcome: t(`ticketStatus.outcome.${ticket.outcome.kind}`) })
      : t(`ticketStatus.next.${ticket.state}`);
  return {
    heading: options.heading ?? heading,
    confirmationNumber: number,
    facts,
    whatNext,
    howToCheck: t('ticketStatus.howToCheck', { number }),
    ...(awaiting && ticket.openQuestions.length > 0
      ? { questions: ticket.openQuestions.map((q) => ({ text: q.question })) }
      : {}),
    ...(ticket.state === 'outcome' && ticket.outcome
      ? { outcome: outcomeData(t, locale, ticket.outcome) }
      : {}),
    ...(breach ? { breach } : {}),
    // Every card about an open ticket can take a reply; nothing typed is cut: the limit is stated here
    // and checked by the bot, which hands an over-long text back for editing.
    ...(open
      ? {
          reply: {
            label: t(awaiting ? 'ticketStatus.reply.answerLabel' : 'ticketStatus.reply.label', {
              max: textLimits.message,
            }),
            placeholder: t('ticketStatus.reply.placeholder', { number }),
            send: t(awaiting ? 'ticketStatus.reply.sendAnswer' : 'ticketStatus.reply.send'),
            data: { cmd: 'reply', confirmationNumber: number },
          },
          changeActions: [
            { title: t('ticketStatus.addInformation'), data: { cmd: 'add', confirmationNumber: number } },
            { title: t('ticketStatus.withdraw'), data: { cmd: 'withdraw', confirmationNumber: number } },
            { title: t('ticketStatus.draft'), data: { cmd: 'draft', confirmationNumber: number } },
          ],
        }
      : // Closed: only the message to customers is left to write.
        {
          changeActions: [
            { title: t('ticketStatus.draft'), data: { cmd: 'draft', confirmationNumber: number } },
          ],
        }),
  };
}

/** The ticket's status card, ready to send or to update in place. */
export function renderTicketStatusCard(ticket: Ticket, options: TicketStatusOptions): AdaptiveCard {
  return renderCard('ticket-status', options.locale, ticketStatusData(ticket, options));
}

/** The outcome and what it asks of the publisher, with the next steps for that kind of outcome. */
function outcomeData(t: Translator, locale: Locale, outcome: Outcome) {
  const facts: Array<{ label: string; value: string }> = [
    { label: t('ticketStatus.assessment'), value: outcome.summary },
  ];
  let next = t(`ticketStatus.outcomeNext.${outcome.kind}`);
  if (outcome.kind === 'change_requested') {
    const date = formatDate(outcome.dueBy, locale);
    facts.push(
      { label: t('ticketStatus.whatMustChange'), value: outcome.whatMustChange },
      { label: t('ticketStatus.dueBy'), value: date },
    );
    next = t('ticketStatus.outcomeNext.change_requested', { date });
  } else if (outcome.kind === 'offer_removed') {
    facts.push(
      { label: t('ticketStatus.removal'), value: t(`notify.outcome.${outcome.removal}`) },
      { label: t('ticketStatus.removalReason'), value: outcome.reason },
    );
    if (outcome.removal === 'temporary') {
      facts.push({
        label: t('ticketStatus.restore'),
        value: outcome.restoreSteps ?? t('notify.outcome.restoreDefault'),
      });
    } else next = `${next} ${t('notify.outcome.permanentBody')}`;
  }
  return {
    title: t('ticketStatus.outcomeTitle', { outcome: t(`ticketStatus.outcome.${outcome.kind}`) }),
    facts,
    next,
  };
}
