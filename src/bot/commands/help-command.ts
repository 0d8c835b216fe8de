import { renderCard } from '../../cards/render-card';
import { sendCard } from '../send-card';
import type { Turn } from '../turn';
import type { Command } from './command';

export async function sendHelpCard(turn: Turn, notUnderstood = false): Promise<void> {
  await sendCard(turn.context, renderCard('help', turn.locale, { notUnderstood }));
}

export const helpCommand: Command = {
  name: 'help',
  words: ['help', '?', 'commands', 'справка', 'помощь', 'команды'],
  patterns: [/^(what can you do|how does this work)/, /^(что ты умеешь|как это работает)/],
  run: (turn) => sendHelpCard(turn),
};
