import type { StoreMigration } from './store-migration';

/**
 * The draft-expiry sweep reads bot_state rows last written before a cut-off every minute; without an
 * index on the write time that is a full scan of every conversation's state.
 */
export const botStateSweepIndex: StoreMigration = {
  async up(db) {
    await db.schema.createIndex('bot_state_updated_at_idx').on('bot_state').column('updated_at').execute();
  },
};
