/**
 * One line of text on a card: what a person typed (shown in a TextRun: no markdown, links or mentions),
 * or a CVSS vector. A vector has no spaces to wrap at, and nothing breaks a TextRun's text inside a word:
 * on a phone it would run past the card's edge. So the templates show a vector line in a wrapping
 * monospace TextBlock, which the renderer breaks anywhere (`overflow-wrap: break-word`). Only a vector
 * that parsed is shown so (a TextBlock reads markdown; a checked vector has none).
 */
export interface CardLine {
  readonly text: string;
  readonly vector?: true;
}

export function textLine(text: string): CardLine {
  return { text };
}

/** A checked vector, with what follows it on its line (its score, "revised"). */
export function vectorLine(vector: string): CardLine {
  return { text: vector, vector: true };
}

/**
 * Adjacent text lines joined into one (by `separator`), vector lines kept apart: one TextRun for a
 * paragraph instead of one per line, and no empty line left alone.
 */
export function joinLines(lines: readonly CardLine[], separator = '\n'): CardLine[] {
  const joined: CardLine[] = [];
  for (const line of lines) {
    const last = joined.at(-1);
    if (!line.vector && last && !last.vector)
      joined[joined.length - 1] = textLine(`${last.text}${separator}${line.text}`);
    else joined.push(line);
  }
  return joined.filter((line) => line.vector || line.text.trim() !== '');
}

/** Letters of a monospace line that fit a 320 px phone's card at Teams' 14 px (about 8.4 px a letter). */
const PHONE_MONOSPACE_LETTERS = 28;

/**
 * Text that looks like a vector but was refused, echoed back to the person: it may hold markdown, so it
 * stays in a TextRun, where nothing wraps it. Line breaks after its slashes (inside a part longer than a
 * line too) keep every line within a phone's width; the text is otherwise as sent.
 */
export function breakAtSlashes(text: string, lineLength = PHONE_MONOSPACE_LETTERS): string {
  const lines: string[] = [];
  let line = '';
  for (const part of text.match(/[^/]*\/|[^/]+$/g) ?? []) {
    if (line && [...line].length + [...part].length > lineLength) {
      lines.push(line);
      line = '';
    }
    let rest = [...part];
    while (rest.length > lineLength) {
      lines.push(rest.slice(0, lineLength).join(''));
      rest = rest.slice(lineLength);
    }
    line += rest.join('');
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** A run of letters without a space longer than this gets a break opportunity inside it. */
const LONGEST_UNBROKEN = 20;

/**
 * Text for a TextRun or a choice title that may hold long unbroken runs (file names, hashes, titles
 * typed without spaces): a zero-width space after every 20 letters of such a run lets it wrap on a phone
 * instead of running past the card's edge. For display only — never for a value a person copies into a
 * command (vectors keep `vectorLine`), never for what is stored.
 */
export function wrappable(text: string): string {
  return text.replace(new RegExp(`\\S{${LONGEST_UNBROKEN + 1},}`, 'gu'), (run) =>
    (run.match(new RegExp(`.{1,${LONGEST_UNBROKEN}}`, 'gu')) ?? [run]).join('\u200b'),
  );
}
