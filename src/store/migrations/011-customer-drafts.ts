import { sql } from 'kysely';
import { timestampType, type StoreMigration } from './store-migration';

/**
 * Customer communications kept on the ticket (docs/decisions/customer-drafts.md):
 * - customer_drafts: every version of every draft — made by the drafting engine, edited by the
 *   publisher, or proposed by support — with the ticket version and the facts it was made from;
 * - publisher_cards gains kind 'draft' and draft_id, so a draft card already posted is updated in place
 *   when the draft goes out of date. SQLite cannot alter a check constraint: the table is rebuilt there.
 */
export const customerDrafts: StoreMigration = {
  async up(db, engine) {
    const timestamp = timestampType(engine);
    await db.schema
      .createTable('customer_drafts')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('ticket_id', 'text', (col) => col.notNull().references('tickets.id'))
      .addColumn('format', 'text', (col) =>
        col.notNull().check(sql`format in ('email', 'short', 'csaf', 'gdpr')`),
      )
      .addColumn('language', 'text', (col) => col.notNull())
      .addColumn('tone', 'text', (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .addColumn('origin', 'text', (col) =>
        col.notNull().check(sql`origin in ('drafted', 'publisher', 'support')`),
      )
      .addColumn('status', 'text', (col) =>
        col.notNull().check(sql`status in ('private', 'shared', 'proposed', 'edited', 'declined')`),
      )
      .addColumn('based_on', 'text')
      .addColumn('note', 'text')
      .addColumn('subject', 'text')
      .addColumn('body', 'text', (col) => col.notNull())
      .addColumn('placeholders', 'text', (col) => col.notNull().defaultTo('[]'))
      .addColumn('made_from_version', 'integer', (col) => col.notNull())
      .addColumn('basis', 'text', (col) => col.notNull())
      .addColumn('fingerprint', 'text', (col) => col.notNull())
      /** When the publisher was told it is out of date (the customer_drafts_outdated event). */
      .addColumn('outdated_at', timestamp)
      .addColumn('created_at', timestamp, (col) => col.notNull())
      .addColumn('actor_kind', 'text', (col) => col.notNull())
      .addColumn('actor_id', 'text', (col) => col.notNull())
      .addColumn('actor_name', 'text')
      .addUniqueConstraint('customer_drafts_version_unique', ['ticket_id', 'format', 'language', 'version'])
      .execute();
    await db.schema
      .createIndex('customer_drafts_ticket_idx')
      .on('customer_drafts')
      .columns(['ticket_id', 'created_at'])
      .execute();

    if (engine === 'postgres') {
      await sql`alter table publisher_cards drop constraint if exists publisher_cards_kind_check`.execute(db);
      await sql`alter table publisher_cards add column draft_id text`.execute(db);
      await sql`
        alter table publisher_cards add constraint publisher_cards_kind_check
        check (kind in ('status', 'timeline', 'question', 'draft'))
      `.execute(db);
      return;
    }
    await sql`
      create table publisher_cards_011 (
        id integer primary key autoincrement,
        ticket_id text not null references tickets (id),
        conversation_id text not null,
        activity_id text not null,
        kind text not null check (kind in ('status', 'timeline', 'question', 'draft')),
        locale text not null,
        time_zone text,
        viewer_id text,
        question_seq integer,
        draft_id text,
        created_at text not null,
        gone_at text,
        constraint publisher_cards_activity_unique unique (conversation_id, activity_id)
      )
    `.execute(db);
    await sql`
      insert into publisher_cards_011
        (id, ticket_id, conversation_id, activity_id, kind, locale, time_zone, viewer_id, question_seq,
         created_at, gone_at)
      select id, ticket_id, conversation_id, activity_id, kind, locale, time_zone, viewer_id, question_seq,
         created_at, gone_at
      from publisher_cards
    `.execute(db);
    await sql`drop table publisher_cards`.execute(db);
    await sql`alter table publisher_cards_011 rename to publisher_cards`.execute(db);
    await sql`create index publisher_cards_ticket_idx on publisher_cards (ticket_id, gone_at)`.execute(db);
  },
};
