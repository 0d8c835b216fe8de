import { echo, type CvssError } from './cvss-errors';
import {
  CVSS_METRICS,
  CVSS_VERSIONS,
  findMetric,
  requiresMetricOrder,
  type CvssVersion,
} from './cvss-metrics';

export interface CvssMetricValue {
  readonly key: string;
  readonly value: string;
}

export interface ParsedCvss {
  readonly version: CvssVersion;
  /** Metrics as written, in the order written, `X` included. */
  readonly metrics: readonly CvssMetricValue[];
  /** The same metrics by key. */
  readonly values: Readonly<Record<string, string>>;
}

export type ParseCvssResult = { ok: true; vector: ParsedCvss } | { ok: false; error: CvssError };

/** Longer than any valid vector of any version (a full v4.0 vector is under 200 characters). */
const MAX_LENGTH = 256;
const PREFIX = /^CVSS:(\d+\.\d+)\//;
const BARE_PREFIX = /^CVSS:(\d+\.\d+)$/;

function fail(error: CvssError): ParseCvssResult {
  return { ok: false, error };
}

function isVersion(text: string): text is CvssVersion {
  return (CVSS_VERSIONS as readonly string[]).includes(text);
}

function firstMandatoryKey(version: CvssVersion): string {
  const first = CVSS_METRICS[version].find((definition) => definition.mandatory);
  return first?.key ?? '';
}

/**
 * Validates a CVSS v3.0, v3.1 or v4.0 vector string strictly against FIRST's grammar, and says which
 * metric is wrong. Nothing is trimmed or case-folded: what is stored and scored is exactly what was checked.
 * v3.x accepts metrics in any order (the v3.1 specification: "programs reading CVSS v3.1 vector strings
 * must accept metrics in any order"); v4.0 requires the order of its Table 23.
 */
export function parseCvss(input: string): ParseCvssResult {
  if (typeof input !== 'string' || input.length === 0) return fail({ key: 'cvss.malformed' });
  if (input.length > MAX_LENGTH) return fail({ key: 'cvss.malformed', value: echo(input) });
  if (/\s/.test(input)) return fail({ key: 'cvss.malformed' });

  const bare = BARE_PREFIX.exec(input);
  if (bare?.[1] !== undefined && isVersion(bare[1])) {
    return fail({ key: 'cvss.missingMetric', metric: firstMandatoryKey(bare[1]), version: bare[1] });
  }
  const prefix = PREFIX.exec(input);
  const version = prefix?.[1];
  if (prefix === null || version === undefined || !isVersion(version)) {
    const label = input.split('/', 1)[0] ?? '';
    return fail({ key: 'cvss.prefix', value: echo(label) });
  }

  const components = input.slice(prefix[0].length).split('/');
  const metrics: CvssMetricValue[] = [];
  const values: Record<string, string> = {};
  const ordered = requiresMetricOrder(version);
  const table = CVSS_METRICS[version];
  let lastIndex = -1;

  for (const component of components) {
    if (component === '') return fail({ key: 'cvss.malformed', version });
    const parts = component.split(':');
    const [key, value] = parts;
    if (parts.length !== 2 || !key || !value) {
      return fail({ key: 'cvss.malformed', value: echo(component), version });
    }
    const definition = findMetric(version, key);
    if (!definition) return fail({ key: 'cvss.unknownMetric', metric: echo(key), version });
    if (Object.prototype.hasOwnProperty.call(values, key)) {
      return fail({ key: 'cvss.duplicateMetric', metric: key, version });
    }
    if (!definition.values.some((allowed) => allowed.value === value)) {
      return fail({ key: 'cvss.invalidValue', metric: key, value: echo(value), version });
    }
    const index = table.indexOf(definition);
    if (ordered && index < lastIndex) return fail({ key: 'cvss.order', metric: key, version });
    lastIndex = Math.max(lastIndex, index);
    metrics.push(Object.freeze({ key, value }));
    values[key] = value;
  }

  const missing = table.find((definition) => definition.mandatory && values[definition.key] === undefined);
  if (missing) return fail({ key: 'cvss.missingMetric', metric: missing.key, version });

  return {
    ok: true,
    vector: Object.freeze({ version, metrics: Object.freeze(metrics), values: Object.freeze(values) }),
  };
}
