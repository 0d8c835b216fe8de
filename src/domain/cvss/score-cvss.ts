import { Cvss3P0, Cvss3P1, Cvss4P0 } from 'ae-cvss-calculator';
import type { CvssError } from './cvss-errors';
import { findMetric, type CvssMetricGroup, type CvssVersion } from './cvss-metrics';
import { ratingForScore, type CvssRating } from './cvss-rating';
import { definedMetrics, formatCvssVector } from './format-cvss-vector';
import { parseCvss, type ParsedCvss } from './parse-cvss';

/** Which metric groups a v4.0 score takes into account (specification section 1.3). */
export type CvssNomenclature = 'CVSS-B' | 'CVSS-BT' | 'CVSS-BE' | 'CVSS-BTE';

export interface CvssAssessedMetric {
  readonly key: string;
  readonly value: string;
  readonly group: CvssMetricGroup;
  /** Message key of the metric's name, e.g. `cvss.v3.metric.AV.name`. */
  readonly label: string;
  /** Message key of the value, e.g. `cvss.v3.value.AV.N`. */
  readonly valueLabel: string;
}

export interface CvssAssessment {
  readonly version: CvssVersion;
  /** Normalised: specification order, Not Defined (X) metrics left out. */
  readonly vector: string;
  /** v3.x: the Base Score. v4.0: the CVSS-B score, from the base metrics alone. */
  readonly baseScore: number;
  readonly baseRating: CvssRating;
  /** v3.x only, when temporal metrics are given. */
  readonly temporalScore?: number;
  /** v3.x only, when environmental metrics are given. */
  readonly environmentalScore?: number;
  /** v3.x: environmental, else temporal, else base. v4.0: the single score named by `nomenclature`. */
  readonly overallScore: number;
  readonly overallRating: CvssRating;
  /** v4.0 only. */
  readonly nomenclature?: CvssNomenclature;
  /** The defined metrics, in specification order. */
  readonly metrics: readonly CvssAssessedMetric[];
}

export type AssessCvssResult = { ok: true; assessment: CvssAssessment } | { ok: false; error: CvssError };

/** Scores are published with one decimal; anything else from the library is a defect, not user input. */
function checkedScore(score: number | undefined, what: string, vector: string): number {
  if (score === undefined || !Number.isFinite(score) || score < 0 || score > 10) {
    throw new Error(`CVSS library returned no valid ${what} score for ${vector}: ${String(score)}`);
  }
  return Math.round(score * 10) / 10;
}

function optionalScore(score: number | undefined, what: string, vector: string): number | undefined {
  return score === undefined ? undefined : checkedScore(score, what, vector);
}

function assessedMetrics(parsed: ParsedCvss): CvssAssessedMetric[] {
  return definedMetrics(parsed).map(({ key, value }) => {
    const definition = findMetric(parsed.version, key);
    if (!definition) throw new Error(`Metric ${key} is not defined for CVSS ${parsed.version}`);
    const valueLabel = definition.values.find((allowed) => allowed.value === value)?.label ?? '';
    return Object.freeze({ key, value, group: definition.group, label: definition.label, valueLabel });
  });
}

function nomenclatureOf(metrics: readonly CvssAssessedMetric[]): CvssNomenclature {
  const threat = metrics.some((metric) => metric.group === 'threat');
  const environmental = metrics.some((metric) => metric.group === 'environmental');
  return `CVSS-B${threat ? 'T' : ''}${environmental ? 'E' : ''}` as CvssNomenclature;
}

function scoreV3(parsed: ParsedCvss, vector: string, metrics: readonly CvssAssessedMetric[]): CvssAssessment {
  const calculator = parsed.version === '3.0' ? new Cvss3P0(vector) : new Cvss3P1(vector);
  const scores = calculator.calculateScores();
  const baseScore = checkedScore(scores.base, 'base', vector);
  const temporalScore = optionalScore(scores.temporal, 'temporal', vector);
  const environmentalScore = optionalScore(scores.environmental, 'environmental', vector);
  const overallScore = environmentalScore ?? temporalScore ?? baseScore;
  return Object.freeze({
    version: parsed.version,
    vector,
    baseScore,
    baseRating: ratingForScore(baseScore),
    ...(temporalScore === undefined ? {} : { temporalScore }),
    ...(environmentalScore === undefined ? {} : { environmentalScore }),
    overallScore,
    overallRating: ratingForScore(overallScore),
    metrics: Object.freeze([...metrics]),
  });
}

function scoreV4(parsed: ParsedCvss, vector: string, metrics: readonly CvssAssessedMetric[]): CvssAssessment {
  const overallScore = checkedScore(new Cvss4P0(vector).calculateScores().overall, 'CVSS 4.0', vector);
  // CVSS-B is the same algorithm over the base metrics alone, so score that vector separately.
  const baseVector = formatCvssVector({
    ...parsed,
    values: Object.fromEntries(metrics.filter((m) => m.group === 'base').map((m) => [m.key, m.value])),
  });
  const baseScore = checkedScore(new Cvss4P0(baseVector).calculateScores().overall, 'CVSS-B', baseVector);
  return Object.freeze({
    version: parsed.version,
    vector,
    baseScore,
    baseRating: ratingForScore(baseScore),
    overallScore,
    overallRating: ratingForScore(overallScore),
    nomenclature: nomenclatureOf(metrics),
    metrics: Object.freeze([...metrics]),
  });
}

/**
 * Scores a vector our validator has accepted, with ae-cvss-calculator (which scores correctly but would
 * accept malformed vectors, hence parseCvss first). The library sees the normalised vector.
 */
export function scoreCvss(parsed: ParsedCvss): CvssAssessment {
  const vector = formatCvssVector(parsed);
  const metrics = assessedMetrics(parsed);
  return parsed.version === '4.0' ? scoreV4(parsed, vector, metrics) : scoreV3(parsed, vector, metrics);
}

/** Validate, then score: what the `cvss` command and the report dialog call with a pasted vector. */
export function assessCvss(input: string): AssessCvssResult {
  const parsed = parseCvss(input);
  return parsed.ok ? { ok: true, assessment: scoreCvss(parsed.vector) } : parsed;
}
