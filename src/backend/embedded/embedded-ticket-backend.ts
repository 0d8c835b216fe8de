import type { SupportCalendar } from '../../domain/calendar';
import type { Clock } from '../../domain/clock';
import {
  normaliseConfirmationNumber,
  type Actor,
  type ConfirmationNumberGenerator,
  type TicketCommand,
} from '../../domain/ticket';
import {
  toTicketRecord,
  type CardPlacement,
  type StoredTicket,
  type TicketStore,
  type TicketSummary,
} from '../../tickets';
import { fileTicket } from '../file-ticket';
import type {
  CommandResult,
  Submission,
  SubmitResult,
  TenantListOptions,
  TicketWithHistory,
  TicketBackend,
  TicketRecord,
} from '../ticket-backend';
import { tenantListLimit } from '../ticket-backend';
import { applyAndSave } from './apply-and-save';

export interface EmbeddedTicketBackendDeps {
  readonly repository: TicketStore;
  readonly clock: Clock;
  readonly calendar: Pick<SupportCalendar, 'ackDueAt'>;
  readonly numberGenerator?: ConfirmationNumberGenerator;
}

/** A publisher's message carries no version; on a concurrent change it is re-applied to the fresh ticket. */
const maxCommandAttempts = 3;

/** Tickets kept in our own store; support triages them through the support API and cards. */
export class EmbeddedTicketBackend implements TicketBackend {
  /**
   * The stored tickets behind the records this backend gave (`submit`, `getForTenant`,
   * `getWithHistoryForTenant`), so a command on one, or a card of it, need not read it again.
   */
  private readonly handedOut = new WeakMap<
    TicketRecord,
    { readonly stored: StoredTicket; readonly tenantId: string; readonly confirmationNumber: string }
  >();

  constructor(private readonly deps: EmbeddedTicketBackendDeps) {}

  /**
   * Files a report. `proposedConfirmationNumber` (from a remote adapter that already told its publisher a
   * number) is used when it is well-formed and free; otherwise a fresh number is issued.
   */
  async submit(
    submission: Submission,
    options: { proposedConfirmationNumber?: string } = {},
  ): Promise<SubmitResult> {
    const proposed =
      options.proposedConfirmationNumber === undefined
        ? undefined
        : normaliseConfirmationNumber(options.proposedConfirmationNumber);
    const filed = await fileTicket(this.deps, submission, this.deps.clock.now(), {
      delivery: 'local',
      outbox: true,
      ...(proposed ? { proposedNumber: proposed } : {}),
    });
    if (!filed.ok) return { ok: false, error: filed.error };
    const record = this.handOut(filed.stored, submission.tenantId, filed.stored.ticket.confirmationNumber);
    return { ok: true, record, duplicate: filed.duplicate };
  }

  async listForTenant(tenantId: string, options: TenantListOptions = {}): Promise<TicketRecord[]> {
    const stored = await this.deps.repository.listForTenant(
      tenantId,
      tenantListLimit(options),
      options.after,
    );
    return stored.map(toTicketRecord);
  }

  async summariesForTenant(tenantId: string, options: TenantListOptions = {}): Promise<TicketSummary[]> {
    return this.deps.repository.summariesForTenant(tenantId, tenantListLimit(options));
  }

  async getForTenant(tenantId: string, confirmationNumber: string): Promise<TicketRecord | undefined> {
    const stored = await this.find(tenantId, confirmationNumber);
    return stored && this.handOut(stored, tenantId, confirmationNumber);
  }

  async getWithHistoryForTenant(
    tenantId: string,
    confirmationNumber: string,
  ): Promise<TicketWithHistory | undefined> {
    const stored = await this.find(tenantId, confirmationNumber);
    return (
      stored && {
        record: this.handOut(stored, tenantId, confirmationNumber),
        history: await this.deps.repository.history(stored.id),
      }
    );
  }

  async publisherCommand(
    tenantId: string,
    confirmationNumber: string,
    command: TicketCommand,
    actor: Actor,
    asRead?: TicketRecord,
  ): Promise<CommandResult> {
    const read = asRead && this.handedOut.get(asRead);
    // The first try starts from the ticket as just read; a change made since is a conflict, read again below.
    let stored =
      read && read.tenantId === tenantId && read.confirmationNumber === confirmationNumber
        ? read.stored
        : await this.find(tenantId, confirmationNumber);
    if (!stored) return { ok: false, error: { key: 'ticket.notFound' } };
    if (actor?.kind !== 'publisher') {
      const type = typeof command?.type === 'string' ? command.type : '';
      return {
        ok: false,
        error: { key: 'ticket.actor.notAllowed', command: type, actor: actor?.kind ?? 'support' },
      };
    }
    for (let attempt = 1; attempt <= maxCommandAttempts; attempt++) {
      const result = await applyAndSave(this.deps.repository, stored, command, actor, this.deps.clock.now());
      if (result.ok) return { ok: true, record: toTicketRecord(result.stored), events: result.events };
      if (result.reason === 'refused') {
        const [error] = result.errors;
        return { ok: false, error: error ?? { key: 'ticket.notFound' } };
      }
      if (!result.current) return { ok: false, error: { key: 'ticket.notFound' } };
      stored = result.current;
    }
    throw new Error(`ticket ${confirmationNumber} kept changing under a publisher's command`);
  }

  async rememberCard(confirmationNumber: string, card: CardPlacement, asRead?: TicketRecord): Promise<void> {
    const read = asRead && this.handedOut.get(asRead);
    if (read && read.stored.ticket.confirmationNumber === confirmationNumber) {
      await this.deps.repository.rememberCardOf(read.stored.id, card);
      return;
    }
    await this.deps.repository.rememberCard(confirmationNumber, card);
  }

  private handOut(stored: StoredTicket, tenantId: string, confirmationNumber: string): TicketRecord {
    const record = toTicketRecord(stored);
    this.handedOut.set(record, { stored, tenantId, confirmationNumber });
    return record;
  }

  private async find(tenantId: string, confirmationNumber: string) {
    const number =
      typeof confirmationNumber === 'string' ? normaliseConfirmationNumber(confirmationNumber) : undefined;
    if (!number || typeof tenantId !== 'string' || tenantId.length === 0) return undefined;
    return this.deps.repository.findForTenant(tenantId, number);
  }
}
