import { CVSS_METRICS, cvssPrefix, requiresMetricOrder, type CvssVersion } from './cvss-metrics';
import { formatCvssVector } from './format-cvss-vector';
import { parseCvss } from './parse-cvss';

/**
 * For a vector refused only because its metrics are out of order (v4.0): the same metrics in the
 * specification's order, or undefined when reordering alone does not make it valid.
 */
export function orderCvssVector(input: string, version: CvssVersion): string | undefined {
  const prefix = cvssPrefix(version);
  if (!requiresMetricOrder(version) || !input.startsWith(prefix)) return undefined;
  const table = CVSS_METRICS[version].map((definition) => definition.key);
  const position = (component: string) => table.indexOf(component.split(':', 1)[0] ?? '');
  const components = input.slice(prefix.length).split('/');
  if (components.some((component) => position(component) < 0)) return undefined;
  const reordered = [...components].sort((a, b) => position(a) - position(b));
  const parsed = parseCvss(prefix + reordered.join('/'));
  return parsed.ok ? formatCvssVector(parsed.vector) : undefined;
}
