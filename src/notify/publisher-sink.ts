import type { Config } from '../config';
import { translate } from '../i18n/translate';
import type { Logger } from '../logger';
import type { ConversationReferences } from '../store/conversation-references';
import type { ClaimedOutboxRow, Outbox, OutboxSubject, StoredTicket } from '../tickets';
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
import { resolveRecipient, type Recipient } from './resolve-recipient';
import { backoffMs } from './retry-policy';
import type { StatusCardRenderer } from './status-card-renderer';

export interface PublisherSinkDeps {
  readonly outbox: Outbox;
  readonly references: ConversationReferences;
  readonly channel: ProactiveChannel;
  readonly logger: Logger;
  readonly settings: Pick<Config['notify'], 'maxAttempts'>;
  /** The status card's renderer; without one, status cards are left as they are. */
  readonly statusCard?: StatusCardRenderer;
}

/** An outbox row as the engine works it: one publisher's messages form a lane. */
export type PublisherWork = ClaimedOutboxRow & DeliveryWork;

/** How a row ends: the message went out, there was nothing to send, or it is a dead letter. */
export type PublisherFinish =
  | { readonly state: 'sent'; readonly ticket: string; readonly type: string; readonly activityId?: string }
  | { readonly state: 'skipped'; readonly reason: string }
  | {
      readonly state: 'dead';
      readonly reason: string;
      /** Why the publisher cannot be reached, noted on the ticket for support. */
      readonly unreachable?: string;
      readonly ticket?: string;
    };

/**
 * The publisher's chat, as a sink of the delivery engine: for each outbox row, refresh the ticket's status
 * card in place, then send the publisher a new message — rendered once, in the publisher's language —
 * and mark the row sent only once the connector confirmed it. 403/404 stop notifications to that chat
 * and note it on the ticket (docs/decisions/notification-delivery.md).
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
    const refreshCard = this.refreshesStatusCard(subject);
    if (!notifiesPublisher(event) && !refreshCard) {
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

    if (refreshCard) {
      const refreshed = await this.updateStatusCard(context, work, stored, recipient);
      if (refreshed) return refreshed;
    }

    const notification = buildNotification(event, notificationTicket(stored), recipient.locale);
    if (!notification) return finished({ state: 'skipped', reason: `${event.type}: status card only` });
    const sent = await context.call(recipient.address.conversation.id, () =>
      this.deps.channel.send(recipient.address, notification.card, notification.text),
    );
    if (sent.kind !== 'done') return sent;
    return finished({
      state: 'sent',
      ticket: stored.ticket.confirmationNumber,
      type: event.type,
      ...(sent.value.activityId ? { activityId: sent.value.activityId } : {}),
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
            return { ...row, state: 'sent' as const };
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

  private refreshesStatusCard({ stored, event }: OutboxSubject): boolean {
    return (
      this.deps.statusCard !== undefined &&
      stored.statusCard !== undefined &&
      event.type !== 'submitted' &&
      event.type !== 'message_posted'
    );
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
   * Re-renders the status card with the ticket as it is now. A card that is gone (404) or can no longer
   * be edited is not an error: the message still goes. Answers an outcome only when the row must stop.
   */
  private async updateStatusCard(
    context: DeliveryContext,
    work: PublisherWork,
    stored: StoredTicket,
    recipient: Recipient,
  ): Promise<DeliveryOutcome<PublisherFinish> | undefined> {
    const render = this.deps.statusCard;
    const card = stored.statusCard;
    if (!render || !card) return undefined;
    const address = await this.addressOf(card.conversationId, stored, recipient);
    if (!address) return undefined;
    const updated = await context.call(card.conversationId, () =>
      this.deps.channel.update(address, card.activityId, render(stored, recipient.locale)),
    );
    if (updated.kind === 'done' || updated.kind === 'interrupted') {
      return updated.kind === 'done' ? undefined : updated;
    }
    const { failure } = updated;
    // 404 here is most often the card itself deleted; the chat's reachability is decided by the send.
    if (failure.status === 404 || failure.kind === 'rejected') {
      this.log.warn(
        { event: 'notify.status_card_skipped', outboxId: work.id, status: failure.status },
        'status card could not be updated; sending the message anyway',
      );
      return undefined;
    }
    return updated;
  }

  private async addressOf(
    conversationId: string,
    stored: StoredTicket,
    recipient: Recipient,
  ): Promise<ProactiveAddress | undefined> {
    if (recipient.address.conversation.id === conversationId) return recipient.address;
    const saved = await this.deps.references.get(
      stored.ticket.tenantId,
      stored.ticket.reporter.id,
      conversationId,
    );
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
