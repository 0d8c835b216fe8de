import { breachClock, type Ticket } from '../domain/ticket';
import type { Locale } from '../i18n/locale';
import type { Translator } from '../i18n/translate';
import { formatDate, formatDateTime } from './format-date-time';

/**
 * The GDPR Art. 33 part of a ticket's status card: the 72-hour deadline in the reader's language and
 * time zone, and the "I have notified the authority" button until it is pressed. Undefined for a ticket
 * the clock does not apply to. Shown in any state, closed included: the obligation outlives the ticket.
 */
export function breachClockData(
  ticket: Ticket,
  t: Translator,
  locale: Locale,
  timeZone: string | undefined,
  now: Date,
): Record<string, unknown> | undefined {
  const clock = breachClock(ticket, now);
  if (!clock) return undefined;
  const dueAt = formatDateTime(clock.dueAt, locale, timeZone);
  const awareOn = formatDate(clock.awareOn, locale);
  const counted = t(`ticketStatus.breach.countedFrom.${clock.from}`, { date: awareOn });
  const button = {
    title: t('ticketStatus.breach.markDone'),
    data: { cmd: 'breach_notified', confirmationNumber: ticket.confirmationNumber },
  };
  switch (clock.status) {
    case 'notified':
      return {
        style: 'good',
        title: t('ticketStatus.breach.title'),
        text: t('ticketStatus.breach.notified', {
          at: formatDateTime(clock.notifiedAt ?? clock.dueAt, locale, timeZone),
        }),
        deadline: { label: t('ticketStatus.breach.deadline'), value: dueAt, counted },
        actions: [],
      };
    case 'passed':
      return {
        style: 'attention',
        title: t('ticketStatus.breach.title'),
        text: t('ticketStatus.breach.passed', { dueAt }),
        deadline: { label: t('ticketStatus.breach.deadline'), value: dueAt, counted },
        actions: [button],
      };
    case 'running':
      return {
        style: 'warning',
        title: t('ticketStatus.breach.title'),
        text: t('ticketStatus.breach.running', { dueAt }),
        deadline: { label: t('ticketStatus.breach.deadline'), value: dueAt, counted },
        actions: [button],
      };
  }
}
