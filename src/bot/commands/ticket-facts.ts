import type { TicketSummary } from '../../backend/ticket-backend';
import type { Locale } from '../../i18n/locale';
import type { Translator } from '../../i18n/translate';
import { severityName } from '../../cards/describe-ticket-event';
import { formatShortDateTime } from '../../cards/format-date-time';

export interface Fact {
  readonly title: string;
  readonly value: string;
}

/**
 * A ticket list entry's facts: category, state, priority and severity once support set them, and when it
 * was submitted. Labels and state names are the status card's (ticketStatus.*), so both read alike.
 */
export function ticketFacts(t: Translator, locale: Locale, zone: string, ticket: TicketSummary): Fact[] {
  return [
    { title: t('ticketStatus.category'), value: t(`report.category.${ticket.category}`) },
    { title: t('ticketStatus.state'), value: t(`ticketStatus.stateName.${ticket.state}`) },
    ...(ticket.priority ? [{ title: t('ticketStatus.priority'), value: ticket.priority }] : []),
    ...(ticket.severity
      ? [{ title: t('ticketStatus.severity'), value: severityName(t, ticket.severity) }]
      : []),
    { title: t('ticketStatus.submittedAt'), value: formatShortDateTime(ticket.submittedAt, locale, zone) },
  ];
}
