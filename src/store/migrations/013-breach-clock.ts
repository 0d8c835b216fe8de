import { timestampType, type StoreMigration } from './store-migration';

/**
 * GDPR Art. 33's 72-hour clock on a ticket (src/domain/ticket/breach-clock.ts): when the hours run out,
 * when the publisher marked the authority notified, when the one reminder went out. The reminder job
 * looks tickets up by the deadline, so it is indexed; most tickets have none (a null is not a match).
 */
export const breachClock: StoreMigration = {
  async up(db, engine) {
    await db.schema.alterTable('tickets').addColumn('breach_due_at', timestampType(engine)).execute();
    await db.schema.alterTable('tickets').addColumn('breach_notified_at', timestampType(engine)).execute();
    await db.schema.alterTable('tickets').addColumn('breach_reminded_at', timestampType(engine)).execute();
    await db.schema.createIndex('tickets_breach_due_at_idx').on('tickets').column('breach_due_at').execute();
  },
};
