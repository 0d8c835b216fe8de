import { sql } from 'kysely';
import { timestampType, type StoreMigration } from './store-migration';

/** Tickets, their event history (the audit trail), the notification outbox and API idempotency keys. */
export const tickets: StoreMigration = {
  async up(db, engine) {
    const timestamp = timestampType(engine);

    await db.schema
      .createTable('tickets')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('confirmation_number', 'text', (col) => col.notNull().unique())
      .addColumn('tenant_id', 'text', (col) => col.notNull())
      .addColumn('reporter_id', 'text', (col) => col.notNull())
      .addColumn('reporter_name', 'text', (col) => col.notNull())
      .addColumn('locale', 'text', (col) => col.notNull())
      .addColumn('conversation_id', 'text')
      .addColumn('category', 'text', (col) =>
        col.notNull().check(sql`category in ('incident', 'vulnerability')`),
      )
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('report', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('priority', 'text')
      .addColumn('severity', 'text')
      .addColumn('suggested_severity', 'text')
      .addColumn('outcome', 'text')
      .addColumn('ack_due_at', timestamp, (col) => col.notNull())
      .addColumn('acknowledged_at', timestamp)
      .addColumn('ack_overdue_at', timestamp)
      .addColumn('status_card_activity_id', 'text')
      .addColumn('status_card_conversation_id', 'text')
      .addColumn('version', 'integer', (col) =>
        col
          .notNull()
          .defaultTo(1)
          .check(sql`version >= 1`),
      )
      .addColumn('submission_key', 'text', (col) => col.notNull())
      .addColumn('remote_id', 'text')
      .addColumn('remote_state', 'text', (col) =>
        col
          .notNull()
          .defaultTo('local')
          .check(sql`remote_state in ('local', 'pending', 'synced')`),
      )
      .addColumn('created_at', timestamp, (col) => col.notNull())
      .addColumn('updated_at', timestamp, (col) => col.notNull())
      .addUniqueConstraint('tickets_tenant_submission_key_unique', ['tenant_id', 'submission_key'])
      .execute();
    await db.schema
      .createIndex('tickets_tenant_created_at_idx')
      .on('tickets')
      .columns(['tenant_id', 'created_at'])
      .execute();
    await db.schema.createIndex('tickets_state_idx').on('tickets').column('state').execute();
    await db.schema.createIndex('tickets_ack_due_at_idx').on('tickets').column('ack_due_at').execute();

    await db.schema
      .createTable('ticket_events')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('ticket_id', 'text', (col) => col.notNull().references('tickets.id'))
      .addColumn('seq', 'integer', (col) => col.notNull().check(sql`seq >= 1`))
      .addColumn('type', 'text', (col) => col.notNull())
      .addColumn('actor_kind', 'text', (col) =>
        col.notNull().check(sql`actor_kind in ('publisher', 'support', 'system')`),
      )
      .addColumn('actor_id', 'text', (col) => col.notNull())
      .addColumn('actor_name', 'text')
      .addColumn('payload', 'text', (col) => col.notNull())
      .addColumn('created_at', timestamp, (col) => col.notNull())
      .addUniqueConstraint('ticket_events_ticket_seq_unique', ['ticket_id', 'seq'])
      .execute();

    // SQLite needs AUTOINCREMENT for ids that are never reused; PostgreSQL's equivalent is an identity.
    await db.schema
      .createTable('outbox')
      .addColumn('id', 'integer', (col) =>
        engine === 'postgres'
          ? col.primaryKey().generatedByDefaultAsIdentity()
          : col.primaryKey().autoIncrement(),
      )
      .addColumn('event_id', 'text', (col) => col.notNull().unique().references('ticket_events.id'))
      .addColumn('ticket_id', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) =>
        col.notNull().check(sql`state in ('pending', 'sent', 'dead', 'skipped')`),
      )
      .addColumn('attempts', 'integer', (col) =>
        col
          .notNull()
          .defaultTo(0)
          .check(sql`attempts >= 0`),
      )
      .addColumn('next_attempt_at', timestamp, (col) => col.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_expires_at', timestamp)
      .addColumn('sent_at', timestamp)
      .addColumn('last_error', 'text')
      .addColumn('created_at', timestamp, (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('outbox_state_next_attempt_idx')
      .on('outbox')
      .columns(['state', 'next_attempt_at'])
      .execute();

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('scope', 'text', (col) => col.notNull())
      .addColumn('response', 'text', (col) => col.notNull())
      .addColumn('created_at', timestamp, (col) => col.notNull())
      .execute();
  },
};
