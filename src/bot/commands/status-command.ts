import type { TicketBackend } from '../../backend/ticket-backend';
import { limited, type LookupLimits } from '../lookup-limits/lookup-limits';
import { findConfirmationNumber, normaliseConfirmationNumber } from '../../domain/ticket';
import { sendCard } from '../send-card';
import type { Turn } from '../turn';
import type { Command } from './command';
import { timelineCard } from '../../cards/ticket-timeline-card';
import { userTimeZone } from '../user-time-zone';

async function showStatus(
  turn: Turn,
  backend: TicketBackend,
  lookups: LookupLimits,
  raw: string,
): Promise<void> {
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
  const found = await lookups.byNumber(turn, () => backend.getWithHistoryForTenant(turn.tenantId, number));
  if (found === limited) return;
  if (!found) {
    // Unknown and another tenant's ticket read the same: no hint that the number exists.
    turn.log.info({ event: 'status.not_found' }, 'status asked for a ticket outside the tenant or unknown');
    await turn.context.sendActivity(turn.t('tickets.status.notFound', { number }));
    return;
  }
  const { record, history } = found;
  turn.log.info({ event: 'status.shown', events: history.length }, 'ticket status shown');
  const reader = {
    t: turn.t,
    locale: turn.locale,
    zone: userTimeZone(turn.context.activity) ?? 'UTC',
    viewerId: turn.userId,
  };
  const activityId = await sendCard(turn.context, timelineCard(reader, record, history));
  // Remembered, so the card keeps telling the truth: every change of the ticket updates it in place.
  if (activityId) {
    await backend.rememberCard(
      record.ticket.confirmationNumber,
      {
        kind: 'timeline',
        conversationId: turn.context.activity.conversation.id,
        activityId,
        locale: turn.locale,
        timeZone: reader.zone,
        viewerId: turn.userId,
      },
      record,
    );
  }
}

/** `status SEC-XXXX-XXXX` / `статус …` and the ticket list's "Show status": the ticket's state and history. */
export function createStatusCommand(backend: TicketBackend, lookups: LookupLimits): Command {
  return {
    name: 'status',
    words: ['status', 'статус'],
    run: (turn, args, value) => {
      const fromCard = typeof value?.confirmationNumber === 'string' ? value.confirmationNumber : undefined;
      return showStatus(turn, backend, lookups, fromCard ?? args);
    },
  };
}
