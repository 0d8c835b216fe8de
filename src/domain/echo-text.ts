/**
 * Controls, zero-width marks and bidirectional overrides: shown back, they would hide or reorder what
 * the person reads.
 */
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * What a person sent, safe to repeat back in an answer: every hidden character shown as `?`, and no
 * longer than `maxLength` characters, a longer text ending in `…` so the cut is seen.
 */
export function echoText(text: string, maxLength: number): string {
  const letters = [...text.replace(HIDDEN, '?')];
  return letters.length > maxLength ? `${letters.slice(0, maxLength).join('')}…` : letters.join('');
}

/** A confirmation number as the person typed it, shown back in "not found" (a real one is 14 long). */
export function echoNumber(raw: string): string {
  return echoText(raw, 40);
}
