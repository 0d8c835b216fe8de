import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { SupportService } from '../../backend/embedded/support-service';
import type { Config } from '../../config';
import type { Clock } from '../../domain/clock';
import type { Locale } from '../../i18n/locale';
import { translate } from '../../i18n/translate';
import type { Logger } from '../../logger';
import { DeliveryFailure } from '../../notify/delivery-failure';
import type { ProactiveChannel } from '../../notify/proactive-channel';
import { backoffMs, throttleDelayMs, type Random } from '../../notify/retry-policy';
import type { SendGate } from '../../notify/send-gate';
import type { Database } from '../../store/tables';
import type { ChannelBinding } from './channel-binding';
import type { ChannelRegistrations } from './channel-registrations';
import { renderTriageCard } from './render-triage-card';

export interface SupportCardFeedDeps {
  readonly db: Kysely<Database>;
  readonly registrations: ChannelRegistrations;
  readonly support: SupportService;
  /** The notifier's proactive channel (src/bot/proactive/bot-framework-channel.ts). */
  readonly channel: ProactiveChannel;
  /** Teams' rate limits, as the notifier keeps them. */
  readonly gate: SendGate;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: Pick<Config['notify'], 'pollMs' | 'leaseSeconds' | 'batchSize'>;
  /** SUPPORT_TIME_ZONE: due times on the cards are support's. */
  readonly timeZone: string;
  /** SUPPORT_CHANNEL_LOCALE: a channel post has no one reader, so the deployment picks its language. */
  readonly locale: Locale;
  readonly owner?: string;
  readonly random?: Random;
}

/** Rate-limit waits up to this long are waited out holding the lease; longer ones give the row back. */
const maxInPlaceWaitMs = 3_000;

interface Candidate {
  readonly ticketId: string;
  readonly number: string;
  readonly activityId: string | null;
  readonly attempts: number;
  readonly hasCard: boolean;
}

/**
 * Keeps the support channel current: a triage card for every open ticket this service owns, updated in
 * place whenever the ticket's version moves past the one its card shows (whoever changed it: a card, the
 * support API, the publisher, the overdue job). It compares versions per ticket rather than following the
 * event log with a cursor, so an event committed late on PostgreSQL is never skipped
 * (docs/decisions/support-channel.md). Each card row is worked under a lease, so instances share the work;
 * the posted card's activity id is stored before the row is released, so a card is posted once — except
 * after a crash between the connector's answer and that write, which posts it again.
 */
export class SupportCardFeed {
  readonly owner: string;
  private readonly db: Kysely<Database>;
  private readonly log: Logger;
  private readonly random: Random;
  private running?: Promise<void>;
  private stopping = false;
  private wakeIdle?: () => void;
  private wakePending = false;
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly deps: SupportCardFeedDeps) {
    this.owner = deps.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.db = deps.db;
    this.log = deps.logger.child({ component: 'support_channel', owner: this.owner });
    this.random = deps.random ?? Math.random;
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Look now (a ticket changed here, or a channel was bound) instead of at the next poll. */
  wake(): void {
    this.wakePending = true;
    this.wakeIdle?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeIdle?.();
    for (const wake of this.sleepers) wake();
    await this.running;
  }

  /** One pass: posts or updates the cards that are behind; returns how many it brought up to date. */
  async runOnce(): Promise<number> {
    const binding = await this.deps.registrations.active();
    if (!binding) return 0;
    let done = 0;
    for (const candidate of await this.candidates(binding)) {
      if (this.stopping) break;
      if (!(await this.claim(binding, candidate))) continue;
      if (await this.sync(binding, candidate)) done += 1;
    }
    return done;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      this.wakePending = false;
      let done = 0;
      try {
        done = await this.runOnce();
      } catch (error) {
        this.log.error(
          { event: 'support_channel.feed_failed', err: error },
          'support channel feed pass failed',
        );
      }
      if (this.stopping) break;
      if (done > 0 && done >= this.deps.settings.batchSize) continue;
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

  /** Open tickets without a card in this channel, and cards behind their ticket that are free to work on. */
  private async candidates(binding: ChannelBinding): Promise<Candidate[]> {
    const now = this.deps.clock.now().toISOString();
    const rows = await this.db
      .selectFrom('tickets as t')
      .leftJoin('support_channel_cards as c', (join) =>
        join.onRef('c.ticket_id', '=', 't.id').on('c.binding_id', '=', binding.id),
      )
      .select([
        't.id as ticketId',
        't.confirmation_number as number',
        'c.ticket_id as cardTicketId',
        'c.activity_id as activityId',
        'c.attempts as attempts',
      ])
      .where('t.remote_state', '=', 'local')
      .where((eb) =>
        eb.or([
          eb.and([eb('c.ticket_id', 'is', null), eb('t.state', '!=', 'closed')]),
          eb.and([
            eb('c.ticket_id', 'is not', null),
            eb('c.shown_version', '<', eb.ref('t.version')),
            eb.or([eb('c.next_attempt_at', 'is', null), eb('c.next_attempt_at', '<=', now)]),
            eb.or([eb('c.lease_expires_at', 'is', null), eb('c.lease_expires_at', '<=', now)]),
          ]),
        ]),
      )
      .orderBy('t.created_at')
      .orderBy('t.id')
      .limit(this.deps.settings.batchSize)
      .execute();
    return rows.map((row) => ({
      ticketId: row.ticketId,
      number: row.number,
      activityId: row.activityId,
      attempts: Number(row.attempts ?? 0),
      hasCard: row.cardTicketId !== null,
    }));
  }

  private async claim(binding: ChannelBinding, candidate: Candidate): Promise<boolean> {
    const now = this.deps.clock.now();
    const lease = {
      lease_owner: this.owner,
      lease_expires_at: new Date(now.getTime() + this.deps.settings.leaseSeconds * 1000).toISOString(),
      updated_at: now.toISOString(),
    };
    if (!candidate.hasCard) {
      const inserted = await this.db
        .insertInto('support_channel_cards')
        .values({
          binding_id: binding.id,
          ticket_id: candidate.ticketId,
          activity_id: null,
          next_attempt_at: null,
          last_error: null,
          ...lease,
        })
        .onConflict((oc) => oc.columns(['binding_id', 'ticket_id']).doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const iso = now.toISOString();
    const updated = await this.db
      .updateTable('support_channel_cards')
      .set(lease)
      .where('binding_id', '=', binding.id)
      .where('ticket_id', '=', candidate.ticketId)
      .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<=', iso)]))
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  /** Posts or updates one card under the lease; true when Teams now shows the ticket as it is. */
  private async sync(binding: ChannelBinding, candidate: Candidate): Promise<boolean> {
    const where = { binding, ticketId: candidate.ticketId };
    try {
      const found = await this.deps.support.get(candidate.number);
      if (!found) {
        await this.release(where, {});
        return false;
      }
      const { view } = found;
      const card = renderTriageCard(view, { locale: this.deps.locale, timeZone: this.deps.timeZone });
      const waitMs = await this.roomToSend(binding.conversationId);
      if (waitMs > 0) {
        await this.release(where, {
          next_attempt_at: new Date(this.deps.clock.now().getTime() + waitMs).toISOString(),
        });
        return false;
      }
      if (candidate.activityId) {
        await this.deps.channel.update(binding.address, candidate.activityId, card);
        await this.release(where, {
          shown_version: view.version,
          attempts: 0,
          next_attempt_at: null,
          last_error: null,
        });
        this.log.info(
          { event: 'support_channel.card_updated', ticket: candidate.number, version: view.version },
          'triage card updated',
        );
        return true;
      }
      const summary = translate(this.deps.locale, 'supportChannel.card.summary', {
        number: view.ticket.confirmationNumber,
      });
      const sent = await this.deps.channel.send(binding.address, card, summary);
      // Stored before the lease is released: from here on the card is updated, never posted again.
      await this.release(where, {
        activity_id: sent.activityId ?? null,
        shown_version: view.version,
        attempts: 0,
        next_attempt_at: null,
        last_error: null,
      });
      this.log.info(
        { event: 'support_channel.card_posted', ticket: candidate.number, activityId: sent.activityId },
        'triage card posted',
      );
      return true;
    } catch (error) {
      if (error instanceof DeliveryFailure) await this.failed(where, candidate, error);
      else {
        // A store error or a bug: the lease runs out and the card is tried again later.
        this.log.error(
          { event: 'support_channel.card_failed', ticket: candidate.number, err: error },
          'triage card could not be brought up to date',
        );
      }
      return false;
    }
  }

  /** Waits out short rate-limit waits (as the notifier does); 0 when there is room, else how long to wait. */
  private async roomToSend(conversationId: string): Promise<number> {
    for (;;) {
      const answer = await this.deps.gate.tryAcquire(conversationId);
      if (answer.ok) return 0;
      if (answer.retryInMs > maxInPlaceWaitMs || this.stopping) return answer.retryInMs;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, answer.retryInMs);
        this.sleepers.add(wake);
      });
    }
  }

  private async failed(
    where: { binding: ChannelBinding; ticketId: string },
    candidate: Candidate,
    failure: DeliveryFailure,
  ): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const attempts = candidate.attempts + 1;
    const context = { ticket: candidate.number, status: failure.status, kind: failure.kind, attempts };
    if (candidate.activityId && (failure.status === 404 || failure.kind === 'rejected')) {
      // The card was deleted (or can no longer be edited): post a new one.
      await this.release(where, { activity_id: null, shown_version: 0, last_error: failure.message });
      this.log.warn({ event: 'support_channel.card_gone', ...context }, 'triage card gone; posting it anew');
      return;
    }
    const delay =
      failure.kind === 'throttled'
        ? throttleDelayMs(failure.retryAfterMs, attempts, this.random)
        : backoffMs(attempts, this.random);
    await this.release(where, {
      attempts,
      next_attempt_at: new Date(now + delay).toISOString(),
      last_error: failure.message,
    });
    const entry = { event: 'support_channel.card_retry', ...context, retryInMs: delay };
    if (failure.kind === 'gone') {
      this.log.error(entry, 'the support channel cannot be reached (is the bot still in the team?)');
    } else this.log.warn(entry, 'triage card not delivered; will retry');
  }

  /** Writes the outcome and frees the row, only while this instance still holds its lease. */
  private async release(
    where: { binding: ChannelBinding; ticketId: string },
    changes: {
      activity_id?: string | null;
      shown_version?: number;
      attempts?: number;
      next_attempt_at?: string | null;
      last_error?: string | null;
    },
  ): Promise<void> {
    await this.db
      .updateTable('support_channel_cards')
      .set({
        ...changes,
        lease_owner: null,
        lease_expires_at: null,
        updated_at: this.deps.clock.now().toISOString(),
      })
      .where('binding_id', '=', where.binding.id)
      .where('ticket_id', '=', where.ticketId)
      .where('lease_owner', '=', this.owner)
      .execute();
  }
}
