import { echoText } from '../echo-text';
import type { CvssVersion } from './cvss-metrics';

/** Error keys are message keys: the i18n layer renders them with `{metric}`, `{value}` and `{version}`. */
export const CVSS_ERROR_KEYS = [
  'cvss.prefix',
  'cvss.missingMetric',
  'cvss.duplicateMetric',
  'cvss.unknownMetric',
  'cvss.invalidValue',
  'cvss.order',
  'cvss.malformed',
] as const;
export type CvssErrorKey = (typeof CVSS_ERROR_KEYS)[number];

export interface CvssError {
  readonly key: CvssErrorKey;
  /** The metric at fault, as written (e.g. `av` for a lowercase name). */
  readonly metric?: string;
  /** The offending text, shortened so a hostile paste is never echoed in full. */
  readonly value?: string;
  readonly version?: CvssVersion;
}

const MAX_ECHO = 32;

/** Keeps the part of the input an error repeats back short and printable. */
export function echo(text: string): string {
  return echoText(text, MAX_ECHO);
}
