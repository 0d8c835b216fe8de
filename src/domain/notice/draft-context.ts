import type { DraftLocale } from './draft-locale';
import type { DraftRequest, DraftTone } from './draft-request';
import type { CvssText, DraftStrings } from './draft-strings';
import type { DraftFacts } from './gather-draft-facts';
import type { PlaceholderTracker } from './placeholder-tracker';

/** What every format's drafter works from. */
export interface DraftContext {
  readonly request: DraftRequest;
  readonly facts: DraftFacts;
  readonly words: DraftStrings;
  readonly tone: DraftTone;
  readonly locale: DraftLocale;
  readonly placeholders: PlaceholderTracker;
}

/** A date fact for a sentence, or its placeholder. */
export function dateOr(context: DraftContext, date: string | undefined, placeholder: string): string {
  return date ? context.locale.date(date) : context.placeholders.mark(placeholder);
}

/** The offers' names as a list, or their placeholder. */
export function offersOr(context: DraftContext): string {
  const names = context.facts.offers.map((offer) => offer.name);
  return names.length > 0
    ? context.locale.list(names)
    : context.placeholders.mark(context.words.placeholder.offers);
}

export function cvssText(context: DraftContext): CvssText | undefined {
  const { cvss } = context.facts;
  return cvss && { version: cvss.version, score: context.locale.score(cvss.baseScore), vector: cvss.vector };
}
