import { CVSS_VERSIONS, type CvssVersion } from '../../domain/cvss';

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

/**
 * Card input ids name the version (`cvss31_AV`, `cvss40_AV`): 4.0's AV is not 3.1's AV, and a client
 * that keeps an input's state (its choice list, what was picked) by id must not carry one into the other.
 */
export function metricInputId(version: CvssVersion, key: string): string {
  return `cvss${version.replace('.', '')}_${key}`;
}

/** The calculator offers every version it scores (3.0, 3.1, 4.0); it switches to any of the others. */
export function otherCalculatorVersions(version: CvssVersion): CvssVersion[] {
  return CVSS_VERSIONS.filter((other) => other !== version);
}
