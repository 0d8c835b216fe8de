import type { HistoryEntry, TicketRecord } from '../tickets';
import { CardTooLargeError, renderCard, type AdaptiveCard } from './render-card';
import { ticketStatusData } from './ticket-status-data';
import type { Locale } from '../i18n/locale';
import type { Translator } from '../i18n/translate';
import { describeTicketEvent } from './describe-ticket-event';

/** The most recent events shown on one card; earlier ones are a page each (`timelinePageCard`). */
const MAX_EVENTS = 25;

/** The `{ cmd }` of the "Show earlier events" button (src/bot/commands/timeline-page-command.ts). */
export const TIMELINE_PAGE_COMMAND = 'timeline-page';

/** Who reads the timeline: their language, time zone and user id (their own actions read "You"). */
export interface TimelineReader {
  readonly t: Translator;
  readonly locale: Locale;
  readonly zone: string;
  readonly viewerId?: string;
}

/** The events before `before` (a seq; all when undefined), the latest `shown` of them, oldest first. */
function pageOf(history: readonly HistoryEntry[], before: number | undefined, shown: number) {
  const ordered = [...history]
    .sort((a, b) => a.seq - b.seq)
    .filter((e) => before === undefined || e.seq < before);
  const events = ordered.slice(Math.max(0, ordered.length - shown));
  const hidden = ordered.length - events.length;
  return { events, hidden };
}

/** "N earlier events are not shown" and the button that shows them, when there are any. */
function earlierData(
  reader: TimelineReader,
  record: TicketRecord,
  page: ReturnType<typeof pageOf>,
): Record<string, unknown> {
  const first = page.events[0];
  if (page.hidden === 0 || !first) return {};
  return {
    earlierText: reader.t('tickets.status.earlier', { count: page.hidden }),
    earlier: {
      title: reader.t('tickets.status.showEarlier'),
      data: {
        cmd: TIMELINE_PAGE_COMMAND,
        confirmationNumber: record.ticket.confirmationNumber,
        before: first.seq,
      },
    },
  };
}

function renderTimeline(
  reader: TimelineReader,
  record: TicketRecord,
  history: readonly HistoryEntry[],
  shown: number,
) {
  const { t, locale, zone, viewerId } = reader;
  const { ticket } = record;
  const page = pageOf(history, undefined, shown);
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
    ...earlierData(reader, record, page),
    events: page.events.map((entry) => describeTicketEvent(t, locale, zone, entry.event, viewerId)),
    refreshData: { cmd: 'status', confirmationNumber: ticket.confirmationNumber },
  });
}

/** Tries `MAX_EVENTS`, then half as many, until the card fits Teams' size limit. */
function fitting(render: (shown: number) => AdaptiveCard): AdaptiveCard {
  for (let shown = MAX_EVENTS; ; shown = Math.floor(shown / 2)) {
    try {
      return render(shown);
    } catch (error) {
      if (!(error instanceof CardTooLargeError) || shown === 0) throw error;
    }
  }
}

/**
 * The timeline card: the ticket's status and its latest events, fewer if a history of long messages
 * would pass Teams' size limit. A long history pages ("Show earlier events") rather than grows.
 */
export function timelineCard(
  reader: TimelineReader,
  record: TicketRecord,
  history: readonly HistoryEntry[],
): AdaptiveCard {
  return fitting((shown) => renderTimeline(reader, record, history, shown));
}

/** One page of earlier events: those before `before` (a seq), the latest that fit, oldest first. */
export function timelinePageCard(
  reader: TimelineReader,
  record: TicketRecord,
  history: readonly HistoryEntry[],
  before: number,
): AdaptiveCard {
  const { t, locale, zone, viewerId } = reader;
  const number = record.ticket.confirmationNumber;
  return fitting((shown) => {
    const page = pageOf(history, before, shown);
    return renderCard('ticket-timeline-page', locale, {
      heading: t('tickets.status.earlierTitle', { number }),
      timeZoneText: t('tickets.status.timeZone', { zone }),
      ...earlierData(reader, record, page),
      events: page.events.map((entry) => describeTicketEvent(t, locale, zone, entry.event, viewerId)),
      latestData: { cmd: 'status', confirmationNumber: number },
    });
  });
}
