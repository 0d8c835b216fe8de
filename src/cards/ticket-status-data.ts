import type { Ticket } from '../domain/ticket';
import type { Locale } from '../i18n/locale';
import { translator } from '../i18n/translate';
import { formatDateTime } from './format-date-time';
import { renderCard, type AdaptiveCard } from './render-card';

export interface TicketStatusOptions {
  readonly locale: Locale;
  /** The reporter's IANA time zone (TicketRecord.timeZone); times are shown in UTC without one. */
  readonly timeZone?: string;
  /** The card's heading; "Your report has been submitted" by default. */
  readonly heading?: string;
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
  const facts = [
    { label: t('ticketStatus.title'), value: ticket.report.title },
    { label: t('ticketStatus.category'), value: t(`report.category.${ticket.category}`) },
    {
      label: t('ticketStatus.offers'),
      value: ticket.report.offers.map((o) => `${o.name} (${o.offerId})`).join('\n'),
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
  ];
  const whatNext =
    ticket.state === 'outcome' && ticket.outcome
      ? t('ticketStatus.next.outcome', { outcome: t(`ticketStatus.outcome.${ticket.outcome.kind}`) })
      : t(`ticketStatus.next.${ticket.state}`);
  return {
    heading: options.heading ?? t('ticketStatus.submittedTitle'),
    confirmationNumber: number,
    facts,
    whatNext,
    howToCheck: t('ticketStatus.howToCheck', { number }),
  };
}

/** The ticket's status card, ready to send or to update in place. */
export function renderTicketStatusCard(ticket: Ticket, options: TicketStatusOptions): AdaptiveCard {
  return renderCard('ticket-status', options.locale, ticketStatusData(ticket, options));
}
