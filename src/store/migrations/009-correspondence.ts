import { sql } from 'kysely';
import { timestampType, type StoreMigration } from './store-migration';

/**
 * After submission (docs/decisions/after-submission.md):
 * - tickets.additions: what the publisher added to the report since (JSON array), beside the report;
 * - publisher_cards: every card the bot posted about a ticket in a publisher's chat (the confirmation,
 *   each `status` answer, each question), so each is updated in place when the ticket changes; the
 *   single status card of tickets.status_card_* moves here;
 * - support_channel_cards.shown_seq: the last history entry support was told of in its channel.
 */
export const correspondence: StoreMigration = {
  async up(db, engine) {
    const timestamp = timestampType(engine);
    await db.schema
      .alterTable('tickets')
      .addColumn('additions', 'text', (col) => col.notNull().defaultTo('[]'))
      .execute();
    await db.schema
      .alterTable('support_channel_cards')
      .addColumn('shown_seq', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable('publisher_cards')
      .addColumn('id', 'integer', (col) =>
        engine === 'postgres'
          ? col.primaryKey().generatedByDefaultAsIdentity()
          : col.primaryKey().autoIncrement(),
      )
      .addColumn('ticket_id', 'text', (col) => col.notNull().references('tickets.id'))
      .addColumn('conversation_id', 'text', (col) => col.notNull())
      .addColumn('activity_id', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) =>
        col.notNull().check(sql`kind in ('status', 'timeline', 'question')`),
      )
      .addColumn('locale', 'text', (col) => col.notNull())
      .addColumn('time_zone', 'text')
      .addColumn('viewer_id', 'text')
      /** For a question card: the history entry of the question it asks. */
      .addColumn('question_seq', 'integer')
      .addColumn('created_at', timestamp, (col) => col.notNull())
      /** Teams answered 403/404 to an update: the card is no longer there to update. */
      .addColumn('gone_at', timestamp)
      .addUniqueConstraint('publisher_cards_activity_unique', ['conversation_id', 'activity_id'])
      .execute();
    await db.schema
      .createIndex('publisher_cards_ticket_idx')
      .on('publisher_cards')
      .columns(['ticket_id', 'gone_at'])
      .execute();
    await sql`
      insert into publisher_cards (ticket_id, conversation_id, activity_id, kind, locale, time_zone, created_at)
      select id, status_card_conversation_id, status_card_activity_id, 'status', locale, reporter_time_zone, updated_at
      from tickets
      where status_card_activity_id is not null and status_card_conversation_id is not null
    `.execute(db);
  },
};
