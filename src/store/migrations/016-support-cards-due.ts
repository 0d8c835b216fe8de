import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from './store-migration';

/**
 * The support channel's feed found its work (open tickets without a card, cards behind their ticket) by
 * joining every ticket to its card on every claim — after every commit and every poll: 0.6 ms with 300
 * tickets, 30 ms with 30,000 on SQLite, most of them closed long ago (docs/decisions/support-channel.md).
 * `tickets.support_card_version` is the version the active channel's card shows (0 once its card row
 * exists, null with no card there), and a partial index holds exactly the tickets whose card needs
 * work: no card and not closed, or a card behind the ticket. Still level-triggered: whoever moves a
 * ticket's version puts it in the index. The card rows stay the record of what was posted; the column
 * is never ahead of them. Filled here from the active channel's cards.
 */
/** Each ticket's card version from the active channel's cards (null where it has none there). */
export async function fillSupportCardVersions<DB>(db: Kysely<DB>): Promise<void> {
  await sql`
    update tickets set support_card_version = (
      select c.shown_version from support_channel_cards c
      join support_channels b on b.id = c.binding_id and b.active = 1
      where c.ticket_id = tickets.id
    )
  `.execute(db);
}

export const supportCardsDue: StoreMigration = {
  async up(db) {
    await db.schema.alterTable('tickets').addColumn('support_card_version', 'integer').execute();
    await fillSupportCardVersions(db);
    // The claim's WHERE repeats this term verbatim (src/tickets/support-cards.ts): SQLite uses a partial
    // index only for a query whose terms include the index's own. Only tickets kept here (remote_state
    // 'local') get cards; the claim says so as a filter, not as a term another index could serve.
    await sql`
      create index tickets_support_card_due_idx on tickets (created_at, id)
      where (support_card_version is null and state <> 'closed') or support_card_version < version
    `.execute(db);
  },
};
