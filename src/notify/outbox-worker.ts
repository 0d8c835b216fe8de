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
import { GroupCommit } from './group-commit';
import { OutboxQueue, type ClaimedOutboxRow, type RowFinish } from './outbox-queue';
import type { ProactiveAddress, ProactiveChannel } from './proactive-channel';
import { clearPublisherUnreachable, recordPublisherUnreachable } from './publisher-reachability';
import { readOutboxSubject, type OutboxSubject } from './read-outbox-subject';
import { resolveRecipient, type Recipient } from './resolve-recipient';
import { backoffMs, retryPolicy, throttleDelayMs, type Random } from './retry-policy';
import type { SendGate } from './send-gate';
import { SendSlots } from './send-slots';
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
  constructor(
    readonly outcome: 'released' | 'leaseLost',
    readonly retryAt?: Date,
  ) {
    super(outcome);
  }
}

/** A claimed row while this instance works on it. */
interface RowWork {
  readonly row: ClaimedOutboxRow;
  leaseExpiresAt: number;
  /** 429s so far, the row's stored count plus those waited out in place. */
  throttled: number;
}

/** How a row's attempt ended, for its publisher's lane: done (any final state) or back in the queue at. */
type RowResult = { readonly done: true } | { readonly done: false; readonly retryAt: Date };

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
  private readonly slots: SendSlots;
  private readonly finishes: GroupCommit<RowFinish, boolean>;
  /** Claimed rows waiting per publisher, sent strictly one after another; publishers run concurrently. */
  private readonly lanes = new Map<string, ClaimedOutboxRow[]>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly sleepers = new Set<() => void>();
  /** Claimed rows not finished yet (queued in a lane or being sent). */
  private held = 0;
  private running?: Promise<void>;
  private stopping = false;
  private wakeIdle?: () => void;
  private wakePending = false;
  /** When a row this instance gave back becomes due: the loop looks again then, not a poll later. */
  private nextDueAt = Infinity;

  constructor(private readonly deps: OutboxWorkerDeps) {
    this.owner = deps.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.queue = new OutboxQueue(deps.db, deps.engine);
    this.slots = new SendSlots(deps.gate);
    this.finishes = new GroupCommit((rows) => this.queue.finishAll(rows));
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
    this.slots.stop();
    for (const wake of this.sleepers) wake();
    await this.running;
    await Promise.allSettled([...this.inFlight]);
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      this.wakePending = false;
      const capacity = this.deps.settings.batchSize - this.held;
      let claimed: ClaimedOutboxRow[] = [];
      if (capacity > 0) {
        if (this.nextDueAt <= this.deps.clock.now().getTime()) this.nextDueAt = Infinity;
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
      for (const row of claimed) this.enqueue(row);
      if (this.stopping) break;
      if (claimed.length > 0 && claimed.length === capacity) continue;
      const untilDue = this.nextDueAt - this.deps.clock.now().getTime();
      if (!this.wakePending) await this.idle(Math.max(Math.min(this.deps.settings.pollMs, untilDue), 0));
    }
  }

  /** Queues a row behind its publisher's earlier ones; the lane runs until it is empty. */
  private enqueue(row: ClaimedOutboxRow): void {
    this.held += 1;
    const lane = this.lanes.get(row.publisher);
    if (lane) {
      lane.push(row);
      return;
    }
    this.lanes.set(row.publisher, [row]);
    const work = this.runLane(row.publisher).finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  /**
   * One publisher's rows, one at a time in the order claimed, so their chat reads in order. When a row
   * goes back to the queue (a wait, a 429 too long to hold, a 5xx backoff), the rest of the lane goes
   * back with it at the same time, behind it, instead of overtaking it.
   */
  private async runLane(publisher: string): Promise<void> {
    const lane = this.lanes.get(publisher)!;
    while (lane.length > 0) {
      const row = lane[0]!;
      const result = this.stopping
        ? await this.giveBackQuietly(row, this.deps.clock.now())
        : await this.process(row);
      lane.shift();
      this.finished();
      if (!result.done) {
        for (const rest of lane.splice(0)) {
          await this.giveBackQuietly(rest, result.retryAt);
          this.finished();
        }
      }
    }
    this.lanes.delete(publisher);
  }

  /** A row left this instance's hands: room to claim another. */
  private finished(): void {
    this.held -= 1;
    // Claim the next batch once half of this one is done, not one row per finished row.
    if (this.held <= this.deps.settings.batchSize / 2) this.wake();
  }

  private async giveBackQuietly(row: ClaimedOutboxRow, at: Date): Promise<RowResult> {
    try {
      await this.queue.retryLater(row.id, this.owner, at, { kind: 'waiting' });
      this.dueAt(at);
    } catch (error) {
      // The lease expires by itself; the row is claimed again then.
      this.log.error({ event: 'notify.release_failed', outboxId: row.id, err: error }, 'could not give back');
    }
    return { done: false, retryAt: at };
  }

  private dueAt(at: Date): void {
    this.nextDueAt = Math.min(this.nextDueAt, at.getTime());
    if (at.getTime() - this.deps.clock.now().getTime() < this.deps.settings.pollMs) this.wakeIdle?.();
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

  private async process(row: ClaimedOutboxRow): Promise<RowResult> {
    const work: RowWork = { row, leaseExpiresAt: Date.parse(row.leaseExpiresAt), throttled: row.throttled };
    try {
      await this.deliver(work);
      return { done: true };
    } catch (error) {
      if (error instanceof RowOutcome) {
        return error.retryAt ? { done: false, retryAt: error.retryAt } : { done: true };
      }
      if (error instanceof DeliveryFailure) return this.failed(work, error);
      // A store error or a bug: leave the lease to expire so the row is tried again later; the lane's
      // later rows wait for it the same way.
      this.log.error(
        { event: 'notify.row_failed', outboxId: row.id, err: error },
        'delivering an outbox row failed',
      );
      return {
        done: false,
        retryAt: new Date(this.deps.clock.now().getTime() + this.deps.settings.leaseSeconds * 1000),
      };
    }
  }

  private async deliver(work: RowWork): Promise<void> {
    const { row } = work;
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
      await this.finishes.add({
        id: row.id,
        owner: this.owner,
        state: 'skipped',
        at: this.deps.clock.now(),
        reason: `${subject.event.type}: not notified`,
      });
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

    if (refreshCard) await this.updateStatusCard(work, subject, recipient);

    const notification = buildNotification(subject.event, notificationTicket(subject), recipient.locale);
    if (!notification) {
      await this.finishes.add({
        id: row.id,
        owner: this.owner,
        state: 'skipped',
        at: this.deps.clock.now(),
        reason: `${subject.event.type}: status card only`,
      });
      this.stats.skipped += 1;
      return;
    }
    const sent = await this.call(work, recipient.address.conversation.id, () =>
      this.deps.channel.send(recipient.address, notification.card, notification.text),
    );
    const confirmed = performance.now();
    const marked = await this.finishes.add({
      id: row.id,
      owner: this.owner,
      state: 'sent',
      at: this.deps.clock.now(),
    });
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
  private async updateStatusCard(work: RowWork, subject: OutboxSubject, recipient: Recipient): Promise<void> {
    const render = this.deps.statusCard;
    const { ticket } = subject;
    const activityId = ticket.status_card_activity_id;
    const conversationId = ticket.status_card_conversation_id;
    if (!render || !activityId || !conversationId) return;
    const address = await this.addressOf(conversationId, ticket.tenant_id, ticket.reporter_id, recipient);
    if (!address) return;
    try {
      await this.call(work, conversationId, () =>
        this.deps.channel.update(address, activityId, render(ticket, recipient.locale)),
      );
    } catch (error) {
      if (!(error instanceof DeliveryFailure)) throw error;
      // 404 here is most often the card itself deleted; the chat's reachability is decided by the send.
      if (error.status === 404 || error.kind === 'rejected') {
        this.log.warn(
          { event: 'notify.status_card_skipped', outboxId: work.row.id, status: error.status },
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

  /**
   * One connector call within Teams' limits. A 429 whose Retry-After is short is waited out here, lease
   * held and counted on the row, so the publisher's later messages stay behind it; a longer one (or one
   * past the throttle limit) is thrown for failed() to give the row back.
   */
  private async call<T>(work: RowWork, conversationId: string, invoke: () => Promise<T>): Promise<T> {
    for (;;) {
      await this.beforeCall(work, conversationId);
      try {
        return await invoke();
      } catch (error) {
        if (!(error instanceof DeliveryFailure) || error.kind !== 'throttled') throw error;
        const waitMs = throttleDelayMs(error.retryAfterMs, work.throttled + 1, this.random);
        if (waitMs > maxInPlaceWaitMs || work.throttled + 1 >= retryPolicy.maxThrottles) throw error;
        if (!(await this.queue.recordThrottle(work.row.id, this.owner, error.message))) {
          throw new RowOutcome('leaseLost');
        }
        work.throttled += 1;
        this.stats.retried += 1;
        this.log.warn(
          { event: 'notify.throttled', outboxId: work.row.id, status: error.status, retryInMs: waitMs },
          'Teams throttled; waiting before trying again',
        );
        await this.sleep(waitMs);
      }
    }
  }

  /** Renews a lease running short and waits for room under Teams' rate limits. */
  private async beforeCall(work: RowWork, conversationId: string): Promise<void> {
    if (this.stopping) return this.giveBack(work.row, 0);
    const leaseMs = this.deps.settings.leaseSeconds * 1000;
    const now = this.deps.clock.now();
    if (work.leaseExpiresAt - now.getTime() < leaseMs / 2) {
      const renewed = await this.queue.renew(work.row.id, this.owner, now, leaseMs);
      if (!renewed) throw new RowOutcome('leaseLost');
      work.leaseExpiresAt = Date.parse(renewed);
    }
    const answer = await this.slots.acquire(conversationId, maxInPlaceWaitMs);
    if (answer.kind === 'granted') return;
    if (answer.kind === 'failed') throw answer.error;
    return this.giveBack(work.row, answer.kind === 'tooLong' ? answer.retryInMs : 0);
  }

  private async giveBack(row: ClaimedOutboxRow, afterMs: number): Promise<never> {
    const at = new Date(this.deps.clock.now().getTime() + afterMs);
    await this.queue.retryLater(row.id, this.owner, at, { kind: 'waiting' });
    this.dueAt(at);
    throw new RowOutcome('released', at);
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

  private async failed(work: RowWork, failure: DeliveryFailure): Promise<RowResult> {
    const { row } = work;
    const now = this.deps.clock.now();
    const context = { outboxId: row.id, eventId: row.eventId, status: failure.status, kind: failure.kind };
    try {
      if (failure.kind === 'throttled' && work.throttled + 1 < retryPolicy.maxThrottles) {
        const delay = throttleDelayMs(failure.retryAfterMs, work.throttled + 1, this.random);
        const at = new Date(now.getTime() + delay);
        await this.queue.retryLater(row.id, this.owner, at, { kind: 'throttled', error: failure.message });
        this.dueAt(at);
        this.stats.retried += 1;
        this.log.warn(
          { event: 'notify.throttled', ...context, retryInMs: delay },
          'Teams throttled; retrying later',
        );
        return { done: false, retryAt: at };
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
        return { done: true };
      }
      const attempts = row.attempts + 1;
      if (failure.kind === 'rejected' || attempts >= this.deps.settings.maxAttempts) {
        await this.queue.markDead(row.id, this.owner, now, `${failure.message} after ${attempts} attempt(s)`);
        this.stats.dead += 1;
        this.log.error({ event: 'notify.dead', ...context, attempts }, 'notification dead-lettered');
        return { done: true };
      }
      const delay = backoffMs(attempts, this.random);
      const at = new Date(now.getTime() + delay);
      await this.queue.retryLater(row.id, this.owner, at, { kind: 'failure', error: failure.message });
      this.dueAt(at);
      this.stats.retried += 1;
      this.log.warn(
        { event: 'notify.retry', ...context, attempts, retryInMs: delay },
        'delivery failed; will retry',
      );
      return { done: false, retryAt: at };
    } catch (error) {
      this.log.error(
        { event: 'notify.row_failed', outboxId: row.id, err: error },
        'recording a failure failed',
      );
      return {
        done: false,
        retryAt: new Date(this.deps.clock.now().getTime() + this.deps.settings.leaseSeconds * 1000),
      };
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
