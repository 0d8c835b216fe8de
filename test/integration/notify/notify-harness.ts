import { SupportService } from '../../../src/backend/embedded/support-service';
import { TicketStore } from '../../../src/tickets';
import { vulnerabilitySubmission } from '../../support/submissions';
import type { Submission } from '../../../src/backend/ticket-backend';
import type { Clock } from '../../../src/domain/clock';
import { systemClock } from '../../../src/domain/clock';
import type { TicketCommand } from '../../../src/domain/ticket';
import type { Store } from '../../../src/store/create-store';
import { adaptiveCardsOf, cardTexts, type ConnectorCall } from '../../support/connector-stand-in';
import type { TeamsChat } from '../../support/teams-activities';

export const analyst = { kind: 'support' as const, id: 'aad-analyst-1', name: 'Sam Support' };

/** Test settings: quick polls so a change goes out promptly, a short lease for the crash tests. */
export const notifyEnv = { NOTIFY_POLL_MS: '50', NOTIFY_LEASE_SECONDS: '5' };

export function reportFrom(chat: TeamsChat, overrides: Partial<Submission> = {}): Submission {
  return vulnerabilitySubmission({
    submissionKey: `draft-${chat.conversationId}-${Math.random().toString(36).slice(2)}`,
    tenantId: chat.user.tenantId,
    reporter: { kind: 'publisher', id: chat.user.aadObjectId, name: chat.user.name },
    locale: chat.user.locale,
    conversationId: chat.conversationId,
    ...overrides,
  });
}

/** Support's side of a ticket, through the embedded backend's SupportService (the support API's core). */
export class SupportDesk {
  readonly repository: TicketStore;
  readonly service: SupportService;

  constructor(store: Store, clock: Clock = systemClock) {
    this.repository = new TicketStore(store.db);
    this.service = new SupportService({ repository: this.repository, clock });
  }

  async act(confirmationNumber: string, command: TicketCommand): Promise<void> {
    const current = await this.service.get(confirmationNumber);
    if (!current) throw new Error(`no ticket ${confirmationNumber}`);
    const result = await this.service.execute(confirmationNumber, command, analyst, current.view.version);
    if (!result.ok) throw new Error(`support command refused: ${JSON.stringify(result)}`);
  }
}

/** New messages (not updates) that reached a conversation. */
export function sendsTo(conversationId: string) {
  return (call: ConnectorCall) =>
    call.kind === 'send' && call.status < 300 && call.conversationId === conversationId;
}

export function textsOf(call: ConnectorCall): string {
  return adaptiveCardsOf(call.body).flatMap(cardTexts).join('\n');
}

/** Whether every outbox row reached a final state (for `until`: the connector answers before the mark commits). */
export function nothingPending(store: Store): () => Promise<boolean> {
  return async () => {
    const pending = await store.db.selectFrom('outbox').select('id').where('state', '=', 'pending').execute();
    return pending.length === 0;
  };
}

/** Each outbox row's event type and state, in the order of the ticket's history (one ticket in the store). */
export function outboxStates(store: Store): Promise<Array<{ type: string; state: string }>> {
  return store.db
    .selectFrom('outbox')
    .innerJoin('ticket_events', 'ticket_events.id', 'outbox.event_id')
    .select(['ticket_events.type', 'outbox.state'])
    .orderBy('ticket_events.seq')
    .execute();
}

/** Resolves when `predicate` holds, checking after each event-loop turn; fails after `timeoutMs`. */
export async function until(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
