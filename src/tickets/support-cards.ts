import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { compileOnce } from '../store/compile-once';
import type { StoreEngine } from '../store/store-engine';
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
 * Open tickets kept here without a card in the binding's channel, and cards behind their ticket that are
 * due and not leased, oldest first, each with the binding's id; `binding` is the binding's id as SQL (a
 * value, or the active channel's look-up).
 */
function dueCardsIn(db: Kysely<Database>, binding: RawBuilder<string>, iso: string, limit: number) {
  return (
    db
      .selectFrom('tickets as t')
      .leftJoin('support_channel_cards as c', (join) =>
        join.onRef('c.ticket_id', '=', 't.id').on(sql<boolean>`c.binding_id = ${binding}`),
      )
      .select([
        binding.as('bindingId'),
        't.id as ticketId',
        't.confirmation_number as number',
        't.support_card_version as cardVersion',
        'c.ticket_id as cardTicketId',
        'c.activity_id as activityId',
        'c.attempts as attempts',
        'c.shown_seq as shownSeq',
      ])
      // The term of tickets_support_card_due_idx (migration 016), verbatim: the index holds only the
      // tickets whose card needs work, so a claim reads those, not every ticket ever filed. Written as an
      // expression, the remote-state filter cannot send SQLite's planner to the index on remote_state.
      .where(
        sql<boolean>`((t.support_card_version is null and t.state <> 'closed') or t.support_card_version < t.version)`,
      )
      .where(sql<boolean>`(t.remote_state || '') = 'local'`)
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
  );
}

/** A row of `dueCardsIn`. */
type DueCard = Awaited<ReturnType<typeof dueCards>>['rows'][number];

/** The due cards of one binding; built and compiled once (src/store/compile-once.ts). */
const dueCards = compileOnce(3, (db: Kysely<Database>, bindingId: string, iso: string, limit: number) =>
  // Cast: PostgreSQL cannot type a bare parameter in the select list.
  dueCardsIn(db, sql<string>`cast(${bindingId} as text)`, iso, limit),
);

/** The active channel's id, looked up once per query (an uncorrelated subquery); null when none is bound. */
const activeBindingId = sql<string>`(select id from support_channels where active = 1 limit 1)`;

/**
 * The due cards of the channel bound now, found without reading the binding first: most claims (after
 * every commit and poll) find nothing, and then nothing else is read.
 */
const dueCardsOfActive = compileOnce(2, (db: Kysely<Database>, iso: string, limit: number) =>
  dueCardsIn(db, activeBindingId, iso, limit).where(sql<boolean>`${activeBindingId} is not null`),
);

/**
 * The support channel's triage cards, one row per ticket per channel binding: which activity shows the
 * ticket and which version of it the card shows. A card is behind when the ticket's version moved past
 * the one shown (whoever changed it), so an event committed late on PostgreSQL is never skipped
 * (docs/decisions/support-channel.md). Rows are worked under a lease, so instances share the work.
 */
export class SupportCards {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: StoreEngine,
  ) {}

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
    const { rows } = await dueCards(this.db, bindingId, now.toISOString(), limit);
    return this.lease(rows, owner, now, leaseMs);
  }

  /** The same for the channel bound now (each work names it); none when no channel is bound. */
  async claimForActiveChannel(
    owner: string,
    now: Date,
    leaseMs: number,
    limit: number,
  ): Promise<SupportCardWork[]> {
    const { rows } = await dueCardsOfActive(this.db, now.toISOString(), limit);
    return this.lease(rows, owner, now, leaseMs);
  }

  private async lease(
    candidates: readonly DueCard[],
    owner: string,
    now: Date,
    leaseMs: number,
  ): Promise<SupportCardWork[]> {
    const iso = now.toISOString();
    const leaseExpiresAt = new Date(now.getTime() + leaseMs).toISOString();
    const lease = { lease_owner: owner, lease_expires_at: leaseExpiresAt, updated_at: iso };
    const claimed: SupportCardWork[] = [];
    for (const candidate of candidates) {
      const { bindingId } = candidate;
      const won = await this.db.transaction().execute(async (trx) => {
        if (!(await this.takeLease(trx, bindingId, candidate, lease, iso))) return false;
        if (candidate.cardVersion === null && (await this.stillBound(trx, bindingId))) {
          // The card row exists now: the ticket shows 0 until its card is posted (and stays in the index).
          await trx
            .updateTable('tickets')
            .set({ support_card_version: 0 })
            .where('id', '=', candidate.ticketId)
            .where('support_card_version', 'is', null)
            .execute();
        }
        return true;
      });
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

  /** The card's row under our lease: inserted for a ticket with no card yet, or an expired lease taken over. */
  private async takeLease(
    trx: Transaction<Database>,
    bindingId: string,
    candidate: { readonly ticketId: string; readonly cardTicketId: string | null },
    lease: { lease_owner: string; lease_expires_at: string; updated_at: string },
    iso: string,
  ): Promise<boolean> {
    if (candidate.cardTicketId === null) {
      const inserted = await trx
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
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const updated = await trx
      .updateTable('support_channel_cards')
      .set(lease)
      .where('binding_id', '=', bindingId)
      .where('ticket_id', '=', candidate.ticketId)
      .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<=', iso)]))
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
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
    return this.db.transaction().execute(async (trx) => {
      const released = await this.releaseRow(trx, work, owner, now, changes);
      // Only for the channel bound now: a new one bound meanwhile set every ticket back to null (no card
      // there), and a card in the channel it replaced must not take the ticket out of the new one's work.
      if (released && changes.shownVersion !== undefined && (await this.stillBound(trx, work.bindingId))) {
        await trx
          .updateTable('tickets')
          .set({ support_card_version: changes.shownVersion })
          .where('id', '=', work.ticketId)
          .execute();
      }
      return released;
    });
  }

  /**
   * Whether the binding is still the active one, for the rest of this transaction: on PostgreSQL the
   * binding's row is locked for share, so a registration replacing it (which updates that row, then sets
   * every ticket back to null) waits for this transaction, or this one sees it replaced. SQLite's single
   * writer runs transactions one after another.
   */
  private async stillBound(trx: Transaction<Database>, bindingId: string): Promise<boolean> {
    const query = trx
      .selectFrom('support_channels')
      .select('id')
      .where('id', '=', bindingId)
      .where('active', '=', 1);
    const row = await (this.engine === 'postgres' ? query.forShare() : query).executeTakeFirst();
    return row !== undefined;
  }

  private async releaseRow(
    trx: Transaction<Database>,
    work: Pick<SupportCardWork, 'bindingId' | 'ticketId'>,
    owner: string,
    now: Date,
    changes: SupportCardRelease,
  ): Promise<boolean> {
    const changed = await trx
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

/**
 * A new support channel was bound (inside its registration's transaction): no ticket has a card there
 * yet, so every ticket goes back to "no card" and the open ones into the feed's work.
 */
export async function forgetShownCards(trx: Transaction<Database>): Promise<void> {
  await trx
    .updateTable('tickets')
    .set({ support_card_version: null })
    .where('support_card_version', 'is not', null)
    .execute();
}
