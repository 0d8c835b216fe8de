import type { Insertable, Kysely } from 'kysely';
import { compileOnce } from '../store/compile-once';
import type { Database, PublisherCardKind, PublisherCardsTable } from '../store/tables';

/** Where a card about a ticket was posted in a publisher's chat, and how to render it again. */
export interface CardPlacement {
  readonly kind: PublisherCardKind;
  readonly conversationId: string;
  readonly activityId: string;
  /** The language and time zone it was shown in, kept when it is rendered anew. */
  readonly locale: string;
  readonly timeZone?: string;
  /** Who asked for a `status` card (their own actions read "You"). */
  readonly viewerId?: string;
  /** A question card's question (its history entry). */
  readonly questionSeq?: number;
  /** A draft card's draft (customer_drafts.id). */
  readonly draftId?: string;
}

export interface PostedCard extends CardPlacement {
  readonly id: number;
  readonly ticketId: string;
}

/** How many of a ticket's cards are kept true; older ones stay as they were (Teams' limits are per chat). */
export const maxLiveCards = 10;

const liveCards = compileOnce(2, (db: Kysely<Database>, ticketId: string, limit: number) =>
  db
    .selectFrom('publisher_cards')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('gone_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(limit),
);

type CardRow = Omit<Insertable<PublisherCardsTable>, 'id' | 'gone_at'>;

/** CardRow's columns in a fixed order: the compiled inserts bind them by position. */
const cardColumns = [
  'ticket_id',
  'conversation_id',
  'activity_id',
  'kind',
  'locale',
  'time_zone',
  'viewer_id',
  'question_seq',
  'draft_id',
  'created_at',
] as const satisfies readonly (keyof CardRow)[];
// A column added to the table and not to the list above does not compile.
const everyCardColumnNamed: Exclude<keyof CardRow, (typeof cardColumns)[number]> extends never
  ? true
  : never = true;
void everyCardColumnNamed;

const insertCard = (db: Kysely<Database>, values: readonly unknown[]) =>
  db
    .insertInto('publisher_cards')
    .values(Object.fromEntries(cardColumns.map((column, i) => [column, values[i]])) as CardRow);

/** A card posted again in the same place (a retried turn) is kept as it was. */
const rememberCard = compileOnce(cardColumns.length, (db: Kysely<Database>, ...values: unknown[]) =>
  insertCard(db, values).onConflict((oc) => oc.columns(['conversation_id', 'activity_id']).doNothing()),
);

/** A draft card replaced in place by another draft (drafted again) shows the new one from now on. */
const rememberDraftCard = compileOnce(cardColumns.length, (db: Kysely<Database>, ...values: unknown[]) =>
  insertCard(db, values).onConflict((oc) =>
    oc.columns(['conversation_id', 'activity_id']).doUpdateSet({
      kind: 'draft',
      draft_id: values[cardColumns.indexOf('draft_id')] as string | null,
      gone_at: null,
    }),
  ),
);

/**
 * Every card the bot posted about a ticket in a publisher's chat — the confirmation, each `status`
 * answer, each question, each customer draft — so that each is updated in place when the ticket changes, after a restart too.
 */
export class PublisherCards {
  constructor(private readonly db: Kysely<Database>) {}

  async remember(ticketId: string, card: CardPlacement, at: Date): Promise<void> {
    const row: CardRow = {
      ticket_id: ticketId,
      conversation_id: card.conversationId,
      activity_id: card.activityId,
      kind: card.kind,
      locale: card.locale,
      time_zone: card.timeZone ?? null,
      viewer_id: card.viewerId ?? null,
      question_seq: card.questionSeq ?? null,
      draft_id: card.draftId ?? null,
      created_at: at.toISOString(),
    };
    const remember = card.kind === 'draft' ? rememberDraftCard : rememberCard;
    await remember(this.db, ...cardColumns.map((column) => row[column]));
  }

  /** The ticket's cards that can still be updated, newest first. */
  async live(ticketId: string, limit = maxLiveCards): Promise<PostedCard[]> {
    const { rows } = await liveCards(this.db, ticketId, limit);
    return rows.map((row) => ({
      id: Number(row.id),
      ticketId: row.ticket_id,
      kind: row.kind,
      conversationId: row.conversation_id,
      activityId: row.activity_id,
      locale: row.locale,
      ...(row.time_zone ? { timeZone: row.time_zone } : {}),
      ...(row.viewer_id ? { viewerId: row.viewer_id } : {}),
      ...(row.question_seq !== null ? { questionSeq: Number(row.question_seq) } : {}),
      ...(row.draft_id ? { draftId: row.draft_id } : {}),
    }));
  }

  /** Teams said the card is no longer there (403/404 to an update). */
  async markGone(id: number, at: Date): Promise<void> {
    await this.db
      .updateTable('publisher_cards')
      .set({ gone_at: at.toISOString() })
      .where('id', '=', id)
      .execute();
  }
}
