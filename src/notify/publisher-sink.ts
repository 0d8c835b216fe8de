import type { Config } from '../config';
import { translate } from '../i18n/translate';
import type { Logger } from '../logger';
import type { ConversationReferences } from '../store/conversation-references';
import type {
  CardPlacement,
  ClaimedOutboxRow,
  HistoryEntry,
  Outbox,
  PostedCard,
  StoredTicket,
  TicketStore,
} from '../tickets';
import { renderTicketStatusCard } from '../cards/ticket-status-data';
import { buildNotification, notifiesPublisher } from './build-notification';
import { DeliveryFailure } from './delivery-failure';
import type {
  DeliveryContext,
  DeliveryOutcome,
  DeliverySink,
  DeliveryWork,
  FailureDecision,
  GiveBack,
} from './delivery-sink';
import type { ProactiveAddress, ProactiveChannel } from './proactive-channel';
import { renderPublisherCard } from './render-publisher-card';
import { buildDraftNotification, isDraftEvent } from './build-draft-notification';
import { resolveRecipient, type Recipient } from './resolve-recipient';
import { backoffMs } from './retry-policy';

export interface PublisherSinkDeps {
  readonly outbox: Outbox;
  /** The tickets' history and the cards posted about them. */
  readonly tickets: TicketStore;
  readonly references: ConversationReferences;
  readonly channel: ProactiveChannel;
  readonly clock: { now(): Date };
  readonly logger: Logger;
  readonly settings: Pick<Config['notify'], 'maxAttempts'>;
}

/** An outbox row as the engine works it: one publisher's messages form a lane. */
export type PublisherWork = ClaimedOutboxRow & DeliveryWork;

/** How a row ends: the message went out, there was nothing to send, or it is a dead letter. */
export type PublisherFinish =
  | {
      readonly state: 'sent';
      readonly ticket: string;
      readonly type: string;
      /** The ticket noted the publisher unreachable when the row was read: the mark clears the note. */
      readonly unreachableNoted: boolean;
      readonly activityId?: string;
      /** The message is a card to keep true (a question): remembered with the 'sent' mark. */
      readonly card?: CardPlacement;
    }
  | { readonly state: 'skipped'; readonly reason: string }
  | {
      readonly state: 'dead';
      readonly reason: string;
      /** Why the publisher cannot be reached, noted on the ticket for support. */
      readonly unreachable?: string;
      readonly ticket?: string;
    };

/**
 * The publisher's chat, as a sink of the delivery engine: for each outbox row, bring every card posted
 * about the ticket up to date in place (the confirmation, each `status` answer, each question) unless a
 * later event of the ticket waits to do it, then send the publisher a new message — rendered once, in
 * the publisher's language — and mark the row sent only once the connector confirmed it. A card Teams no longer has is marked gone, and a fresh status card is
 * posted when none is left. 403/404 to the message stop notifications to that chat and note it on the
 * ticket (docs/decisions/notification-delivery.md).
 */
export class PublisherSink implements DeliverySink<PublisherWork, PublisherFinish> {
  readonly name = 'publisher';
  private readonly log: Logger;

  constructor(private readonly deps: PublisherSinkDeps) {
    this.log = deps.logger.child({ component: 'notify' });
  }

  async claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<PublisherWork[]> {
    const rows = await this.deps.outbox.claim(owner, now, leaseMs, limit);
    return rows.map((row) => ({ ...row, key: `outbox:${row.id}`, lane: row.publisher }));
  }

  async deliver(work: PublisherWork, context: DeliveryContext): Promise<DeliveryOutcome<PublisherFinish>> {
    const subject = await this.deps.outbox.subject(work.eventId, work.ticketId);
    if (!subject) return finished({ state: 'dead', reason: 'event or ticket missing' });
    const { stored, event } = subject;
    // The card posted with the submission shows it already; every later event changes what cards say.
    // A later event already waiting brings the cards up to date after this one (as the ticket is then),
    // so in a burst of changes each card is updated once, not once per change.
    const cards =
      event.type === 'submitted' || subject.laterPending ? [] : await this.deps.tickets.cards.live(stored.id);
    if (!notifiesPublisher(event) && cards.length === 0) {
      return finished({ state: 'skipped', reason: `${event.type}: not notified` });
    }

    const lookup = await this.recipientOf(stored);
    if (lookup.kind === 'failed') return lookup;
    if (lookup.kind === 'none') {
      const reason = translate('en', 'notify.unreachable.noReference');
      return finished({
        state: 'dead',
        reason: `unreachable: ${reason}`,
        unreachable: reason,
        ticket: stored.ticket.confirmationNumber,
      });
    }
    const { recipient } = lookup;

    if (cards.length > 0) {
      const refreshed = await this.refreshCards(context, work, stored, cards, recipient);
      if (refreshed) return refreshed;
    }

    const notification = isDraftEvent(event)
      ? buildDraftNotification(
          event,
          stored,
          await this.deps.tickets.drafts.list(stored.id),
          recipient.locale,
        )
      : buildNotification(event, notificationTicket(stored), recipient.locale);
    if (!notification) return finished({ state: 'skipped', reason: `${event.type}: cards only` });
    const sent = await context.call(recipient.address.conversation.id, () =>
      this.deps.channel.send(recipient.address, notification.card, notification.text),
    );
    if (sent.kind !== 'done') return sent;
    const { activityId } = sent.value;
    return finished({
      state: 'sent',
      ticket: stored.ticket.confirmationNumber,
      type: event.type,
      unreachableNoted: stored.publisherUnreachable !== undefined,
      ...(activityId ? { activityId } : {}),
      ...(activityId && event.type === 'customer_draft_proposed'
        ? {
            card: {
              kind: 'draft' as const,
              conversationId: recipient.address.conversation.id,
              activityId,
              locale: recipient.locale,
              ...(stored.timeZone ? { timeZone: stored.timeZone } : {}),
              draftId: event.data.draftId,
            },
          }
        : {}),
      ...(activityId && event.type === 'question_asked'
        ? {
            card: {
              kind: 'question' as const,
              conversationId: recipient.address.conversation.id,
              activityId,
              locale: recipient.locale,
              ...(stored.timeZone ? { timeZone: stored.timeZone } : {}),
              questionSeq: subject.seq,
            },
          }
        : {}),
    });
  }

  async onFailure(work: PublisherWork, failure: DeliveryFailure): Promise<FailureDecision<PublisherFinish>> {
    if (failure.kind === 'gone') {
      const reason = translate('en', 'notify.unreachable.gone', { status: failure.status ?? '' });
      const subject = await this.deps.outbox.subject(work.eventId, work.ticketId);
      if (subject) await this.markGone(subject.stored, reason);
      return {
        kind: 'finished',
        finish: {
          state: 'dead',
          reason: `unreachable: ${reason}`,
          unreachable: reason,
          ...(subject ? { ticket: subject.stored.ticket.confirmationNumber } : {}),
        },
      };
    }
    const attempts = work.attempts + 1;
    if (failure.kind === 'rejected' || attempts >= this.deps.settings.maxAttempts) {
      return {
        kind: 'finished',
        finish: { state: 'dead', reason: `${failure.message} after ${attempts} attempt(s)` },
      };
    }
    return { kind: 'retry', afterMs: backoffMs(attempts) };
  }

  finishAll(
    owner: string,
    items: ReadonlyArray<{ work: PublisherWork; finish: PublisherFinish }>,
    now: Date,
  ): Promise<boolean[]> {
    return this.deps.outbox.finishAll(
      items.map(({ work, finish }) => {
        const row = { id: work.id, ticketId: work.ticketId, owner, at: now };
        switch (finish.state) {
          case 'sent':
            return {
              ...row,
              state: 'sent' as const,
              unreachableNoted: finish.unreachableNoted,
              ...(finish.card ? { card: finish.card } : {}),
            };
          case 'skipped':
            return { ...row, state: 'skipped' as const, reason: finish.reason };
          case 'dead':
            return {
              ...row,
              state: 'dead' as const,
              reason: finish.reason,
              ...(finish.unreachable !== undefined ? { unreachable: finish.unreachable } : {}),
            };
        }
      }),
    );
  }

  async giveBack(work: PublisherWork, owner: string, at: Date, how: GiveBack): Promise<boolean> {
    return this.deps.outbox.retryLater(work.id, owner, at, {
      kind: how.counts ?? 'waiting',
      ...(how.error ? { error: how.error } : {}),
    });
  }

  renew(work: PublisherWork, owner: string, now: Date, leaseMs: number): Promise<string | undefined> {
    return this.deps.outbox.renew(work.id, owner, now, leaseMs);
  }

  recordThrottle(work: PublisherWork, owner: string, error: string): Promise<boolean> {
    return this.deps.outbox.recordThrottle(work.id, owner, error);
  }

  label(finish: PublisherFinish): string {
    return finish.state;
  }

  finished(work: PublisherWork, finish: PublisherFinish, marked: boolean): void {
    const context = { outboxId: work.id, eventId: work.eventId };
    if (!marked) {
      this.log.warn(
        { event: 'notify.lease_lost', ...context },
        'finished, but the lease was lost before marking',
      );
      return;
    }
    if (finish.state === 'sent') {
      this.log.info(
        {
          event: 'notify.sent',
          ...context,
          ticket: finish.ticket,
          type: finish.type,
          activityId: finish.activityId,
        },
        'notification sent',
      );
    } else if (finish.state === 'dead') {
      const entry = { event: 'notify.dead', ...context, ticket: finish.ticket, reason: finish.reason };
      if (finish.unreachable) this.log.warn(entry, 'publisher unreachable; notification dead-lettered');
      else this.log.error(entry, 'notification dead-lettered');
    }
  }

  private async recipientOf(
    stored: StoredTicket,
  ): Promise<
    | { readonly kind: 'found'; readonly recipient: Recipient }
    | { readonly kind: 'none' }
    | { readonly kind: 'failed'; readonly failure: DeliveryFailure }
  > {
    try {
      const lookup = await resolveRecipient(this.deps.references, this.deps.channel, {
        tenantId: stored.ticket.tenantId,
        reporterId: stored.ticket.reporter.id,
        ...(stored.conversationId ? { conversationId: stored.conversationId } : {}),
        locale: stored.locale ?? 'en',
      });
      return lookup.ok ? { kind: 'found', recipient: lookup.recipient } : { kind: 'none' };
    } catch (error) {
      // Opening a 1:1 chat is a connector call too; its failures follow the same rules.
      if (error instanceof DeliveryFailure) return { kind: 'failed', failure: error };
      throw error;
    }
  }

  /**
   * Re-renders each live card of the ticket as it is now and updates it in place. A card that is gone
   * (404) or can no longer be edited is marked gone, not an error: the message still goes, and when no
   * status card is left a fresh one is posted. Answers an outcome only when the row must stop here.
   */
  private async refreshCards(
    context: DeliveryContext,
    work: PublisherWork,
    stored: StoredTicket,
    cards: readonly PostedCard[],
    recipient: Recipient,
  ): Promise<DeliveryOutcome<PublisherFinish> | undefined> {
    const history: readonly HistoryEntry[] = cards.some(
      (card) => card.kind === 'timeline' || card.kind === 'question',
    )
      ? await this.deps.tickets.history(stored.id)
      : [];
    const drafts = cards.some((card) => card.kind === 'draft')
      ? await this.deps.tickets.drafts.list(stored.id)
      : [];
    let statusCardsLeft = cards.filter((card) => card.kind === 'status').length;
    let lostStatusCard = false;
    for (const card of cards) {
      const address = await this.addressOf(card, stored, recipient);
      const rendered = address && renderPublisherCard(card, stored, history, this.deps.clock.now(), drafts);
      if (!address || !rendered) continue;
      const updated = await context.call(card.conversationId, () =>
        this.deps.channel.update(address, card.activityId, rendered),
      );
      if (updated.kind === 'done') continue;
      if (updated.kind === 'interrupted') return updated;
      const { failure } = updated;
      // 404 (or 403) here is most often the card itself deleted; the chat's reachability is decided by
      // the new message. Anything else is retried with the row (updating again is harmless).
      if (failure.kind !== 'gone' && failure.kind !== 'rejected') return updated;
      await this.deps.tickets.cards.markGone(card.id, this.deps.clock.now());
      this.log.warn(
        { event: 'notify.card_gone', outboxId: work.id, kind: card.kind, status: failure.status },
        'a card about the ticket could not be updated; it is no longer kept',
      );
      if (card.kind === 'status') {
        statusCardsLeft -= 1;
        lostStatusCard = true;
      }
    }
    if (lostStatusCard && statusCardsLeft === 0) return this.postFreshStatusCard(context, stored, recipient);
    return undefined;
  }

  /** Posts the ticket's status card anew, as it is now, and keeps it true from here on. */
  private async postFreshStatusCard(
    context: DeliveryContext,
    stored: StoredTicket,
    recipient: Recipient,
  ): Promise<DeliveryOutcome<PublisherFinish> | undefined> {
    const { address, locale } = recipient;
    const card = renderTicketStatusCard(stored.ticket, {
      locale,
      now: this.deps.clock.now(),
      ...(stored.timeZone ? { timeZone: stored.timeZone } : {}),
    });
    const sent = await context.call(address.conversation.id, () =>
      this.deps.channel.send(
        address,
        card,
        `${stored.ticket.confirmationNumber}: ${stored.ticket.report.title}`,
      ),
    );
    if (sent.kind !== 'done') return sent;
    if (sent.value.activityId) {
      await this.deps.tickets.cards.remember(
        stored.id,
        {
          kind: 'status',
          conversationId: address.conversation.id,
          activityId: sent.value.activityId,
          locale,
          ...(stored.timeZone ? { timeZone: stored.timeZone } : {}),
        },
        this.deps.clock.now(),
      );
    }
    return undefined;
  }

  /** Where a card is: the publisher's chat, or the chat of the colleague who asked for a `status` card. */
  private async addressOf(
    card: PostedCard,
    stored: StoredTicket,
    recipient: Recipient,
  ): Promise<ProactiveAddress | undefined> {
    if (recipient.address.conversation.id === card.conversationId) return recipient.address;
    const user = card.viewerId ?? stored.ticket.reporter.id;
    const saved = await this.deps.references.get(stored.ticket.tenantId, user, card.conversationId);
    return saved?.active ? saved : undefined;
  }

  /** Stops proactive messages to the publisher's chats that Teams says are gone. */
  private async markGone(stored: StoredTicket, reason: string): Promise<void> {
    const { tenantId, reporter } = stored.ticket;
    const saved = await this.deps.references.findForUser(tenantId, reporter.id);
    const chosen = saved.find((ref) => ref.conversation.id === stored.conversationId) ?? saved[0];
    if (chosen) await this.deps.references.markInactive(chosen.conversation.id, reason, reporter.id);
  }
}

function finished(finish: PublisherFinish): DeliveryOutcome<PublisherFinish> {
  return { kind: 'finished', finish };
}

function notificationTicket(stored: StoredTicket) {
  return {
    confirmationNumber: stored.ticket.confirmationNumber,
    title: stored.ticket.report.title,
    ...(stored.timeZone ? { timeZone: stored.timeZone } : {}),
  };
}
