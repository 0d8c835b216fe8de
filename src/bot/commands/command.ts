import type { Turn } from '../turn';

/** A chat command. Typed words and card buttons (`{ cmd: name }`) reach the same `run`. */
export interface Command {
  readonly name: string;
  /** Lower-case words that start the command, English and Russian ("help", "справка"). */
  readonly words: readonly string[];
  /** Sentences that mean the command ("I want to report a vulnerability"); tried after `words`. */
  readonly patterns?: readonly RegExp[];
  run(turn: Turn, args: string, value?: Readonly<Record<string, unknown>>): Promise<void>;
}

export interface MatchedCommand {
  readonly command: Command;
  readonly args: string;
}

/** Lower case, single spaces, no trailing punctuation: "  Help! " → "help". */
export function normaliseCommandText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!?。]+$/u, '')
    .toLowerCase();
}

export function matchCommand(commands: readonly Command[], rawText: string): MatchedCommand | undefined {
  const text = normaliseCommandText(rawText);
  if (!text) return undefined;
  for (const command of commands) {
    for (const word of command.words) {
      if (text === word) return { command, args: '' };
      if (text.startsWith(`${word} `)) return { command, args: rawText.trim().slice(word.length).trim() };
    }
  }
  for (const command of commands) {
    if (command.patterns?.some((pattern) => pattern.test(text))) return { command, args: '' };
  }
  return undefined;
}
