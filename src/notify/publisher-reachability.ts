import type { Kysely } from 'kysely';
import type { Database } from '../store/tables';

/**
 * Notes on the ticket that notifications cannot reach the publisher (Teams answered 403/404, or there is
 * no chat to send to), so support sees it next to the ticket; cleared by the next delivery that succeeds.
 * A column, not a history event: see docs/decisions/notification-delivery.md.
 */
export async function recordPublisherUnreachable(
  db: Kysely<Database>,
  ticketId: string,
  at: Date,
  reason: string,
): Promise<void> {
  await db
    .updateTable('tickets')
    .set({ publisher_unreachable_at: at.toISOString(), publisher_unreachable_reason: reason.slice(0, 300) })
    .where('id', '=', ticketId)
    .execute();
}

export async function clearPublisherUnreachable(db: Kysely<Database>, ticketId: string): Promise<void> {
  await db
    .updateTable('tickets')
    .set({ publisher_unreachable_at: null, publisher_unreachable_reason: null })
    .where('id', '=', ticketId)
    .where('publisher_unreachable_at', 'is not', null)
    .execute();
}
