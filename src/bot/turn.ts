import type { TurnContext } from 'botbuilder';
import type { Locale } from '../i18n/locale';
import type { Translator } from '../i18n/translate';
import type { Logger } from '../logger';

/** What every command and dialog step gets: the turn, the person's language and a logger for this turn. */
export interface Turn {
  readonly context: TurnContext;
  readonly locale: Locale;
  readonly t: Translator;
  readonly log: Logger;
  /** Entra tenant of the person (the sign-in, per DESIGN.md). */
  readonly tenantId: string;
  /** The person's Entra object id, or the channel user id when Teams gives none. */
  readonly userId: string;
  readonly userName: string | undefined;
}
