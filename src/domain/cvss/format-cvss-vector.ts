import { CVSS_METRICS, NOT_DEFINED, cvssPrefix } from './cvss-metrics';
import type { CvssMetricValue, ParsedCvss } from './parse-cvss';

/** The defined metrics of a parsed vector in the specification's order, Not Defined (X) left out. */
export function definedMetrics(parsed: ParsedCvss): CvssMetricValue[] {
  return CVSS_METRICS[parsed.version].flatMap((definition) => {
    const value = parsed.values[definition.key];
    return value === undefined || value === NOT_DEFINED ? [] : [{ key: definition.key, value }];
  });
}

/**
 * The normalised vector string: specification order, X omitted (it means the same as absence), so two
 * spellings of one assessment are stored and compared as one string.
 */
export function formatCvssVector(parsed: ParsedCvss): string {
  return (
    cvssPrefix(parsed.version) +
    definedMetrics(parsed)
      .map(({ key, value }) => `${key}:${value}`)
      .join('/')
  );
}
