import {
  suggestedSeverity,
  type CloseReason,
  type OpenQuestion,
  type Outcome,
  type Priority,
  type ReportAddition,
  type Severity,
  type Ticket,
  type TicketEvent,
  type TicketReport,
  type TicketState,
} from '../domain/ticket';
import type { TicketEventRow, TicketRow } from '../store/tables';
import type { StoredTicket } from './ticket-record';

/**
 * Rows ↔ domain types, for the modules of src/tickets only: everything outside receives `StoredTicket`,
 * `Ticket` and `TicketEvent`, never a row.
 */

export interface TicketChangeColumns {
  state: string;
  priority: string | null;
  severity: string | null;
  outcome: string | null;
  open_questions: string;
  additions: string;
  suggested_severity: string | null;
  acknowledged_at: string | null;
  ack_overdue_at: string | null;
  breach_notified_at: string | null;
  breach_reminded_at: string | null;
  closed_at: string | null;
  close_reason: string | null;
  updated_at: string;
  version: number;
}

/** TicketChangeColumns' names, in a fixed order (a compiled update binds them by position). */
export const ticketChangeColumnNames = [
  'state',
  'priority',
  'severity',
  'outcome',
  'open_questions',
  'additions',
  'suggested_severity',
  'acknowledged_at',
  'ack_overdue_at',
  'breach_notified_at',
  'breach_reminded_at',
  'closed_at',
  'close_reason',
  'updated_at',
  'version',
] as const satisfies readonly (keyof TicketChangeColumns)[];
// A column added to TicketChangeColumns and not to the list above does not compile.
const everyChangeColumnNamed: Exclude<
  keyof TicketChangeColumns,
  (typeof ticketChangeColumnNames)[number]
> extends never
  ? true
  : never = true;
void everyChangeColumnNamed;

/** The columns a change to the domain ticket rewrites (everything the state machine may touch). */
export function ticketChangeColumns(ticket: Ticket): TicketChangeColumns {
  return {
    state: ticket.state,
    priority: ticket.priority ?? null,
    severity: ticket.severity ?? null,
    outcome: ticket.outcome ? JSON.stringify(ticket.outcome) : null,
    open_questions: JSON.stringify(ticket.openQuestions),
    additions: JSON.stringify(ticket.additions),
    // Follows the current CVSS vector (a revised one re-scores it); support's own severity is apart.
    suggested_severity: suggestedSeverity(ticket) ?? null,
    acknowledged_at: ticket.acknowledgedAt ?? null,
    ack_overdue_at: ticket.ackOverdueAt ?? null,
    breach_notified_at: ticket.breachNotifiedAt ?? null,
    breach_reminded_at: ticket.breachRemindedAt ?? null,
    closed_at: ticket.closedAt ?? null,
    close_reason: ticket.closeReason ?? null,
    updated_at: ticket.updatedAt,
    version: ticket.version,
  };
}

export function storedTicketFromRow(row: TicketRow): StoredTicket {
  const ticket: Ticket = {
    confirmationNumber: row.confirmation_number,
    tenantId: row.tenant_id,
    reporter: {
      kind: 'publisher',
      id: row.reporter_id,
      ...(row.reporter_name ? { name: row.reporter_name } : {}),
    },
    category: row.category,
    report: parseJson<TicketReport>(row.report, row, 'report'),
    state: row.state as TicketState,
    ...(row.priority ? { priority: row.priority as Priority } : {}),
    ...(row.severity ? { severity: row.severity as Severity } : {}),
    ...(row.outcome ? { outcome: parseJson<Outcome>(row.outcome, row, 'outcome') } : {}),
    openQuestions: parseJson<OpenQuestion[]>(row.open_questions, row, 'open_questions'),
    additions: parseJson<ReportAddition[]>(row.additions, row, 'additions'),
    submittedAt: row.created_at,
    ackDueAt: row.ack_due_at,
    ...(row.acknowledged_at ? { acknowledgedAt: row.acknowledged_at } : {}),
    ...(row.ack_overdue_at ? { ackOverdueAt: row.ack_overdue_at } : {}),
    ...(row.breach_due_at ? { breachDueAt: row.breach_due_at } : {}),
    ...(row.breach_notified_at ? { breachNotifiedAt: row.breach_notified_at } : {}),
    ...(row.breach_reminded_at ? { breachRemindedAt: row.breach_reminded_at } : {}),
    ...(row.closed_at ? { closedAt: row.closed_at } : {}),
    ...(row.close_reason ? { closeReason: row.close_reason as CloseReason } : {}),
    updatedAt: row.updated_at,
    version: row.version,
  };
  return {
    id: row.id,
    ticket,
    delivery: row.remote_state,
    locale: row.locale,
    submissionKey: row.submission_key,
    deliveryAttempts: row.delivery_attempts,
    ...(row.reporter_time_zone ? { timeZone: row.reporter_time_zone } : {}),
    ...(row.conversation_id ? { conversationId: row.conversation_id } : {}),
    ...(row.suggested_severity ? { suggestedSeverity: row.suggested_severity as Severity } : {}),
    ...(row.remote_id ? { remoteId: row.remote_id } : {}),
    ...(row.publisher_unreachable_at
      ? {
          publisherUnreachable: {
            at: row.publisher_unreachable_at,
            reason: row.publisher_unreachable_reason ?? '',
          },
        }
      : {}),
  };
}

/** A history row as the domain's event. */
export function eventFromRow(row: TicketEventRow): TicketEvent {
  return {
    type: row.type,
    actor: {
      kind: row.actor_kind,
      id: row.actor_id,
      ...(row.actor_name ? { name: row.actor_name } : {}),
    },
    at: row.created_at,
    data: JSON.parse(row.payload) as unknown,
  } as TicketEvent;
}

function parseJson<T>(text: string, row: TicketRow, column: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new Error(`Stored ticket ${row.confirmation_number} has invalid JSON in ${column}`, { cause: err });
  }
}
