import type { TicketBackend } from '../../backend/ticket-backend';
import { TIMELINE_PAGE_COMMAND, timelinePageCard } from '../../cards/ticket-timeline-card';
import { echoNumber } from '../../domain/echo-text';
import { normaliseConfirmationNumber } from '../../domain/ticket';
import { sendCard } from '../send-card';
import type { Turn } from '../turn';
import { userTimeZone } from '../user-time-zone';
import type { Command } from './command';

/**
 * The timeline's "Show earlier events": the page of events before the first one the pressed card shows,
 * as a new card (the status card itself stays the live one, updated in place as the ticket moves on).
 */
export function createTimelinePageCommand(backend: TicketBackend): Command {
  return {
    name: TIMELINE_PAGE_COMMAND,
    // Reached only through the card's button.
    words: [],
    async run(turn: Turn, _args, value) {
      const raw = typeof value?.confirmationNumber === 'string' ? value.confirmationNumber : '';
      const number = normaliseConfirmationNumber(raw);
      const before = typeof value?.before === 'number' ? value.before : Number(value?.before);
      const found = number ? await backend.getWithHistoryForTenant(turn.tenantId, number) : undefined;
      if (!number || !found || !Number.isSafeInteger(before) || before < 1) {
        turn.log.info({ event: 'timeline_page.not_found' }, 'timeline page for an unknown ticket or page');
        await turn.context.sendActivity(
          turn.t('tickets.status.notFound', { number: number ?? echoNumber(raw) }),
        );
        return;
      }
      const reader = {
        t: turn.t,
        locale: turn.locale,
        zone: userTimeZone(turn.context.activity) ?? 'UTC',
        viewerId: turn.userId,
      };
      turn.log.info({ event: 'timeline_page.shown', before }, 'earlier events shown');
      await sendCard(turn.context, timelinePageCard(reader, found.record, found.history, before));
    },
  };
}
