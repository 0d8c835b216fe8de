import { sql } from 'kysely';
import { timestampType, type StoreMigration } from './store-migration';

/**
 * What proactive delivery needs beyond 002/003 (docs/decisions/notification-delivery.md):
 * - outbox.throttled: 429 answers, counted apart from failures so throttling never dead-letters an event;
 * - tickets.publisher_unreachable_at/_reason: Teams said the publisher's chat is gone (403/404), shown to
 *   support on the ticket without adding an event type to the domain's history;
 * - an index for the per-ticket ordering check of the outbox claim;
 * - on PostgreSQL, the table rate-limiter-flexible keeps Teams' rate-limit windows in, shared by instances.
 */
export const notifyDelivery: StoreMigration = {
  async up(db, engine) {
    const timestamp = timestampType(engine);
    await db.schema
      .alterTable('outbox')
      .addColumn('throttled', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('tickets').addColumn('publisher_unreachable_at', timestamp).execute();
    await db.schema.alterTable('tickets').addColumn('publisher_unreachable_reason', 'text').execute();
    await db.schema
      .createIndex('outbox_ticket_state_idx')
      .on('outbox')
      .columns(['ticket_id', 'state'])
      .execute();
    if (engine === 'postgres') {
      // The shape RateLimiterPostgres expects (its own CREATE TABLE), made here so no instance races to it.
      await sql`create table notify_rate_limits (
        key varchar(255) primary key,
        points integer not null default 0,
        expire bigint
      )`.execute(db);
    }
  },
};
