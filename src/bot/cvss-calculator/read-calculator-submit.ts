import { CVSS_METRICS, CVSS_VERSIONS, type CvssVersion } from '../../domain/cvss';
import { metricInputId, type CalculatorReturnTo } from './calculator-options';

export type CalculatorAction = 'open' | 'calculate' | 'switch' | 'edit' | 'use';

export interface CalculatorSubmit {
  readonly action: CalculatorAction;
  readonly version: CvssVersion;
  /** For `switch`: the version to show next (the card's own when missing or unknown). */
  readonly to?: CvssVersion;
  /** Valid base-metric choices, from the card's inputs (`calculate`, `switch`) or its data (`edit`). */
  readonly choices: Readonly<Record<string, string>>;
  /** Base metrics left unanswered or answered with a value the version does not define. */
  readonly unanswered: readonly string[];
  /** For `use`: the vector on the result card (validated again before use). */
  readonly vector?: string;
  readonly returnTo?: CalculatorReturnTo;
  readonly token?: string;
}

const ACTIONS: readonly CalculatorAction[] = ['open', 'calculate', 'switch', 'edit', 'use'];
const MAX_TOKEN_LENGTH = 200;
const MAX_VECTOR_LENGTH = 256;

function versionOf(raw: unknown): CvssVersion | undefined {
  return typeof raw === 'string' && (CVSS_VERSIONS as readonly string[]).includes(raw)
    ? (raw as CvssVersion)
    : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A calculator card's submit, checked field by field: it comes from a client and may be tampered with.
 * Unknown actions open the calculator afresh; an unknown version falls back to v3.1.
 */
export function readCalculatorSubmit(value: Readonly<Record<string, unknown>>): CalculatorSubmit {
  const action = ACTIONS.find((candidate) => candidate === value.action) ?? 'open';
  const version = versionOf(value.version) ?? '3.1';
  const to = versionOf(value.to);
  // Inputs arrive beside the data (`metric_AV`); a result card's "Change my choices" carries them in data.
  const source = action === 'edit' && isRecord(value.choices) ? value.choices : undefined;
  const choices: Record<string, string> = {};
  const unanswered: string[] = [];
  for (const definition of CVSS_METRICS[version].filter((d) => d.group === 'base')) {
    const raw = source ? source[definition.key] : value[metricInputId(version, definition.key)];
    if (typeof raw === 'string' && definition.values.some((allowed) => allowed.value === raw)) {
      choices[definition.key] = raw;
    } else {
      unanswered.push(definition.key);
    }
  }
  const vector =
    typeof value.vector === 'string' && value.vector.length <= MAX_VECTOR_LENGTH ? value.vector : undefined;
  const token =
    typeof value.token === 'string' && value.token.length <= MAX_TOKEN_LENGTH ? value.token : undefined;
  return {
    action,
    version,
    ...(to ? { to } : {}),
    choices,
    unanswered,
    ...(vector !== undefined ? { vector } : {}),
    ...(value.returnTo === 'report' ? { returnTo: 'report' as const } : {}),
    ...(token !== undefined ? { token } : {}),
  };
}
