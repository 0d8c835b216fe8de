import {
  applyCommand,
  type Actor,
  type TicketCommand,
  type TicketError,
  type TicketEvent,
} from '../../domain/ticket';
import type { StoredTicket, TicketStore } from '../../tickets';

export type ApplyAndSaveResult =
  | { readonly ok: true; readonly stored: StoredTicket; readonly events: readonly TicketEvent[] }
  | { readonly ok: false; readonly reason: 'refused'; readonly errors: readonly TicketError[] }
  | { readonly ok: false; readonly reason: 'conflict'; readonly current: StoredTicket | undefined };

/**
 * Runs one command through the state machine on the ticket as read, and stores the result only if
 * nobody changed the ticket since (its version is unchanged): changed columns, events and outbox rows
 * in one transaction.
 */
export async function applyAndSave(
  repository: TicketStore,
  stored: StoredTicket,
  command: TicketCommand,
  actor: Actor,
  now: Date,
  options: { onlyIfNotOverdue?: boolean } = {},
): Promise<ApplyAndSaveResult> {
  const applied = applyCommand(stored.ticket, command, actor, now);
  if (!applied.ok) return { ok: false, reason: 'refused', errors: applied.errors };
  const saved = await repository.saveChange(
    stored.id,
    stored.ticket.version,
    applied.ticket,
    applied.events,
    {
      ...options,
      outbox: stored.delivery === 'local',
    },
  );
  if (saved === 'conflict') {
    return { ok: false, reason: 'conflict', current: await repository.findById(stored.id) };
  }
  return { ok: true, stored: saved, events: applied.events };
}
