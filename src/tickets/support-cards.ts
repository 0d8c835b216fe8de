import type { Kysely } from 'kysely';
import type { Database } from '../store/tables';

/** A ticket whose triage card in a support channel is missing or behind the ticket. */
export interface SupportCardWork {
  readonly bindingId: string;
  readonly ticketId: string;
  readonly confirmationNumber: string;
  /** The posted card's activity id; undefined before the first post (or after the card was deleted). */
  readonly activityId?: string;
  readonly attempts: number;
  /** The last history entry support was told of in the channel; 0 before the first post. */
  readonly shownSeq: number;
  readonly leaseExpiresAt: string;
}

/** What one attempt leaves on the card's row when it releases it. */
export interface SupportCardRelease {
  readonly activityId?: string | null;
  readonly shownVersion?: number;
  readonly shownSeq?: number;
  readonly attempts?: number;
  readonly nextAttemptAt?: Date | null;
  readonly lastError?: string | null;
}

/**
 * The support channel's triage cards, one row per ticket per channel binding: which activity shows the
 * ticket and which version of it the card shows. A card is behind when the ticket's version moved past
 * the one shown (whoever changed it), so an event committed late on PostgreSQL is never skipped
 * (docs/decisions/support-channel.md). Rows are worked under a lease, so instances share the work.
 */
export class SupportCards {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Claims up to `limit` cards that need posting or updating: open tickets this service owns without a
   * card in the binding's channel, and cards behind their ticket that are due and not leased.
   */
  async claim(
    bindingId: string,
    owner: string,
    now: Date,
    leaseMs: number,
    limit: number,
  ): Promise<SupportCardWork[]> {
    const iso = now.toISOString();
    const candidates = await this.db
      .selectFrom('tickets as t')
      .leftJoin('support_channel_cards as c', (join) =>
        join.onRef('c.ticket_id', '=', 't.id').on('c.binding_id', '=', bindingId),
      )
      .select([
        't.id as ticketId',
        't.confirmation_number as number',
        'c.ticket_id as cardTicketId',
        'c.activity_id as activityId',
        'c.attempts as attempts',
        'c.shown_seq as shownSeq',
      ])
      .where('t.remote_state', '=', 'local')
      .where((eb) =>
        eb.or([
          eb.and([eb('c.ticket_id', 'is', null), eb('t.state', '!=', 'closed')]),
          eb.and([
            eb('c.ticket_id', 'is not', null),
            eb('c.shown_version', '<', eb.ref('t.version')),
            eb.or([eb('c.next_attempt_at', 'is', null), eb('c.next_attempt_at', '<=', iso)]),
            eb.or([eb('c.lease_expires_at', 'is', null), eb('c.lease_expires_at', '<=', iso)]),
          ]),
        ]),
      )
      .orderBy('t.created_at')
      .orderBy('t.id')
      .limit(limit)
      .execute();
    const leaseExpiresAt = new Date(now.getTime() + leaseMs).toISOString();
    const lease = { lease_owner: owner, lease_expires_at: leaseExpiresAt, updated_at: iso };
    const claimed: SupportCardWork[] = [];
    for (const candidate of candidates) {
      const won =
        candidate.cardTicketId === null
          ? Number(
              (
                await this.db
                  .insertInto('support_channel_cards')
                  .values({
                    binding_id: bindingId,
                    ticket_id: candidate.ticketId,
                    activity_id: null,
                    next_attempt_at: null,
                    last_error: null,
                    ...lease,
                  })
                  .onConflict((oc) => oc.columns(['binding_id', 'ticket_id']).doNothing())
                  .executeTakeFirst()
              ).numInsertedOrUpdatedRows ?? 0,
            ) === 1
          : Number(
              (
                await this.db
                  .updateTable('support_channel_cards')
                  .set(lease)
                  .where('binding_id', '=', bindingId)
                  .where('ticket_id', '=', candidate.ticketId)
                  .where((eb) =>
                    eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<=', iso)]),
                  )
                  .executeTakeFirst()
              ).numUpdatedRows,
            ) === 1;
      if (!won) continue;
      claimed.push({
        bindingId,
        ticketId: candidate.ticketId,
        confirmationNumber: candidate.number,
        ...(candidate.activityId ? { activityId: candidate.activityId } : {}),
        attempts: Number(candidate.attempts ?? 0),
        shownSeq: Number(candidate.shownSeq ?? 0),
        leaseExpiresAt,
      });
    }
    return claimed;
  }

  /** Extends the lease; false when it was lost. */
  async renew(work: SupportCardWork, owner: string, now: Date, leaseMs: number): Promise<string | undefined> {
    const expires = new Date(now.getTime() + leaseMs).toISOString();
    const changed = await this.db
      .updateTable('support_channel_cards')
      .set({ lease_expires_at: expires })
      .where('binding_id', '=', work.bindingId)
      .where('ticket_id', '=', work.ticketId)
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return changed.numUpdatedRows > 0n ? expires : undefined;
  }

  /** Writes the attempt's outcome and frees the row, only while `owner` still holds its lease. */
  async release(
    work: Pick<SupportCardWork, 'bindingId' | 'ticketId'>,
    owner: string,
    now: Date,
    changes: SupportCardRelease,
  ): Promise<boolean> {
    const changed = await this.db
      .updateTable('support_channel_cards')
      .set({
        ...(changes.activityId !== undefined ? { activity_id: changes.activityId } : {}),
        ...(changes.shownVersion !== undefined ? { shown_version: changes.shownVersion } : {}),
        ...(changes.shownSeq !== undefined ? { shown_seq: changes.shownSeq } : {}),
        ...(changes.attempts !== undefined ? { attempts: changes.attempts } : {}),
        ...(changes.nextAttemptAt !== undefined
          ? { next_attempt_at: changes.nextAttemptAt?.toISOString() ?? null }
          : {}),
        ...(changes.lastError !== undefined ? { last_error: changes.lastError?.slice(0, 500) ?? null } : {}),
        lease_owner: null,
        lease_expires_at: null,
        updated_at: now.toISOString(),
      })
      .where('binding_id', '=', work.bindingId)
      .where('ticket_id', '=', work.ticketId)
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return changed.numUpdatedRows > 0n;
  }
}
