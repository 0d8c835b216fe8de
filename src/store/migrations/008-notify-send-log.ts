import type { StoreMigration } from './store-migration';

/**
 * On PostgreSQL, the times of the bot's recent calls per conversation, shared by the instances, so
 * Teams' per-conversation limits are counted as sliding windows as Teams counts them
 * (src/notify/conversation-windows.ts). Rows older than the longest window (an hour) are deleted as new
 * ones come. SQLite runs one instance and counts in memory, but gets the table too, so the schema is one.
 */
export const notifySendLog: StoreMigration = {
  async up(db, engine) {
    await db.schema
      .createTable('notify_send_log')
      .addColumn('id', engine === 'postgres' ? 'bigserial' : 'integer', (col) =>
        engine === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement(),
      )
      .addColumn('conversation_id', 'text', (col) => col.notNull())
      .addColumn('sent_at_ms', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('notify_send_log_conversation_idx')
      .on('notify_send_log')
      .columns(['conversation_id', 'sent_at_ms'])
      .execute();
  },
};
