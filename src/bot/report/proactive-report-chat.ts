import { renderCard, type AdaptiveCard } from '../../cards/render-card';
import type { Locale } from '../../i18n/locale';
import { translator, type Translator } from '../../i18n/translate';
import type { Logger } from '../../logger';
import { DeliveryFailure } from '../../notify/delivery-failure';
import type { ProactiveAddress, ProactiveChannel } from '../../notify/proactive-channel';
import type { ReportChat } from './report-chat';

/** What went wrong talking to the chat; the report is closed regardless. */
export interface ProactiveChatProblem {
  readonly what: 'cardUpdate' | 'notice';
  readonly kind: DeliveryFailure['kind'] | 'error';
  readonly status?: number;
  readonly message: string;
}

/**
 * A report's chat reached through the app's proactive channel, for a draft nobody came back to. The
 * channel can only post cards, so the notice is the report-closed card with the notice as its text. It
 * never throws: a refusal is kept in `problems` for the caller to log once, and after Teams says the
 * conversation is gone (403 on the card update) nothing more is sent.
 */
export class ProactiveReportChat implements ReportChat {
  readonly t: Translator;
  readonly problems: ProactiveChatProblem[] = [];
  /** True once the notice reached the connector: the person was told. */
  delivered = false;
  private gone = false;

  constructor(
    private readonly channel: ProactiveChannel,
    private readonly address: ProactiveAddress,
    readonly locale: Locale,
    readonly log: Logger,
  ) {
    this.t = translator(locale);
  }

  /** True when Teams answered 403 or 404 for the conversation: the bot was removed or the chat is gone. */
  get conversationGone(): boolean {
    return this.gone;
  }

  async replaceCard(activityId: string, card: AdaptiveCard): Promise<boolean> {
    try {
      await this.channel.update(this.address, activityId, card);
      return true;
    } catch (error) {
      const problem = this.record('cardUpdate', error);
      // A 404 here may only mean that message was deleted; a 403 means the bot may not write here at all.
      if (problem.kind === 'gone' && problem.status === 403) this.gone = true;
      return false;
    }
  }

  async tell(notice: { readonly heading: string; readonly text: string }): Promise<void> {
    if (this.gone) return;
    const card = renderCard('report-closed', this.locale, notice);
    try {
      await this.channel.send(this.address, card, notice.text);
      this.delivered = true;
    } catch (error) {
      if (this.record('notice', error).kind === 'gone') this.gone = true;
    }
  }

  private record(what: ProactiveChatProblem['what'], error: unknown): ProactiveChatProblem {
    const problem: ProactiveChatProblem =
      error instanceof DeliveryFailure
        ? {
            what,
            kind: error.kind,
            ...(error.status !== undefined ? { status: error.status } : {}),
            message: error.message,
          }
        : { what, kind: 'error', message: (error as Error)?.message ?? String(error) };
    this.problems.push(problem);
    return problem;
  }
}
