import type { OpenQuestion, TicketEvent } from '../domain/ticket';
import type { TicketRow } from '../store/tables';

export interface MirroredColumns {
  state?: string;
  priority?: string;
  severity?: string;
  outcome?: string | null;
  open_questions?: string;
  acknowledged_at?: string;
  ack_overdue_at?: string;
  closed_at?: string;
  close_reason?: string;
}

/**
 * What an event from the remote ticket service changes on our copy of the ticket, so the status card,
 * "my tickets" and the status command show what the remote service knows. The same transitions as the
 * domain's state machine, applied as facts (the remote service already decided them).
 */
export function mirrorEvent(event: TicketEvent, ticket: Pick<TicketRow, 'open_questions'>): MirroredColumns {
  switch (event.type) {
    case 'submitted':
    case 'message_posted':
      return {};
    case 'acknowledged':
      return {
        state: 'acknowledged',
        priority: event.data.priority,
        severity: event.data.severity,
        acknowledged_at: event.at,
      };
    case 'priority_changed':
      return { priority: event.data.to };
    case 'severity_changed':
      return { severity: event.data.to };
    case 'assessment_started':
      return { state: 'in_assessment', outcome: null };
    case 'question_asked': {
      const open = readQuestions(ticket.open_questions);
      const asked: OpenQuestion = { question: event.data.question, askedAt: event.at, askedBy: event.actor };
      return { state: 'awaiting_publisher', open_questions: JSON.stringify([...open, asked]) };
    }
    case 'question_answered':
      return { state: 'in_assessment', open_questions: '[]' };
    case 'outcome_set':
      return { state: 'outcome', outcome: JSON.stringify(event.data.outcome), open_questions: '[]' };
    case 'closed':
      return { state: 'closed', closed_at: event.at, close_reason: event.data.reason, open_questions: '[]' };
    case 'ack_overdue':
      return { ack_overdue_at: event.at };
  }
}

function readQuestions(json: string): OpenQuestion[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as OpenQuestion[]) : [];
  } catch {
    return [];
  }
}
