import { formatCvssScore } from '../cvss/format-cvss-score';
import type { DraftLanguage } from './draft-request';

/** Dates, scores and lists written the way the communication's language writes them. */
export interface DraftLocale {
  /** A 'YYYY-MM-DD' date or an ISO date-time as a long date ("June 9, 2026", "9 июня 2026 г."). */
  readonly date: (iso: string) => string;
  /** A CVSS score with its one decimal ("9.8", "9,8"). */
  readonly score: (score: number) => string;
  /** "A, B and C" / "A, B и C". */
  readonly list: (items: readonly string[]) => string;
}

const intlTags: Record<DraftLanguage, string> = { en: 'en-US', ru: 'ru-RU' };

/** Date-only facts are calendar days, not instants: they are formatted in UTC so no zone moves them. */
export function draftLocale(language: DraftLanguage): DraftLocale {
  const tag = intlTags[language];
  const dates = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' });
  const lists = new Intl.ListFormat(tag, { type: 'conjunction', style: 'long' });
  return {
    date: (iso) => dates.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)),
    score: (score) => formatCvssScore(score, tag),
    list: (items) => lists.format(items),
  };
}
