import type { Severity } from '../ticket/ticket';
import { ratingForScore, type CvssRating } from './cvss-rating';

/** The rating becomes the severity suggested to support; None is not a severity, so it suggests nothing. */
export function suggestSeverity(rating: CvssRating): Severity | undefined {
  return rating === 'None' ? undefined : rating;
}

/**
 * The severity a vector suggests to support: from its base score, so the ticket and the `cvss` card agree
 * even when temporal or environmental metrics move the headline score.
 */
export function suggestSeverityFromBase(cvss: { readonly baseScore: number }): Severity | undefined {
  return suggestSeverity(ratingForScore(cvss.baseScore));
}
