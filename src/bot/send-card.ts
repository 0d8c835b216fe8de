import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards/render-card';

export function cardActivity(card: AdaptiveCard): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/** Sends a card as a new message and returns the id Teams gave it (needed to update it in place later). */
export async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<string | undefined> {
  const response = await context.sendActivity(cardActivity(card));
  return response?.id;
}
