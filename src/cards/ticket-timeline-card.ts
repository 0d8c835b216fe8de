import type { HistoryEntry, TicketRecord } from '../tickets';
import { CardTooLargeError, renderCard, type AdaptiveCard } from './render-card';
import { ticketStatusData } from './ticket-status-data';
import type { Locale } from '../i18n/locale';
import type { Translator } from '../i18n/translate';
import { describeTicketEvent } from './describe-ticket-event';

/** The most recent events shown; a long-running ticket's full history is on the support side. */
const MAX_EVENTS = 25;

/** Who reads the timeline: their language, time zone and user id (their own actions read "You"). */
export interface TimelineReader {
  readonly t: Translator;
  readonly locale: Locale;
  readonly zone: string;
  readonly viewerId?: string;
}

function renderTimeline(
  reader: TimelineReader,
  record: TicketRecord,
  history: readonly HistoryEntry[],
  shown: number,
) {
  const { t, locale, zone, viewerId } = reader;
  const { ticket } = record;
  const ordered = [...history].sort((a, b) => a.seq - b.seq);
  const recent = ordered.slice(Math.max(0, ordered.length - shown));
  const hidden = ordered.length - recent.length;
  // The summary is the status card's (the report dialog's builder), so both cards read alike.
  const status = ticketStatusData(ticket, {
    locale,
    timeZone: zone,
    heading: t('tickets.status.title', {
      number: ticket.confirmationNumber,
      state: t(`ticketStatus.stateName.${ticket.state}`),
    }),
  });
  return renderCard('ticket-timeline', locale, {
    ...status,
    timeZoneText: t('tickets.status.timeZone', { zone }),
    ...(hidden > 0 ? { earlierText: t('tickets.status.earlier', { count: hidden }) } : {}),
    events: recent.map((entry) => describeTicketEvent(t, locale, zone, entry.event, viewerId)),
    refreshData: { cmd: 'status', confirmationNumber: ticket.confirmationNumber },
  });
}

/** The timeline card, with fewer events if a history of long messages would exceed Teams' size limit. */
export function timelineCard(
  reader: TimelineReader,
  record: TicketRecord,
  history: readonly HistoryEntry[],
): AdaptiveCard {
  for (let shown = MAX_EVENTS; ; shown = Math.floor(shown / 2)) {
    try {
      return renderTimeline(reader, record, history, shown);
    } catch (error) {
      if (!(error instanceof CardTooLargeError) || shown === 0) throw error;
    }
  }
}
