import type { CvssVersion } from '../../domain/cvss';

/** Who opened the calculator: the report dialog wants the result back; stand-alone it just shows the score. */
export type CalculatorReturnTo = 'report';

export interface CalculatorOptions {
  readonly version: CvssVersion;
  /** Base metric key → value already chosen (e.g. `{ AV: 'N' }`); other keys are ignored. */
  readonly choices?: Readonly<Record<string, string>>;
  /** Base metric keys to flag as unanswered, next to their choice. */
  readonly errors?: readonly string[];
  readonly returnTo?: CalculatorReturnTo;
  /** Opaque to the calculator; handed back to the `returnTo` handler (e.g. the report draft's id). */
  readonly token?: string;
  /** Adds the `cvss <vector>` usage above the questions (for `cvss` typed alone). */
  readonly showUsage?: boolean;
}

/** The `{ cmd }` every calculator and result button carries. */
export const CALCULATOR_COMMAND = 'cvss-calc';

/** Card input ids are `metric_<KEY>`, so a submit's value carries `metric_AV: 'N'` and so on. */
export function metricInputId(key: string): string {
  return `metric_${key}`;
}

/** The calculator offers v3.1 and v4.0; its switch button flips between the two. */
export function otherCalculatorVersion(version: CvssVersion): CvssVersion {
  return version === '4.0' ? '3.1' : '4.0';
}
