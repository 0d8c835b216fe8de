import { sql } from 'kysely';
import { timestampType, type StoreMigration } from './store-migration';

/**
 * What the ticket backend needs beyond 002: the reporter's time zone (times in notifications are shown in
 * it), the open questions and how the ticket was closed (so a stored ticket is the whole domain Ticket),
 * and the delivery bookkeeping of reports kept locally while a remote ticket service is unreachable.
 */
export const ticketLifecycle: StoreMigration = {
  async up(db, engine) {
    const timestamp = timestampType(engine);
    await db.schema.alterTable('tickets').addColumn('reporter_time_zone', 'text').execute();
    await db.schema
      .alterTable('tickets')
      .addColumn('open_questions', 'text', (col) => col.notNull().defaultTo('[]'))
      .execute();
    await db.schema.alterTable('tickets').addColumn('closed_at', timestamp).execute();
    await db.schema
      .alterTable('tickets')
      .addColumn('close_reason', 'text', (col) =>
        col.check(sql`close_reason is null or close_reason in ('resolved', 'duplicate', 'withdrawn')`),
      )
      .execute();
    await db.schema
      .alterTable('tickets')
      .addColumn('delivery_attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('tickets').addColumn('next_delivery_at', timestamp).execute();
    await db.schema.alterTable('tickets').addColumn('last_delivery_error', 'text').execute();
    await db.schema
      .createIndex('tickets_remote_state_next_delivery_idx')
      .on('tickets')
      .columns(['remote_state', 'next_delivery_at'])
      .execute();
    await db.schema.createIndex('tickets_remote_id_idx').on('tickets').column('remote_id').execute();
    await db.schema
      .createIndex('ticket_events_ticket_id_idx')
      .on('ticket_events')
      .column('ticket_id')
      .execute();
  },
};
