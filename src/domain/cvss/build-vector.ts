import { echo, type CvssError } from './cvss-errors';
import {
  CVSS_METRICS,
  CVSS_VERSIONS,
  NOT_DEFINED,
  cvssPrefix,
  findMetric,
  type CvssVersion,
} from './cvss-metrics';
import { parseCvss, type ParsedCvss } from './parse-cvss';

export type BuildVectorResult =
  { ok: true; vector: string; parsed: ParsedCvss } | { ok: false; error: CvssError };

/**
 * Turns the calculator card's choices (metric key → value) into a vector string in specification order.
 * Choices arrive from a card submit, so every key and value is checked; empty or X optional choices are
 * left out; the result is validated by the same parser as a pasted vector.
 */
export function buildVector(version: string, choices: Readonly<Record<string, unknown>>): BuildVectorResult {
  if (!(CVSS_VERSIONS as readonly string[]).includes(version)) {
    return { ok: false, error: { key: 'cvss.prefix', value: echo(String(version)) } };
  }
  const checked = version as CvssVersion;
  for (const [key, value] of Object.entries(choices)) {
    const definition = findMetric(checked, key);
    if (!definition)
      return { ok: false, error: { key: 'cvss.unknownMetric', metric: echo(key), version: checked } };
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string' || !definition.values.some((allowed) => allowed.value === value)) {
      return {
        ok: false,
        error: { key: 'cvss.invalidValue', metric: key, value: echo(String(value)), version: checked },
      };
    }
  }
  const parts = CVSS_METRICS[checked].flatMap((definition) => {
    const value = choices[definition.key];
    return typeof value === 'string' && value !== '' && value !== NOT_DEFINED
      ? [`${definition.key}:${value}`]
      : [];
  });
  const vector = cvssPrefix(checked) + parts.join('/');
  const parsed = parseCvss(parts.length === 0 ? `CVSS:${checked}` : vector);
  return parsed.ok ? { ok: true, vector, parsed: parsed.vector } : parsed;
}
