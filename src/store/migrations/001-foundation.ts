import { sql } from 'kysely';
import { timestampType, type StoreMigration } from './store-migration';

/** Bot Framework state documents and the conversation references proactive messages need. */
export const foundation: StoreMigration = {
  async up(db, engine) {
    await db.schema
      .createTable('bot_state')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('etag', 'text', (col) => col.notNull())
      .addColumn('document', 'text', (col) => col.notNull())
      .addColumn('updated_at', timestampType(engine), (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('conversation_references')
      .addColumn('tenant_id', 'text', (col) => col.notNull())
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addColumn('conversation_id', 'text', (col) => col.notNull())
      .addColumn('conversation_type', 'text', (col) =>
        col.notNull().check(sql`conversation_type in ('personal', 'groupChat', 'channel')`),
      )
      .addColumn('channel_id', 'text', (col) => col.notNull())
      .addColumn('service_url', 'text', (col) => col.notNull())
      .addColumn('bot_id', 'text', (col) => col.notNull())
      .addColumn('locale', 'text')
      .addColumn('reference', 'text', (col) => col.notNull())
      .addColumn('active', 'integer', (col) =>
        col
          .notNull()
          .defaultTo(1)
          .check(sql`active in (0, 1)`),
      )
      .addColumn('inactive_reason', 'text')
      .addColumn('created_at', timestampType(engine), (col) => col.notNull())
      .addColumn('updated_at', timestampType(engine), (col) => col.notNull())
      .addPrimaryKeyConstraint('conversation_references_pk', ['tenant_id', 'user_id', 'conversation_id'])
      .execute();

    await db.schema
      .createIndex('conversation_references_conversation_idx')
      .on('conversation_references')
      .column('conversation_id')
      .execute();
  },
};
