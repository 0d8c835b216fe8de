import type { Actor, TicketCommand } from '../../domain/ticket';
import type { StoredTicket, TicketStore } from '../../tickets';
import { applyAndSave } from './apply-and-save';

const batchSize = 100;

/**
 * One pass of a system job over tickets that are due for something (an overdue alarm, a reminder):
 * `due` finds a batch, each gets `command` as of the version read — so several instances sweeping at
 * once change each ticket once — and `applied` hears of every change this instance made. Batches go on
 * while full; a batch where nothing could be changed would only repeat itself, so the pass ends there.
 * Returns how many tickets this instance changed.
 */
export async function sweepDueTickets(sweep: {
  readonly repository: TicketStore;
  readonly due: (limit: number) => Promise<StoredTicket[]>;
  readonly command: TicketCommand;
  readonly actor: Actor;
  readonly now: Date;
  readonly options?: { readonly onlyIfNotOverdue?: boolean };
  readonly applied: (stored: StoredTicket) => void;
}): Promise<number> {
  let changed = 0;
  for (;;) {
    const due = await sweep.due(batchSize);
    const before = changed;
    for (const stored of due) {
      const result = await applyAndSave(
        sweep.repository,
        stored,
        sweep.command,
        sweep.actor,
        sweep.now,
        sweep.options ?? {},
      );
      if (result.ok) {
        changed += 1;
        sweep.applied(stored);
      }
    }
    if (due.length < batchSize || changed === before) return changed;
  }
}
