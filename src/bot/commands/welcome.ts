import { renderCard } from '../../cards/render-card';
import { sendCard } from '../send-card';
import type { Turn } from '../turn';

export async function sendWelcomeCard(turn: Turn): Promise<void> {
  await sendCard(turn.context, renderCard('welcome', turn.locale));
}
