/** The qualitative severity rating scale, the same in v3.0, v3.1 and v4.0. */
export const CVSS_RATINGS = ['None', 'Low', 'Medium', 'High', 'Critical'] as const;
export type CvssRating = (typeof CVSS_RATINGS)[number];

/** None 0.0, Low 0.1–3.9, Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0. */
export function ratingForScore(score: number): CvssRating {
  if (!Number.isFinite(score) || score < 0 || score > 10) {
    throw new RangeError(`A CVSS score lies between 0.0 and 10.0, got ${score}`);
  }
  if (score === 0) return 'None';
  if (score < 4) return 'Low';
  if (score < 7) return 'Medium';
  if (score < 9) return 'High';
  return 'Critical';
}
