import type { AdaptiveCard } from '../cards/render-card';
import { cardActivity, sendCard } from './send-card';
import type { Turn } from './turn';

/**
 * Shows `card` in place of the card whose button was pressed (the submit's replyToId), so the calculator
 * turns into its result instead of piling up messages. Without a replyToId, or when Teams refuses the
 * update (the message was deleted, or is too old), the card is sent as a new message instead.
 */
export async function replaceCard(turn: Turn, card: AdaptiveCard): Promise<void> {
  const replyToId = turn.context.activity.replyToId;
  if (replyToId) {
    try {
      await turn.context.updateActivity({ ...cardActivity(card), id: replyToId, type: 'message' });
      return;
    } catch (error) {
      const status = statusOf(error);
      // Throttling and outages are the turn error handler's business; a gone or stale message is ours.
      if (status === undefined || status === 429 || status >= 500) throw error;
      turn.log.warn(
        { event: 'card.update_failed', status },
        'could not update the card in place; sending it anew',
      );
    }
  }
  await sendCard(turn.context, card);
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}
