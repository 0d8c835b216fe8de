import type { AdaptiveCard } from '../../cards/render-card';
import type { Locale } from '../../i18n/locale';
import type { Translator } from '../../i18n/translate';
import type { Logger } from '../../logger';
import type { Turn } from '../turn';
import { updateCard } from './show-card';

/**
 * Where the end of a report is told: the chat of the turn the person is in, or (for a draft nobody came
 * back to) a proactive turn in that chat. Closing a draft speaks only through this, so both ways of
 * ending a report behave the same.
 */
export interface ReportChat {
  readonly locale: Locale;
  readonly t: Translator;
  readonly log: Logger;
  /** Replaces the report's card in place; false when the channel refused (the report still ends). */
  replaceCard(activityId: string, card: AdaptiveCard): Promise<boolean>;
  /** A new message saying how the report ended, so the person is notified. */
  tell(notice: { readonly heading: string; readonly text: string }): Promise<void>;
}

/** The chat of the turn in progress: the card is updated and the notice is a plain reply. */
export function turnReportChat(turn: Turn): ReportChat {
  return {
    locale: turn.locale,
    t: turn.t,
    log: turn.log,
    replaceCard: (activityId, card) => updateCard(turn, card, activityId),
    tell: async ({ text }) => {
      await turn.context.sendActivity(text);
    },
  };
}
