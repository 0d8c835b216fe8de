import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Clock } from '../domain/clock';
import type { Logger } from '../logger';
import type { ConversationReferences } from '../store/conversation-references';
import type { StoreEngine } from '../store/store-engine';
import type { Database } from '../store/tables';
import { buildNotification } from './build-notification';
import { DeliveryFailure } from './delivery-failure';
import { OutboxQueue, type ClaimedOutboxRow } from './outbox-queue';
import type { ProactiveAddress, ProactiveChannel } from './proactive-channel';
import { clearPublisherUnreachable, recordPublisherUnreachable } from './publisher-reachability';
import { readOutboxSubject, type OutboxSubject } from './read-outbox-subject';
import { resolveRecipient, type Recipient } from './resolve-recipient';
import { backoffMs, retryPolicy, throttleDelayMs, type Random } from './retry-policy';
import type { SendGate } from './send-gate';
import type { StatusCardRenderer } from './status-card-renderer';
import { translate } from '../i18n/translate';

export interface OutboxWorkerDeps {
  readonly db: Kysely<Database>;
  readonly engine: StoreEngine;
  readonly references: ConversationReferences;
  readonly channel: ProactiveChannel;
  readonly gate: SendGate;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: Config['notify'];
  /** The status card's renderer; without one, status cards are left as they are. */
  readonly statusCard?: StatusCardRenderer;
  readonly random?: Random;
  /** Names this instance's leases; unique per process by default. */
  readonly owner?: string;
}

/** What an operator or the benchmark reads about the worker. */
export interface OutboxWorkerStats {
  sent: number;
  skipped: number;
  retried: number;
  dead: number;
  /**
   * Milliseconds between the connector confirming a message and its 'sent' mark committing: the window
   * in which a crash causes one duplicate (docs/decisions/notification-delivery.md). The last 10,000.
   */
  readonly markLagMs: number[];
}

/** Rate-limit waits up to this long are waited out holding the lease; longer ones give the row back. */
const maxInPlaceWaitMs = 3_000;

/** Outcomes of one row that end the attempt early. */
class RowOutcome extends Error {
  constructor(readonly outcome: 'released' | 'leaseLost') {
    super(outcome);
  }
}

/**
 * Delivers the outbox: claims due rows with a lease, refreshes each ticket's status card in place, sends
 * the publisher a new message, and marks the row sent only once the connector confirmed it. Failures
 * follow retry-policy.ts; 403/404 stop notifications to that chat and note it on the ticket.
 */
export class OutboxWorker {
  readonly owner: string;
  readonly stats: OutboxWorkerStats = { sent: 0, skipped: 0, retried: 0, dead: 0, markLagMs: [] };
  private readonly queue: OutboxQueue;
  private readonly random: Random;
  private readonly log: Logger;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly sleepers = new Set<() => void>();
  private running?: Promise<void>;
  private stopping = false;
  private wakeIdle?: () => void;
  private wakePending = false;

  constructor(private readonly deps: OutboxWorkerDeps) {
    this.owner = deps.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.queue = new OutboxQueue(deps.db, deps.engine);
    this.random = deps.random ?? Math.random;
    this.log = deps.logger.child({ component: 'notify', owner: this.owner });
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Look for work now (after a local commit, or a webhook stored an event) instead of at the next poll. */
  wake(): void {
    this.wakePending = true;
    this.wakeIdle?.();
  }

  /** Stops claiming, cuts rate-limit waits short (those rows go back to the queue) and lets sends finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeIdle?.();
    for (const wake of this.sleepers) wake();
    await this.running;
    await Promise.allSettled([...this.inFlight]);
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      this.wakePending = false;
      const capacity = this.deps.settings.batchSize - this.inFlight.size;
      let claimed: ClaimedOutboxRow[] = [];
      if (capacity > 0) {
        try {
          claimed = await this.queue.claim(
            this.owner,
            this.deps.clock.now(),
            this.deps.settings.leaseSeconds * 1000,
            capacity,
          );
        } catch (error) {
          this.log.error({ event: 'notify.claim_failed', err: error }, 'could not claim outbox rows');
        }
      }
      for (const row of claimed) {
        const work = this.process(row).finally(() => {
          this.inFlight.delete(work);
          this.wake();
        });
        this.inFlight.add(work);
      }
      if (this.stopping) break;
      if (claimed.length > 0 && claimed.length === capacity) continue;
      if (!this.wakePending) await this.idle(this.deps.settings.pollMs);
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeIdle = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeIdle = done;
    });
  }

  private async process(row: ClaimedOutboxRow): Promise<void> {
    const lease = { expiresAt: Date.parse(row.leaseExpiresAt) };
    try {
      await this.deliver(row, lease);
    } catch (error) {
      if (error instanceof RowOutcome) return;
      if (error instanceof DeliveryFailure) return this.failed(row, error);
      // A store error or a bug: leave the lease to expire so the row is tried again later.
      this.log.error(
        { event: 'notify.row_failed', outboxId: row.id, err: error },
        'delivering an outbox row failed',
      );
    }
  }

  private async deliver(row: ClaimedOutboxRow, lease: { expiresAt: number }): Promise<void> {
    const subject = await readOutboxSubject(this.deps.db, row.eventId, row.ticketId);
    if (!subject) {
      await this.queue.markDead(row.id, this.owner, this.deps.clock.now(), 'event or ticket missing');
      this.stats.dead += 1;
      this.log.error(
        { event: 'notify.dead', outboxId: row.id, reason: 'missing' },
        'outbox row points at nothing',
      );
      return;
    }
    const refreshCard = this.refreshesStatusCard(subject);
    const willNotify = buildNotification(subject.event, notificationTicket(subject), 'en') !== undefined;
    if (!willNotify && !refreshCard) {
      await this.queue.markSkipped(row.id, this.owner, `${subject.event.type}: not notified`);
      this.stats.skipped += 1;
      return;
    }

    const lookup = await resolveRecipient(this.deps.db, this.deps.references, this.deps.channel, {
      tenantId: subject.ticket.tenant_id,
      reporterId: subject.ticket.reporter_id,
      conversationId: subject.ticket.conversation_id,
      locale: subject.ticket.locale,
    });
    if (!lookup.ok) {
      const reason = translate('en', 'notify.unreachable.noReference');
      await recordPublisherUnreachable(this.deps.db, row.ticketId, this.deps.clock.now(), reason);
      await this.queue.markDead(row.id, this.owner, this.deps.clock.now(), `unreachable: ${reason}`);
      this.stats.dead += 1;
      this.log.error(
        {
          event: 'notify.dead',
          outboxId: row.id,
          ticket: subject.ticket.confirmation_number,
          reason: 'noReference',
        },
        'no way to reach the publisher',
      );
      return;
    }
    const { recipient } = lookup;

    if (refreshCard) await this.updateStatusCard(row, lease, subject, recipient);

    const notification = buildNotification(subject.event, notificationTicket(subject), recipient.locale);
    if (!notification) {
      await this.queue.markSkipped(row.id, this.owner, `${subject.event.type}: status card only`);
      this.stats.skipped += 1;
      return;
    }
    await this.beforeCall(row, lease, recipient.address.conversation.id);
    const sent = await this.deps.channel.send(recipient.address, notification.card, notification.text);
    const confirmed = performance.now();
    const marked = await this.queue.markSent(row.id, this.owner, this.deps.clock.now());
    this.recordMarkLag(performance.now() - confirmed);
    if (!marked) {
      this.log.warn(
        { event: 'notify.lease_lost', outboxId: row.id },
        'sent, but the lease was lost before marking',
      );
      return;
    }
    this.stats.sent += 1;
    await clearPublisherUnreachable(this.deps.db, row.ticketId);
    this.log.info(
      {
        event: 'notify.sent',
        outboxId: row.id,
        ticket: subject.ticket.confirmation_number,
        type: subject.event.type,
        activityId: sent.activityId,
      },
      'notification sent',
    );
  }

  private refreshesStatusCard(subject: OutboxSubject): boolean {
    const { ticket, event } = subject;
    return (
      this.deps.statusCard !== undefined &&
      !!ticket.status_card_activity_id &&
      !!ticket.status_card_conversation_id &&
      event.type !== 'submitted' &&
      event.type !== 'message_posted'
    );
  }

  /** Re-renders the status card with the ticket as it is now; a card that is gone is not an error. */
  private async updateStatusCard(
    row: ClaimedOutboxRow,
    lease: { expiresAt: number },
    subject: OutboxSubject,
    recipient: Recipient,
  ): Promise<void> {
    const render = this.deps.statusCard;
    const { ticket } = subject;
    const activityId = ticket.status_card_activity_id;
    const conversationId = ticket.status_card_conversation_id;
    if (!render || !activityId || !conversationId) return;
    const address = await this.addressOf(conversationId, ticket.tenant_id, ticket.reporter_id, recipient);
    if (!address) return;
    await this.beforeCall(row, lease, conversationId);
    try {
      await this.deps.channel.update(address, activityId, render(ticket, recipient.locale));
    } catch (error) {
      if (!(error instanceof DeliveryFailure)) throw error;
      // 404 here is most often the card itself deleted; the chat's reachability is decided by the send.
      if (error.status === 404 || error.kind === 'rejected') {
        this.log.warn(
          { event: 'notify.status_card_skipped', outboxId: row.id, status: error.status },
          'status card could not be updated; sending the message anyway',
        );
        return;
      }
      throw error;
    }
  }

  private async addressOf(
    conversationId: string,
    tenantId: string,
    reporterId: string,
    recipient: Recipient,
  ): Promise<ProactiveAddress | undefined> {
    if (recipient.address.conversation.id === conversationId) return recipient.address;
    const saved = await this.deps.references.get(tenantId, reporterId, conversationId);
    return saved?.active ? saved : undefined;
  }

  /** Renews a lease running short and waits for room under Teams' rate limits. */
  private async beforeCall(row: ClaimedOutboxRow, lease: { expiresAt: number }, conversationId: string) {
    for (;;) {
      if (this.stopping) return this.giveBack(row, 0);
      const leaseMs = this.deps.settings.leaseSeconds * 1000;
      const now = this.deps.clock.now();
      if (lease.expiresAt - now.getTime() < leaseMs / 2) {
        const renewed = await this.queue.renew(row.id, this.owner, now, leaseMs);
        if (!renewed) throw new RowOutcome('leaseLost');
        lease.expiresAt = Date.parse(renewed);
      }
      const answer = await this.deps.gate.tryAcquire(conversationId);
      if (answer.ok) return;
      if (answer.retryInMs > maxInPlaceWaitMs) return this.giveBack(row, answer.retryInMs);
      await this.sleep(answer.retryInMs);
    }
  }

  private async giveBack(row: ClaimedOutboxRow, afterMs: number): Promise<never> {
    const at = new Date(this.deps.clock.now().getTime() + afterMs);
    await this.queue.retryLater(row.id, this.owner, at, { kind: 'waiting' });
    throw new RowOutcome('released');
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private async failed(row: ClaimedOutboxRow, failure: DeliveryFailure): Promise<void> {
    const now = this.deps.clock.now();
    const context = { outboxId: row.id, eventId: row.eventId, status: failure.status, kind: failure.kind };
    try {
      if (failure.kind === 'throttled' && row.throttled + 1 < retryPolicy.maxThrottles) {
        const delay = throttleDelayMs(failure.retryAfterMs, row.throttled + 1, this.random);
        await this.queue.retryLater(row.id, this.owner, new Date(now.getTime() + delay), {
          kind: 'throttled',
          error: failure.message,
        });
        this.stats.retried += 1;
        this.log.warn(
          { event: 'notify.throttled', ...context, retryInMs: delay },
          'Teams throttled; retrying later',
        );
        return;
      }
      if (failure.kind === 'gone') {
        const reason = translate('en', 'notify.unreachable.gone', { status: failure.status ?? '' });
        const subject = await readOutboxSubject(this.deps.db, row.eventId, row.ticketId);
        if (subject) await this.markGone(subject, reason);
        await recordPublisherUnreachable(this.deps.db, row.ticketId, now, reason);
        await this.queue.markDead(row.id, this.owner, now, `unreachable: ${reason}`);
        this.stats.dead += 1;
        this.log.warn(
          { event: 'notify.unreachable', ...context },
          'publisher unreachable; chat marked inactive',
        );
        return;
      }
      const attempts = row.attempts + 1;
      if (failure.kind === 'rejected' || attempts >= this.deps.settings.maxAttempts) {
        await this.queue.markDead(row.id, this.owner, now, `${failure.message} after ${attempts} attempt(s)`);
        this.stats.dead += 1;
        this.log.error({ event: 'notify.dead', ...context, attempts }, 'notification dead-lettered');
        return;
      }
      const delay = backoffMs(attempts, this.random);
      await this.queue.retryLater(row.id, this.owner, new Date(now.getTime() + delay), {
        kind: 'failure',
        error: failure.message,
      });
      this.stats.retried += 1;
      this.log.warn(
        { event: 'notify.retry', ...context, attempts, retryInMs: delay },
        'delivery failed; will retry',
      );
    } catch (error) {
      this.log.error(
        { event: 'notify.row_failed', outboxId: row.id, err: error },
        'recording a failure failed',
      );
    }
  }

  /** Stops proactive messages to the publisher's chats that Teams says are gone. */
  private async markGone(subject: OutboxSubject, reason: string): Promise<void> {
    const { ticket } = subject;
    const saved = await this.deps.references.findForUser(ticket.tenant_id, ticket.reporter_id);
    const chosen = saved.find((ref) => ref.conversation.id === ticket.conversation_id) ?? saved[0];
    if (chosen) await this.deps.references.markInactive(chosen.conversation.id, reason, ticket.reporter_id);
  }

  private recordMarkLag(ms: number): void {
    const lags = this.stats.markLagMs;
    if (lags.length >= 10_000) lags.shift();
    lags.push(ms);
  }
}

function notificationTicket(subject: OutboxSubject) {
  return {
    confirmationNumber: subject.ticket.confirmation_number,
    title: subject.ticket.title,
    ...(subject.ticket.reporter_time_zone ? { timeZone: subject.ticket.reporter_time_zone } : {}),
  };
}
