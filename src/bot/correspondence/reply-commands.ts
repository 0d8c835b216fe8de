import { findConfirmationNumber, normaliseConfirmationNumber } from '../../domain/ticket';
import type { Command } from '../commands/command';
import type { Correspondence } from './correspondence';

/**
 * `reply SEC-7K3M-9QXD text` / `ответить …`, and every reply box: the status, timeline and outcome
 * cards' (`{ cmd: 'reply', confirmationNumber, reply }`), the question card's
 * (`{ cmd: 'answer_question', confirmationNumber, answer }`), the free-text offer's and the hand-back card's.
 */
export function replyCommands(correspondence: Correspondence): Command[] {
  return [
    {
      name: 'reply',
      words: ['reply', 'answer', 'ответить', 'ответ'],
      run: async (turn, args, value) => {
        const replyToId = turn.context.activity.replyToId;
        if (value?.cmd === 'reply') {
          const number = typeof value.confirmationNumber === 'string' ? value.confirmationNumber : '';
          const text = typeof value.reply === 'string' ? value.reply : '';
          await correspondence.reply(turn, number, text, replyToId);
          return;
        }
        const typed = splitNumber(args);
        if (!typed) {
          await turn.context.sendActivity(turn.t('correspondence.reply.usage'));
          return;
        }
        await correspondence.reply(turn, typed.number, typed.text, undefined);
      },
    },
    {
      name: 'answer_question',
      words: [],
      run: async (turn, _args, value) => {
        const number = typeof value?.confirmationNumber === 'string' ? value.confirmationNumber : '';
        const text = typeof value?.answer === 'string' ? value.answer : '';
        await correspondence.reply(turn, number, text, turn.context.activity.replyToId);
      },
    },
  ];
}

const numberInText = /\bSEC[\s\-\u2010-\u2015]?[0-9A-Z]{4}[\s\-\u2010-\u2015]?[0-9A-Z]{4}\b:?/i;

/** "SEC-7K3M-9QXD the image was…" → the number and the rest; the number may also be written without dashes. */
function splitNumber(args: string): { number: string; text: string } | undefined {
  const trimmed = args.trim();
  const [first = ''] = trimmed.split(/\s+/);
  const leading = normaliseConfirmationNumber(first);
  if (leading) return { number: leading, text: trimmed.slice(first.length) };
  const found = findConfirmationNumber(trimmed);
  if (!found) return undefined;
  return { number: found, text: trimmed.replace(numberInText, '') };
}
