import type { Generated, Kysely } from 'kysely';
import type { Database, IsoTimestamp, OutboxTable, TicketsTable } from '../store/tables';

/**
 * The columns migration 004 adds, as Kysely sees them. Kept here until src/store/tables.ts (shared)
 * takes them in; `notifyDb` is a typed view of the same connection, not a second one.
 */
export interface NotifyOutboxTable extends OutboxTable {
  throttled: Generated<number>;
}

export interface NotifyTicketsTable extends TicketsTable {
  publisher_unreachable_at: IsoTimestamp | null;
  publisher_unreachable_reason: string | null;
}

export interface NotifyDatabase extends Omit<Database, 'outbox' | 'tickets'> {
  outbox: NotifyOutboxTable;
  tickets: NotifyTicketsTable;
}

export function notifyDb(db: Kysely<Database>): Kysely<NotifyDatabase> {
  return db as unknown as Kysely<NotifyDatabase>;
}
