import type { HistoryEntry, TicketBackend, TicketRecord } from '../../backend/ticket-backend';
import { CardTooLargeError, renderCard, type AdaptiveCard } from '../../cards/render-card';
import { ticketStatusData } from '../../cards/ticket-status-data';
import { findConfirmationNumber, normaliseConfirmationNumber } from '../../domain/ticket';
import { sendCard } from '../send-card';
import type { Turn } from '../turn';
import type { Command } from './command';
import { describeTicketEvent } from './describe-ticket-event';
import { timeZoneOf } from './time-zone-of';

/** The most recent events shown; a long-running ticket's full history is on the support side. */
const MAX_EVENTS = 25;

function renderTimeline(turn: Turn, record: TicketRecord, history: readonly HistoryEntry[], shown: number) {
  const { t, locale } = turn;
  const { ticket } = record;
  const zone = timeZoneOf(turn.context.activity);
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
    events: recent.map((entry) => describeTicketEvent(t, locale, zone, entry.event)),
    refreshData: { cmd: 'status', confirmationNumber: ticket.confirmationNumber },
  });
}

/** The timeline card, with fewer events if a history of long messages would exceed Teams' size limit. */
export function timelineCard(
  turn: Turn,
  record: TicketRecord,
  history: readonly HistoryEntry[],
): AdaptiveCard {
  for (let shown = MAX_EVENTS; ; shown = Math.floor(shown / 2)) {
    try {
      return renderTimeline(turn, record, history, shown);
    } catch (error) {
      if (!(error instanceof CardTooLargeError) || shown === 0) throw error;
    }
  }
}

async function showStatus(turn: Turn, backend: TicketBackend, raw: string): Promise<void> {
  const text = raw.trim();
  if (text === '') {
    await turn.context.sendActivity(turn.t('tickets.status.usage'));
    return;
  }
  const number = normaliseConfirmationNumber(text) ?? findConfirmationNumber(text);
  if (!number) {
    await turn.context.sendActivity(turn.t('tickets.status.invalidNumber'));
    return;
  }
  const record = await backend.getForTenant(turn.tenantId, number);
  const history = record ? await backend.historyForTenant(turn.tenantId, number) : undefined;
  if (!record || !history) {
    // Unknown and another tenant's ticket read the same: no hint that the number exists.
    turn.log.info({ event: 'status.not_found' }, 'status asked for a ticket outside the tenant or unknown');
    await turn.context.sendActivity(turn.t('tickets.status.notFound', { number }));
    return;
  }
  turn.log.info({ event: 'status.shown', events: history.length }, 'ticket status shown');
  await sendCard(turn.context, timelineCard(turn, record, history));
}

/** `status SEC-XXXX-XXXX` / `статус …` and the ticket list's "Show status": the ticket's state and history. */
export function createStatusCommand(backend: TicketBackend): Command {
  return {
    name: 'status',
    words: ['status', 'статус'],
    run: (turn, args, value) => {
      const fromCard = typeof value?.confirmationNumber === 'string' ? value.confirmationNumber : undefined;
      return showStatus(turn, backend, fromCard ?? args);
    },
  };
}
