import type { Locale } from '../../i18n/locale';
import type { Translator } from '../../i18n/translate';

/** What a step needs to check answers and build its card: the language, "now" and the person's zone. */
export interface StepContext {
  readonly locale: Locale;
  readonly t: Translator;
  readonly now: Date;
  readonly timeZone: string;
}

/** Card input id → the message shown under that input. */
export type FieldErrors = Record<string, string>;
