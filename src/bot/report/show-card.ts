import type { AdaptiveCard } from '../../cards/render-card';
import { cardActivity, sendCard } from '../send-card';
import type { Turn } from '../turn';

/**
 * Shows the dialog's card: replaces the card already in the chat when there is one, so the report does
 * not stack forms; sends a new one when there is none or it can no longer be updated (deleted, too old).
 * Returns the id of the card now showing.
 */
export async function showCard(
  turn: Turn,
  card: AdaptiveCard,
  activityId: string | undefined,
): Promise<string | undefined> {
  if (activityId && (await updateCard(turn, card, activityId))) return activityId;
  return sendCard(turn.context, card);
}

/** Replaces a card in the chat; false (logged) when the channel refuses. */
export async function updateCard(turn: Turn, card: AdaptiveCard, activityId: string): Promise<boolean> {
  try {
    await turn.context.updateActivity({ ...cardActivity(card), id: activityId, type: 'message' });
    return true;
  } catch (error) {
    turn.log.warn(
      { event: 'report.cardUpdateFailed', error: (error as Error).message },
      'could not update the report card in place',
    );
    return false;
  }
}
