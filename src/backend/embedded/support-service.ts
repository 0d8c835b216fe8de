import type { Clock } from '../../domain/clock';
import { normaliseConfirmationNumber, type Actor, type TicketCommand } from '../../domain/ticket';
import type { HistoryEntry, StoredTicket, TicketStore } from '../../tickets';
import {
  defaultPageSize,
  maxPageSize,
  versionMatches,
  type ExpectedVersion,
  type SupportCommandResult,
  type SupportPort,
  type SupportTicketFilter,
  type SupportTicketPage,
  type SupportTicketView,
} from '../support-port';
import { applyAndSave } from './apply-and-save';

/**
 * What support does with tickets (the support REST API and the support cards): find them, read one with
 * its history, and change it through the ticket's state machine. Every change names the version it was
 * based on and is stored only if that is still the stored version (optimistic concurrency).
 */
export class SupportService implements SupportPort {
  constructor(private readonly deps: { readonly repository: TicketStore; readonly clock: Clock }) {}

  async list(filter: SupportTicketFilter = {}): Promise<SupportTicketPage> {
    const limit = Math.min(Math.max(Math.trunc(filter.limit ?? defaultPageSize), 1), maxPageSize);
    const offset = Math.max(Math.trunc(filter.offset ?? 0), 0);
    const now = this.deps.clock.now();
    const { items, total } = await this.deps.repository.search({
      ...(filter.states ? { states: filter.states } : {}),
      ...(filter.severities ? { severities: filter.severities } : {}),
      ...(filter.categories ? { categories: filter.categories } : {}),
      ...(filter.overdue !== undefined ? { overdue: filter.overdue } : {}),
      ...(filter.after ? { after: filter.after } : {}),
      now,
      limit,
      offset,
    });
    return { items: items.map((stored) => supportView(stored, now)), total, limit, offset };
  }

  async get(
    confirmationNumber: string,
  ): Promise<{ view: SupportTicketView; history: HistoryEntry[] } | undefined> {
    const stored = await this.find(confirmationNumber);
    if (!stored) return undefined;
    const history = await this.deps.repository.history(stored.id);
    return { view: supportView(stored, this.deps.clock.now()), history };
  }

  /**
   * Applies a support command to the ticket as of `expected`. With `'any'` a change that loses the race
   * to another is tried again on the ticket as it is then: the caller asked for whatever is current.
   */
  async execute(
    confirmationNumber: string,
    command: TicketCommand,
    actor: Actor,
    expected: ExpectedVersion,
  ): Promise<SupportCommandResult> {
    for (let attempt = 1; ; attempt++) {
      const result = await this.executeOnce(confirmationNumber, command, actor, expected);
      if (expected !== 'any' || result.ok || result.reason !== 'conflict' || attempt >= 3) return result;
    }
  }

  private async executeOnce(
    confirmationNumber: string,
    command: TicketCommand,
    actor: Actor,
    expected: ExpectedVersion,
  ): Promise<SupportCommandResult> {
    const stored = await this.find(confirmationNumber);
    if (!stored) return { ok: false, reason: 'notFound' };
    if (!versionMatches(stored.ticket.version, expected)) {
      return { ok: false, reason: 'conflict', currentVersion: stored.ticket.version };
    }
    if (actor.kind !== 'support') {
      return {
        ok: false,
        reason: 'refused',
        errors: [{ key: 'ticket.actor.notAllowed', command: command.type, actor: actor.kind }],
      };
    }
    const now = this.deps.clock.now();
    const result = await applyAndSave(this.deps.repository, stored, command, actor, now);
    if (result.ok) return { ok: true, view: supportView(result.stored, now), events: result.events };
    if (result.reason === 'refused') return { ok: false, reason: 'refused', errors: result.errors };
    if (!result.current) return { ok: false, reason: 'notFound' };
    return { ok: false, reason: 'conflict', currentVersion: result.current.ticket.version };
  }

  /** Only tickets this service owns: a local copy of a report filed elsewhere is not support's to change. */
  private async find(confirmationNumber: string): Promise<StoredTicket | undefined> {
    const number = normaliseConfirmationNumber(confirmationNumber);
    if (!number) return undefined;
    const stored = await this.deps.repository.findByNumber(number);
    return stored?.delivery === 'local' ? stored : undefined;
  }
}

export function supportView(stored: StoredTicket, now: Date): SupportTicketView {
  const { ticket } = stored;
  return {
    ticket,
    version: ticket.version,
    overdue: ticket.state === 'submitted' && Date.parse(ticket.ackDueAt) <= now.getTime(),
    ...(stored.suggestedSeverity ? { suggestedSeverity: stored.suggestedSeverity } : {}),
    ...(stored.locale ? { locale: stored.locale } : {}),
    ...(stored.timeZone ? { timeZone: stored.timeZone } : {}),
  };
}
