import { randomUUID } from 'node:crypto';
import type { SupportCalendar } from '../../domain/calendar';
import type { Clock } from '../../domain/clock';
import {
  normaliseConfirmationNumber,
  type Actor,
  type ConfirmationNumberGenerator,
  type TicketCommand,
} from '../../domain/ticket';
import type { Logger } from '../../logger';
import {
  summaryOf,
  toTicketRecord,
  type CardPlacement,
  type StoredTicket,
  type TicketStore,
  type TicketSummary,
} from '../../tickets';
import { fileTicket } from '../file-ticket';
import { tenantListLimit } from '../ticket-backend';
import { encodeTicketListCursor } from '../ticket-list-cursor';
import type {
  CommandResult,
  Submission,
  SubmitResult,
  TenantListOptions,
  TicketWithHistory,
  TicketBackend,
  TicketRecord,
} from '../ticket-backend';
import {
  readRemoteEvents,
  readRemoteHistory,
  readRemoteList,
  readRemoteRecord,
  type RemoteRecord,
} from './read-remote-ticket';
import { TicketServiceUnavailableError, type TicketServiceClient } from './ticket-service-client';

export interface RemoteTicketBackendDeps {
  readonly client: TicketServiceClient;
  /** The local copies: every report is kept here first, so none is lost while the service is down. */
  readonly repository: TicketStore;
  readonly clock: Clock;
  /** For the local confirmation number and due time of a report not yet delivered. */
  readonly calendar: Pick<SupportCalendar, 'ackDueAt'>;
  readonly logger: Logger;
  readonly numberGenerator?: ConfirmationNumberGenerator;
  /** Attempts for the publisher's own submit; the resend job retries the rest later. */
  readonly submitAttempts?: number;
}

/** Wait before the next delivery of a kept report: 30 s doubling per attempt, at most 15 minutes. */
export function deliveryBackoffMs(attempts: number): number {
  return Math.min(15 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Tickets filed with an external ticket service over the publisher-side API (docs/openapi.json). A report
 * is stored locally first ('pending', with a local confirmation number the service is asked to keep) and
 * then delivered with the submission key as Idempotency-Key; if the service cannot be reached the
 * publisher is told it is kept (`delivery: 'pending'`) and the resend job delivers it later.
 */
export class RemoteTicketBackend implements TicketBackend {
  constructor(private readonly deps: RemoteTicketBackendDeps) {}

  async submit(submission: Submission): Promise<SubmitResult> {
    const filed = await fileTicket(this.deps, submission, this.deps.clock.now(), {
      delivery: 'pending',
      outbox: false,
    });
    if (!filed.ok) return { ok: false, error: filed.error };
    if (filed.stored.delivery === 'synced') {
      return { ok: true, record: toTicketRecord(filed.stored), duplicate: filed.duplicate };
    }
    const delivered = await this.deliver(filed.stored, this.deps.submitAttempts ?? 2);
    return { ok: true, record: delivered ?? toTicketRecord(filed.stored), duplicate: filed.duplicate };
  }

  /**
   * One delivery of a kept report, if this instance wins the claim on it. Returns the service's record,
   * or undefined when the report stays pending (unreachable, or claimed elsewhere).
   */
  async deliver(stored: StoredTicket, maxAttempts?: number): Promise<TicketRecord | undefined> {
    const seen = await this.deps.repository.nextDeliveryAt(stored.id);
    if (seen === undefined) return undefined;
    const retryAt = new Date(
      this.deps.clock.now().getTime() + deliveryBackoffMs(stored.deliveryAttempts + 1),
    );
    if (!(await this.deps.repository.claimDelivery(stored, seen, retryAt))) return undefined;
    const { ticket } = stored;
    try {
      const response = await this.deps.client.request('POST', '/api/tickets', {
        idempotencyKey: stored.submissionKey,
        body: {
          tenantId: ticket.tenantId,
          reporter: {
            id: ticket.reporter.id,
            ...(ticket.reporter.name ? { name: ticket.reporter.name } : {}),
          },
          category: ticket.category,
          report: ticket.report,
          proposedConfirmationNumber: ticket.confirmationNumber,
          ...(stored.locale ? { locale: stored.locale } : {}),
          ...(stored.conversationId ? { conversationId: stored.conversationId } : {}),
          ...(stored.timeZone ? { timeZone: stored.timeZone } : {}),
        },
        ...(maxAttempts ? { maxAttempts } : {}),
      });
      const remote = response.status < 300 ? readRemoteRecord(response.body, ticket.tenantId) : undefined;
      if (!remote) {
        // The service answered but refused or garbled it: keep the report and say so to the operator.
        const problem = `HTTP ${response.status}${response.status < 300 ? ' with an unreadable body' : ''}`;
        await this.deps.repository.recordDeliveryFailure(stored.id, problem);
        this.deps.logger.error(
          {
            event: 'remote_backend.delivery_refused',
            confirmationNumber: ticket.confirmationNumber,
            status: response.status,
          },
          'the ticket service refused a report; it is kept and retried',
        );
        return undefined;
      }
      await this.deps.repository.markDelivered(stored.id, remote.ticket.confirmationNumber);
      this.deps.logger.info(
        {
          event: 'remote_backend.delivered',
          confirmationNumber: ticket.confirmationNumber,
          remoteNumber: remote.ticket.confirmationNumber,
        },
        'report delivered to the ticket service',
      );
      return this.toRecord(remote, { ...stored, delivery: 'synced' });
    } catch (err) {
      if (!(err instanceof TicketServiceUnavailableError)) throw err;
      await this.deps.repository.recordDeliveryFailure(stored.id, err.message);
      this.deps.logger.warn(
        { event: 'remote_backend.kept', confirmationNumber: ticket.confirmationNumber, problem: err.message },
        'ticket service unreachable; the report is kept and will be resent',
      );
      return undefined;
    }
  }

  /** The remote service's list answers whole records: the summary is made of them. */
  async summariesForTenant(tenantId: string, options: TenantListOptions = {}): Promise<TicketSummary[]> {
    const records = await this.listForTenant(tenantId, options);
    return records.map((record) => summaryOf(record.ticket));
  }

  async listForTenant(tenantId: string, options: TenantListOptions = {}): Promise<TicketRecord[]> {
    const limit = tenantListLimit(options);
    const local = await this.deps.repository.listForTenant(tenantId, limit, options.after);
    const pending = local.filter((s) => s.delivery === 'pending');
    try {
      const response = await this.deps.client.request('GET', '/api/tickets', {
        query: {
          tenantId,
          limit: String(limit),
          ...(options.after ? { cursor: encodeTicketListCursor(options.after) } : {}),
        },
      });
      const remote = response.status === 200 ? readRemoteList(response.body, tenantId) : undefined;
      if (!remote) throw new TicketServiceUnavailableError(`list answered HTTP ${response.status}`);
      const byNumber = new Map(local.map((s) => [s.remoteId ?? s.ticket.confirmationNumber, s]));
      const merged = [
        ...pending.map(toTicketRecord),
        ...remote.map((r) => this.toRecord(r, byNumber.get(r.ticket.confirmationNumber))),
      ];
      return merged.sort(newestFirst).slice(0, limit);
    } catch (err) {
      if (!(err instanceof TicketServiceUnavailableError)) throw err;
      // What we know locally beats nothing: the publisher still sees every report it filed from here.
      return local.map(toTicketRecord);
    }
  }

  async getForTenant(tenantId: string, confirmationNumber: string): Promise<TicketRecord | undefined> {
    const found = await this.fetchOne(tenantId, confirmationNumber);
    return found?.record;
  }

  getWithHistoryForTenant(
    tenantId: string,
    confirmationNumber: string,
  ): Promise<TicketWithHistory | undefined> {
    return this.fetchOne(tenantId, confirmationNumber);
  }

  async publisherCommand(
    tenantId: string,
    confirmationNumber: string,
    command: TicketCommand,
    actor: Actor,
  ): Promise<CommandResult> {
    const number = normaliseConfirmationNumber(confirmationNumber);
    if (!number) return { ok: false, error: { key: 'ticket.notFound' } };
    const local = await this.deps.repository.findForTenant(tenantId, number);
    if (local?.delivery === 'pending') return { ok: false, error: { key: 'ticket.backendUnavailable' } };
    if (command?.type !== 'post_message' && command?.type !== 'answer_question') {
      return {
        ok: false,
        error: { key: 'ticket.actor.notAllowed', command: String(command?.type ?? ''), actor: 'publisher' },
      };
    }
    try {
      const response = await this.deps.client.request(
        'POST',
        `/api/tickets/${encodeURIComponent(local?.remoteId ?? number)}/messages`,
        {
          idempotencyKey: randomUUID(),
          body: { tenantId, actor: { id: actor.id, ...(actor.name ? { name: actor.name } : {}) }, command },
        },
      );
      if (response.status === 404) return { ok: false, error: { key: 'ticket.notFound' } };
      const remote = response.status === 200 ? readRemoteRecord(response.body, tenantId) : undefined;
      if (remote) {
        return { ok: true, record: this.toRecord(remote, local), events: readRemoteEvents(response.body) };
      }
      const problem = (response.body as { problems?: { key?: unknown; field?: unknown }[] } | undefined)
        ?.problems?.[0];
      if (response.status === 409) {
        return {
          ok: false,
          error: { key: 'ticket.transition.notAllowed', command: command.type, from: 'submitted' },
        };
      }
      if (response.status === 400 && typeof problem?.field === 'string') {
        return { ok: false, error: { key: 'ticket.field.invalid', field: problem.field } };
      }
      return { ok: false, error: { key: 'ticket.backendUnavailable' } };
    } catch (err) {
      if (!(err instanceof TicketServiceUnavailableError)) throw err;
      return { ok: false, error: { key: 'ticket.backendUnavailable' } };
    }
  }

  async rememberCard(confirmationNumber: string, card: CardPlacement): Promise<void> {
    await this.deps.repository.rememberCard(confirmationNumber, card);
  }

  private async fetchOne(
    tenantId: string,
    confirmationNumber: string,
  ): Promise<TicketWithHistory | undefined> {
    const number = normaliseConfirmationNumber(confirmationNumber);
    if (!number || !tenantId) return undefined;
    const local = await this.deps.repository.findForTenant(tenantId, number);
    if (local?.delivery === 'pending') {
      return { record: toTicketRecord(local), history: await this.deps.repository.history(local.id) };
    }
    try {
      const response = await this.deps.client.request(
        'GET',
        `/api/tickets/${encodeURIComponent(local?.remoteId ?? number)}`,
        {
          query: { tenantId },
        },
      );
      if (response.status === 404) return undefined;
      const remote = response.status === 200 ? readRemoteRecord(response.body, tenantId) : undefined;
      const history = remote && readRemoteHistory(response.body);
      if (!remote || !history)
        throw new TicketServiceUnavailableError(`read answered HTTP ${response.status}`);
      return { record: this.toRecord(remote, local), history };
    } catch (err) {
      if (!(err instanceof TicketServiceUnavailableError) || !local) throw err;
      return { record: toTicketRecord(local), history: await this.deps.repository.history(local.id) };
    }
  }

  private toRecord(remote: RemoteRecord, local: StoredTicket | undefined): TicketRecord {
    return {
      ticket: remote.ticket,
      delivery: 'synced',
      ...((remote.timeZone ?? local?.timeZone) ? { timeZone: remote.timeZone ?? local?.timeZone } : {}),
      ...((remote.locale ?? local?.locale) ? { locale: remote.locale ?? local?.locale } : {}),
    };
  }
}

/** The tenant list's order: newest first, ties by confirmation number (what a cursor continues from). */
function newestFirst(a: TicketRecord, b: TicketRecord): number {
  if (a.ticket.submittedAt !== b.ticket.submittedAt)
    return a.ticket.submittedAt < b.ticket.submittedAt ? 1 : -1;
  return a.ticket.confirmationNumber < b.ticket.confirmationNumber ? -1 : 1;
}
