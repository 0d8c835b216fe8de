/**
 * The metrics of each CVSS version, transcribed from FIRST's specification documents:
 * v3.0 and v3.1 section 6 (Table 15 of v3.1), v4.0 section 7 (Table 23, whose order a v4.0 vector must follow).
 * Message keys are namespaced by family (`cvss.v3.…`, `cvss.v4.…`) because the same abbreviation means
 * different things across versions (S is Scope in v3, Safety in v4; UI:P exists only in v4).
 */

export const CVSS_VERSIONS = ['3.0', '3.1', '4.0'] as const;
export type CvssVersion = (typeof CVSS_VERSIONS)[number];

export const CVSS_METRIC_GROUPS = ['base', 'temporal', 'threat', 'environmental', 'supplemental'] as const;
export type CvssMetricGroup = (typeof CVSS_METRIC_GROUPS)[number];

/** The value every optional metric accepts: Not Defined. */
export const NOT_DEFINED = 'X';

export interface CvssValueDefinition {
  readonly value: string;
  /** e.g. `cvss.v3.value.AV.N` */
  readonly label: string;
}

export interface CvssMetricDefinition {
  readonly key: string;
  readonly group: CvssMetricGroup;
  /** Base metrics are mandatory; every other metric is optional and accepts X. */
  readonly mandatory: boolean;
  /** e.g. `cvss.v3.metric.AV.name` */
  readonly label: string;
  /** A one-line explanation, e.g. `cvss.v3.metric.AV.help`; present for base metrics (the calculator card). */
  readonly help?: string;
  readonly values: readonly CvssValueDefinition[];
}

type Family = 'v3' | 'v4';

function metric(
  family: Family,
  key: string,
  group: CvssMetricGroup,
  values: readonly string[],
): CvssMetricDefinition {
  const mandatory = group === 'base';
  const all = mandatory ? values : [NOT_DEFINED, ...values];
  return Object.freeze({
    key,
    group,
    mandatory,
    label: `cvss.${family}.metric.${key}.name`,
    ...(mandatory ? { help: `cvss.${family}.metric.${key}.help` } : {}),
    values: Object.freeze(
      all.map((value) => Object.freeze({ value, label: `cvss.${family}.value.${key}.${value}` })),
    ),
  });
}

/** v3.0 and v3.1 share metrics and values; only some formulas differ. Listed in Table 15's order. */
const V3_METRICS: readonly CvssMetricDefinition[] = Object.freeze([
  metric('v3', 'AV', 'base', ['N', 'A', 'L', 'P']),
  metric('v3', 'AC', 'base', ['L', 'H']),
  metric('v3', 'PR', 'base', ['N', 'L', 'H']),
  metric('v3', 'UI', 'base', ['N', 'R']),
  metric('v3', 'S', 'base', ['U', 'C']),
  metric('v3', 'C', 'base', ['H', 'L', 'N']),
  metric('v3', 'I', 'base', ['H', 'L', 'N']),
  metric('v3', 'A', 'base', ['H', 'L', 'N']),
  metric('v3', 'E', 'temporal', ['H', 'F', 'P', 'U']),
  metric('v3', 'RL', 'temporal', ['U', 'W', 'T', 'O']),
  metric('v3', 'RC', 'temporal', ['C', 'R', 'U']),
  metric('v3', 'CR', 'environmental', ['H', 'M', 'L']),
  metric('v3', 'IR', 'environmental', ['H', 'M', 'L']),
  metric('v3', 'AR', 'environmental', ['H', 'M', 'L']),
  metric('v3', 'MAV', 'environmental', ['N', 'A', 'L', 'P']),
  metric('v3', 'MAC', 'environmental', ['L', 'H']),
  metric('v3', 'MPR', 'environmental', ['N', 'L', 'H']),
  metric('v3', 'MUI', 'environmental', ['N', 'R']),
  metric('v3', 'MS', 'environmental', ['U', 'C']),
  metric('v3', 'MC', 'environmental', ['H', 'L', 'N']),
  metric('v3', 'MI', 'environmental', ['H', 'L', 'N']),
  metric('v3', 'MA', 'environmental', ['H', 'L', 'N']),
]);

/** v4.0 in Table 23's order: Base, Threat, Environmental, Supplemental. */
const V4_METRICS: readonly CvssMetricDefinition[] = Object.freeze([
  metric('v4', 'AV', 'base', ['N', 'A', 'L', 'P']),
  metric('v4', 'AC', 'base', ['L', 'H']),
  metric('v4', 'AT', 'base', ['N', 'P']),
  metric('v4', 'PR', 'base', ['N', 'L', 'H']),
  metric('v4', 'UI', 'base', ['N', 'P', 'A']),
  metric('v4', 'VC', 'base', ['H', 'L', 'N']),
  metric('v4', 'VI', 'base', ['H', 'L', 'N']),
  metric('v4', 'VA', 'base', ['H', 'L', 'N']),
  metric('v4', 'SC', 'base', ['H', 'L', 'N']),
  metric('v4', 'SI', 'base', ['H', 'L', 'N']),
  metric('v4', 'SA', 'base', ['H', 'L', 'N']),
  metric('v4', 'E', 'threat', ['A', 'P', 'U']),
  metric('v4', 'CR', 'environmental', ['H', 'M', 'L']),
  metric('v4', 'IR', 'environmental', ['H', 'M', 'L']),
  metric('v4', 'AR', 'environmental', ['H', 'M', 'L']),
  metric('v4', 'MAV', 'environmental', ['N', 'A', 'L', 'P']),
  metric('v4', 'MAC', 'environmental', ['L', 'H']),
  metric('v4', 'MAT', 'environmental', ['N', 'P']),
  metric('v4', 'MPR', 'environmental', ['N', 'L', 'H']),
  metric('v4', 'MUI', 'environmental', ['N', 'P', 'A']),
  metric('v4', 'MVC', 'environmental', ['H', 'L', 'N']),
  metric('v4', 'MVI', 'environmental', ['H', 'L', 'N']),
  metric('v4', 'MVA', 'environmental', ['H', 'L', 'N']),
  metric('v4', 'MSC', 'environmental', ['H', 'L', 'N']),
  // S (Safety) is a value only the modified subsequent integrity and availability metrics take.
  metric('v4', 'MSI', 'environmental', ['S', 'H', 'L', 'N']),
  metric('v4', 'MSA', 'environmental', ['S', 'H', 'L', 'N']),
  metric('v4', 'S', 'supplemental', ['N', 'P']),
  metric('v4', 'AU', 'supplemental', ['N', 'Y']),
  metric('v4', 'R', 'supplemental', ['A', 'U', 'I']),
  metric('v4', 'V', 'supplemental', ['D', 'C']),
  metric('v4', 'RE', 'supplemental', ['L', 'M', 'H']),
  // The only multi-letter values in CVSS, spelled exactly so (case-sensitive) by the specification.
  metric('v4', 'U', 'supplemental', ['Clear', 'Green', 'Amber', 'Red']),
]);

export const CVSS_METRICS: Readonly<Record<CvssVersion, readonly CvssMetricDefinition[]>> = Object.freeze({
  '3.0': V3_METRICS,
  '3.1': V3_METRICS,
  '4.0': V4_METRICS,
});

/** The vector string's version label, `CVSS:3.1/` and so on. */
export function cvssPrefix(version: CvssVersion): string {
  return `CVSS:${version}/`;
}

/** Whether the version requires its metrics in table order (only v4.0 does). */
export function requiresMetricOrder(version: CvssVersion): boolean {
  return version === '4.0';
}

export function findMetric(version: CvssVersion, key: string): CvssMetricDefinition | undefined {
  return CVSS_METRICS[version].find((definition) => definition.key === key);
}
