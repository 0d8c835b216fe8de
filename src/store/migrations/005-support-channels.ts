import { sql } from 'kysely';
import { timestampType, type StoreMigration } from './store-migration';

/**
 * Support's Teams channel (docs/decisions/support-channel.md):
 * - support_channel_codes: one-time registration codes, stored as SHA-256 hashes, single use;
 * - support_channels: channel bindings; at most one active (a partial unique index), older ones kept as
 *   the record of who bound or unbound what and when;
 * - support_channel_cards: the triage card of each ticket in a binding's channel, with the ticket version
 *   it shows and a lease, so several instances keep the cards current without posting one twice.
 */
export const supportChannels: StoreMigration = {
  async up(db, engine) {
    const timestamp = timestampType(engine);
    await db.schema
      .createTable('support_channel_codes')
      .addColumn('code_hash', 'text', (col) => col.primaryKey())
      .addColumn('issued_by_id', 'text', (col) => col.notNull())
      .addColumn('issued_by_name', 'text')
      .addColumn('issued_at', timestamp, (col) => col.notNull())
      .addColumn('expires_at', timestamp, (col) => col.notNull())
      .addColumn('used_at', timestamp)
      .addColumn('used_by_id', 'text')
      .execute();

    await db.schema
      .createTable('support_channels')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('team_id', 'text', (col) => col.notNull())
      .addColumn('conversation_id', 'text', (col) => col.notNull())
      .addColumn('tenant_id', 'text', (col) => col.notNull())
      .addColumn('team_name', 'text')
      .addColumn('channel_name', 'text')
      .addColumn('reference', 'text', (col) => col.notNull())
      .addColumn('registered_by_id', 'text', (col) => col.notNull())
      .addColumn('registered_by_name', 'text')
      .addColumn('registered_at', timestamp, (col) => col.notNull())
      .addColumn('active', 'integer', (col) =>
        col
          .notNull()
          .defaultTo(1)
          .check(sql`active in (0, 1)`),
      )
      .addColumn('ended_at', timestamp)
      .addColumn('ended_by_id', 'text')
      .addColumn('ended_reason', 'text', (col) =>
        col.check(sql`ended_reason is null or ended_reason in ('replaced', 'unregistered')`),
      )
      .execute();
    // One support channel per deployment, enforced by the database even when two instances race.
    await db.schema
      .createIndex('support_channels_one_active_idx')
      .on('support_channels')
      .column('active')
      .unique()
      .where('active', '=', 1)
      .execute();

    await db.schema
      .createTable('support_channel_cards')
      .addColumn('binding_id', 'text', (col) => col.notNull().references('support_channels.id'))
      .addColumn('ticket_id', 'text', (col) => col.notNull().references('tickets.id'))
      .addColumn('activity_id', 'text')
      .addColumn('shown_version', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('lease_owner', 'text')
      .addColumn('lease_expires_at', timestamp)
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('next_attempt_at', timestamp)
      .addColumn('last_error', 'text')
      .addColumn('updated_at', timestamp, (col) => col.notNull())
      .addPrimaryKeyConstraint('support_channel_cards_pk', ['binding_id', 'ticket_id'])
      .execute();
    await db.schema
      .createIndex('support_channel_cards_ticket_idx')
      .on('support_channel_cards')
      .column('ticket_id')
      .execute();
  },
};
