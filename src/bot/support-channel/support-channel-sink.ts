import { formatFileSize } from '../../cards/format-file-size';
import type { SupportPort } from '../../backend/support-port';
import type { Clock } from '../../domain/clock';
import type { Locale } from '../../i18n/locale';
import { translate, translator } from '../../i18n/translate';
import { draftWords } from '../../cards/describe-ticket-event';
import { textLine } from '../../cards/card-lines';
import { describeAddition } from './describe-addition';
import type { Logger } from '../../logger';
import type { DeliveryFailure } from '../../notify/delivery-failure';
import type {
  DeliveryContext,
  DeliveryOutcome,
  DeliverySink,
  DeliveryWork,
  FailureDecision,
  GiveBack,
} from '../../notify/delivery-sink';
import type { ProactiveChannel } from '../../notify/proactive-channel';
import { backoffMs } from '../../notify/retry-policy';
import type { HistoryEntry, SupportCards, SupportCardWork } from '../../tickets';
import type { ChannelBinding } from './channel-binding';
import type { ChannelRegistrations } from './channel-registrations';
import { renderPublisherWroteCard, type PublisherWroteEntry } from './render-publisher-wrote-card';
import { renderTriageCard } from './render-triage-card';
import type { TriageViewers } from './triage-viewers';

export interface SupportChannelSinkDeps {
  readonly cards: SupportCards;
  readonly registrations: ChannelRegistrations;
  readonly support: SupportPort;
  /** Who works the cards: each card's refresh.userIds. */
  readonly viewers: TriageViewers;
  readonly channel: ProactiveChannel;
  readonly clock: Clock;
  readonly logger: Logger;
  /** SUPPORT_TIME_ZONE: due times on the cards are support's. */
  readonly timeZone: string;
  /** SUPPORT_CHANNEL_LOCALE: a channel post has no one reader, so the deployment picks its language. */
  readonly locale: Locale;
}

/** A triage card to bring up to date, in the channel it is bound to; the channel is one lane. */
export type TriageCardWork = SupportCardWork & DeliveryWork & { readonly binding: ChannelBinding };

export type TriageCardFinish =
  | { readonly kind: 'posted'; readonly version: number; readonly seq: number; readonly activityId?: string }
  | { readonly kind: 'updated'; readonly version: number; readonly seq: number }
  /** The ticket is no longer support's (or gone): nothing to show. */
  | { readonly kind: 'missing' };

/**
 * Support's Teams channel, as a sink of the delivery engine: a triage card for every open ticket this
 * service owns, updated in place whenever the ticket's version moves past the one its card shows
 * (whoever changed it: a card, the support API, the publisher, the overdue job). The posted card's
 * activity id is committed with the work's finish, so a card is posted once — except after a crash
 * between the connector's answer and that commit, which posts it again.
 */
export class SupportChannelSink implements DeliverySink<TriageCardWork, TriageCardFinish> {
  readonly name = 'support_channel';
  private readonly log: Logger;

  constructor(private readonly deps: SupportChannelSinkDeps) {
    this.log = deps.logger.child({ component: 'support_channel' });
  }

  async claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<TriageCardWork[]> {
    // The cards of the channel bound now; its binding (the channel's address) is read only when there
    // are some, as most claims (after every commit and poll) find none.
    const claimed = await this.deps.cards.claimForActiveChannel(owner, now, leaseMs, limit);
    const [first] = claimed;
    if (!first) return [];
    const binding = await this.deps.registrations.byId(first.bindingId);
    // Bindings are ended, never deleted: a card row names one that exists.
    if (!binding)
      throw new Error(`support cards claimed for binding ${first.bindingId}, which does not exist`);
    return claimed.map((card) => ({
      ...card,
      binding,
      key: `support_card:${card.confirmationNumber}`,
      lane: binding.conversationId,
      // The card's row counts 429s with its other failures.
      throttled: 0,
    }));
  }

  async deliver(work: TriageCardWork, context: DeliveryContext): Promise<DeliveryOutcome<TriageCardFinish>> {
    const found = await this.deps.support.get(work.confirmationNumber);
    if (!found) return { kind: 'finished', finish: { kind: 'missing' } };
    const { view, history } = found;
    const { binding } = work;
    const viewers = await this.deps.viewers.list(binding.id);
    const card = renderTriageCard(view, {
      locale: this.deps.locale,
      timeZone: this.deps.timeZone,
      history,
      viewers,
    });
    const seq = history.reduce((last, entry) => Math.max(last, entry.seq), 0);
    if (work.activityId) {
      const activityId = work.activityId;
      const updated = await context.call(binding.conversationId, () =>
        this.deps.channel.update(binding.address, activityId, card),
      );
      if (updated.kind === 'done') {
        const told = await this.tellOfPublisher(context, work, activityId, history);
        if (told) return told;
        return { kind: 'finished', finish: { kind: 'updated', version: view.version, seq } };
      }
      if (updated.kind === 'interrupted') return updated;
      if (updated.failure.status !== 404 && updated.failure.kind !== 'rejected') return updated;
      // The card was deleted (or can no longer be edited): post a new one.
      this.log.warn(
        {
          event: 'support_channel.card_gone',
          ticket: work.confirmationNumber,
          status: updated.failure.status,
        },
        'triage card gone; posting it anew',
      );
    }
    const summary = translate(this.deps.locale, 'supportChannel.card.summary', {
      number: view.ticket.confirmationNumber,
    });
    const sent = await context.call(binding.conversationId, () =>
      this.deps.channel.send(binding.address, card, summary),
    );
    if (sent.kind !== 'done') return sent;
    return {
      kind: 'finished',
      finish: {
        kind: 'posted',
        version: view.version,
        seq,
        ...(sent.value.activityId ? { activityId: sent.value.activityId } : {}),
      },
    };
  }

  /**
   * What the publisher wrote since support was last told (a message, an answer, an addition, a
   * withdrawal) as a reply in the card's thread, so Teams notifies the channel; the card shows it too.
   * The first post sets where support starts from. Answers an outcome only when the work must stop.
   */
  private async tellOfPublisher(
    context: DeliveryContext,
    work: TriageCardWork,
    activityId: string,
    history: readonly HistoryEntry[],
  ): Promise<DeliveryOutcome<TriageCardFinish> | undefined> {
    if (work.shownSeq === 0) return undefined;
    const entries = history
      .filter((entry) => entry.seq > work.shownSeq && entry.event.actor.kind === 'publisher')
      .flatMap((entry) => this.describe(entry, work.confirmationNumber));
    if (entries.length === 0) return undefined;
    const { binding } = work;
    const t = (key: string) => translate(this.deps.locale, key, { number: work.confirmationNumber });
    const notice = renderPublisherWroteCard(this.deps.locale, work.confirmationNumber, entries);
    const thread = {
      ...binding.address,
      conversation: {
        ...binding.address.conversation,
        id: `${binding.conversationId};messageid=${activityId}`,
      },
    };
    const sent = await context.call(binding.conversationId, () =>
      this.deps.channel.send(thread, notice, t('supportChannel.publisherWrote.summary')),
    );
    return sent.kind === 'done' ? undefined : sent;
  }

  private describe({ event }: HistoryEntry, confirmationNumber: string): PublisherWroteEntry[] {
    const t = (key: string) => translate(this.deps.locale, `supportChannel.publisherWrote.${key}`);
    switch (event.type) {
      case 'message_posted':
        return [{ label: t('message'), lines: [textLine(event.data.message)] }];
      case 'question_answered':
        return [{ label: t('answer'), lines: [textLine(event.data.answer)] }];
      case 'information_added':
        return [{ label: t('added'), lines: describeAddition(event.data, this.deps.locale) }];
      case 'closed':
        return [{ label: t('withdrawn'), lines: event.data.note ? [textLine(event.data.note)] : [] }];
      case 'evidence_added':
        return [
          {
            label: translate(this.deps.locale, 'evidence.triage.files'),
            lines: [
              textLine(
                translate(this.deps.locale, 'evidence.triage.file', {
                  name: event.data.name,
                  size: formatFileSize(event.data.size, this.deps.locale),
                }),
              ),
            ],
          },
        ];
      case 'customer_draft_shared':
      case 'customer_draft_answered': {
        const words = translator(this.deps.locale);
        const key =
          event.type === 'customer_draft_shared'
            ? 'drafts.support.shared'
            : `drafts.support.${event.data.answer}`;
        return [
          {
            label: words(key),
            lines: [
              textLine(words('drafts.named', draftWords(words, event.data))),
              textLine(
                words('drafts.support.where', {
                  path: `/api/support/tickets/${confirmationNumber}/drafts/${
                    event.type === 'customer_draft_answered'
                      ? (event.data.sharedDraftId ?? event.data.draftId)
                      : event.data.draftId
                  }`,
                }),
              ),
            ],
          },
        ];
      }
      default:
        return [];
    }
  }

  async onFailure(
    work: TriageCardWork,
    failure: DeliveryFailure,
  ): Promise<FailureDecision<TriageCardFinish>> {
    const afterMs = backoffMs(work.attempts + 1);
    const entry = {
      event: 'support_channel.card_retry',
      ticket: work.confirmationNumber,
      status: failure.status,
      kind: failure.kind,
      attempts: work.attempts + 1,
      retryInMs: afterMs,
    };
    if (failure.kind === 'gone') {
      this.log.error(entry, 'the support channel cannot be reached (is the bot still in the team?)');
    }
    // Support's cards are never given up on: the channel may be reachable again once the bot is re-added.
    return { kind: 'retry', afterMs };
  }

  async finishAll(
    owner: string,
    items: ReadonlyArray<{ work: TriageCardWork; finish: TriageCardFinish }>,
    now: Date,
  ): Promise<boolean[]> {
    const results: boolean[] = [];
    for (const { work, finish } of items) {
      results.push(
        await this.deps.cards.release(work, owner, now, {
          ...(finish.kind === 'posted' ? { activityId: finish.activityId ?? null } : {}),
          ...(finish.kind === 'missing' ? {} : { shownVersion: finish.version, shownSeq: finish.seq }),
          attempts: 0,
          nextAttemptAt: null,
          lastError: null,
        }),
      );
    }
    return results;
  }

  giveBack(work: TriageCardWork, owner: string, at: Date, how: GiveBack): Promise<boolean> {
    return this.deps.cards.release(work, owner, this.deps.clock.now(), {
      nextAttemptAt: at,
      ...(how.counts ? { attempts: work.attempts + 1 } : {}),
      ...(how.error ? { lastError: how.error } : {}),
    });
  }

  async renew(work: TriageCardWork, owner: string, now: Date, leaseMs: number): Promise<string | undefined> {
    return this.deps.cards.renew(work, owner, now, leaseMs);
  }

  async recordThrottle(): Promise<boolean> {
    return true;
  }

  label(finish: TriageCardFinish): string {
    return finish.kind;
  }

  finished(work: TriageCardWork, finish: TriageCardFinish, marked: boolean): void {
    if (!marked || finish.kind === 'missing') return;
    this.log.info(
      {
        event: finish.kind === 'posted' ? 'support_channel.card_posted' : 'support_channel.card_updated',
        ticket: work.confirmationNumber,
        version: finish.version,
        ...(finish.kind === 'posted' ? { activityId: finish.activityId } : {}),
      },
      finish.kind === 'posted' ? 'triage card posted' : 'triage card updated',
    );
  }
}
