import type { Severity } from '../ticket/ticket';
import type { CvssRating } from './cvss-rating';

/** The rating becomes the severity suggested to support; None is not a severity, so it suggests nothing. */
export function suggestSeverity(rating: CvssRating): Severity | undefined {
  return rating === 'None' ? undefined : rating;
}
