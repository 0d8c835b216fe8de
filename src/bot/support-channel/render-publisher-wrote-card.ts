import { textLine, type CardLine } from '../../cards/card-lines';
import { CardTooLargeError, renderCard, type AdaptiveCard } from '../../cards/render-card';
import type { Locale } from '../../i18n/locale';
import { translate } from '../../i18n/translate';

export interface PublisherWroteEntry {
  readonly label: string;
  /** What they wrote; a CVSS vector is a line of its own, so it wraps on a phone (card-lines.ts). */
  readonly lines: readonly CardLine[];
}

/** Tried in turn when everything the publisher wrote since the last post would pass Teams' size limit. */
const shortened = [
  { keep: Infinity, length: 1000 },
  { keep: 5, length: 600 },
  { keep: 1, length: 200 },
] as const;

/**
 * The reply in a triage card's thread saying what the publisher wrote since support was last told. Many
 * long messages at once keep only the latest that fit, shortened, and say how many more there are.
 */
export function renderPublisherWroteCard(
  locale: Locale,
  confirmationNumber: string,
  entries: readonly PublisherWroteEntry[],
): AdaptiveCard {
  const heading = translate(locale, 'supportChannel.publisherWrote.title', { number: confirmationNumber });
  try {
    return renderCard('support-publisher-wrote', locale, { heading, entries });
  } catch (error) {
    if (!(error instanceof CardTooLargeError)) throw error;
  }
  for (const [i, { keep, length }] of shortened.entries()) {
    const shown = entries.slice(Math.max(0, entries.length - keep));
    const more = entries.length - shown.length;
    try {
      return renderCard('support-publisher-wrote', locale, {
        heading,
        entries: shown.map((entry) => ({
          label: entry.label,
          lines: entry.lines.map((line) => (line.vector ? line : textLine(cut(line.text, length)))),
        })),
        ...(more > 0
          ? { more: translate(locale, 'supportChannel.publisherWrote.more', { count: more }) }
          : {}),
      });
    } catch (error) {
      if (!(error instanceof CardTooLargeError) || i === shortened.length - 1) throw error;
    }
  }
  throw new Error('unreachable: the last attempt renders or throws');
}

function cut(text: string, length: number): string {
  const letters = [...text];
  return letters.length <= length ? text : `${letters.slice(0, length).join('')}…`;
}
