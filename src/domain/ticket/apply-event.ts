import { ticketStates, type Ticket, type TicketState } from './ticket';
import type { TicketEvent, TicketEventType } from './ticket-events';

/**
 * The one definition of "event → ticket state": what each event in a ticket's history does to the ticket,
 * and from which states it may happen. `applyCommand` decides which events a command makes and folds
 * them in here; an event a remote ticket service reports is folded in the same way, so our copy of a
 * remote ticket moves through exactly the transitions an embedded one does.
 */

/** Every state but closed: nothing changes a closed ticket. */
export const openStates: readonly TicketState[] = [
  'submitted',
  'acknowledged',
  'in_assessment',
  'awaiting_publisher',
  'outcome',
];
export const afterAcknowledgement: readonly TicketState[] = [
  'acknowledged',
  'in_assessment',
  'awaiting_publisher',
  'outcome',
];

/** The states each event may happen in. */
export const eventAllowedFrom: Readonly<Record<TicketEventType, readonly TicketState[]>> = {
  submitted: ['submitted'],
  acknowledged: ['submitted'],
  priority_changed: afterAcknowledgement,
  severity_changed: afterAcknowledgement,
  assessment_started: ['acknowledged', 'outcome'],
  // From 'acknowledged' too: a remote service may not report the implicit start of the assessment.
  question_asked: ['acknowledged', 'in_assessment', 'awaiting_publisher'],
  question_answered: ['awaiting_publisher'],
  message_posted: openStates,
  outcome_set: ['acknowledged', 'in_assessment', 'awaiting_publisher'],
  closed: openStates,
  ack_overdue: ['submitted'],
  // The obligation to notify the authority outlives the ticket: closed included.
  breach_notification_done: ticketStates,
  breach_reminder_due: ticketStates,
  information_added: openStates,
  evidence_added: openStates,
  // A download is recorded whatever the state: support may need a closed ticket's evidence.
  evidence_downloaded: ticketStates,
  // The message to customers often comes last: drafts are shared and reviewed after closing too.
  customer_draft_shared: ticketStates,
  customer_draft_proposed: ticketStates,
  customer_draft_answered: ticketStates,
  customer_drafts_outdated: ticketStates,
};

/** The ticket after one event, or undefined when the event cannot happen in the ticket's state. */
export function applyEvent(ticket: Ticket, event: TicketEvent): Ticket | undefined {
  if (!eventAllowedFrom[event.type].includes(ticket.state)) return undefined;
  switch (event.type) {
    // Customer drafts are kept beside the ticket (src/tickets/customer-drafts.ts); the history records
    // what happened to them, the ticket stays as it was.
    case 'submitted':
    case 'message_posted':
    case 'evidence_added':
    case 'evidence_downloaded':
    case 'customer_draft_shared':
    case 'customer_draft_proposed':
    case 'customer_draft_answered':
    case 'customer_drafts_outdated':
      return ticket;
    case 'acknowledged':
      return {
        ...ticket,
        state: 'acknowledged',
        priority: event.data.priority,
        severity: event.data.severity,
        acknowledgedAt: event.at,
      };
    case 'priority_changed':
      return { ...ticket, priority: event.data.to };
    case 'severity_changed':
      return { ...ticket, severity: event.data.to };
    case 'assessment_started': {
      const { outcome: _previous, ...rest } = ticket;
      return { ...rest, state: 'in_assessment' };
    }
    case 'question_asked':
      return {
        ...ticket,
        state: 'awaiting_publisher',
        openQuestions: [
          ...ticket.openQuestions,
          { question: event.data.question, askedAt: event.at, askedBy: event.actor },
        ],
      };
    case 'question_answered':
      return { ...ticket, state: 'in_assessment', openQuestions: [] };
    case 'outcome_set':
      return { ...ticket, state: 'outcome', outcome: event.data.outcome, openQuestions: [] };
    case 'closed':
      return {
        ...ticket,
        state: 'closed',
        closedAt: event.at,
        closeReason: event.data.reason,
        openQuestions: [],
      };
    case 'ack_overdue':
      return { ...ticket, ackOverdueAt: event.at };
    case 'breach_notification_done':
      return { ...ticket, breachNotifiedAt: event.at };
    case 'breach_reminder_due':
      return { ...ticket, breachRemindedAt: event.at };
    case 'information_added':
      return {
        ...ticket,
        additions: [...ticket.additions, { at: event.at, by: event.actor, ...event.data }],
      };
  }
}

/**
 * One change: the events folded in order, then the version bumped once and the change's time recorded.
 * Undefined when any event cannot happen where the ticket then is.
 */
export function applyEvents(ticket: Ticket, events: readonly TicketEvent[], at: string): Ticket | undefined {
  let next: Ticket | undefined = ticket;
  for (const event of events) {
    next = applyEvent(next, event);
    if (!next) return undefined;
  }
  return { ...next, updatedAt: at, version: ticket.version + 1 };
}
