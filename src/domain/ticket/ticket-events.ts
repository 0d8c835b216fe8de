import type {
  Actor,
  Category,
  CloseReason,
  CvssRating,
  Outcome,
  Priority,
  ReportedOffer,
  Severity,
  TicketReport,
} from './ticket';

interface EventOf<T extends string, D> {
  readonly type: T;
  readonly actor: Actor;
  /** ISO 8601 UTC. */
  readonly at: string;
  readonly data: D;
}

/** One entry of a ticket's history: the audit trail and the source of every notification. */
export type TicketEvent =
  | EventOf<
      'submitted',
      {
        readonly confirmationNumber: string;
        readonly category: Category;
        readonly title: string;
        readonly ackDueAt: string;
      }
    >
  | EventOf<
      'acknowledged',
      { readonly priority: Priority; readonly severity: Severity; readonly late: boolean }
    >
  | EventOf<'priority_changed', { readonly from: Priority; readonly to: Priority; readonly reason?: string }>
  | EventOf<'severity_changed', { readonly from: Severity; readonly to: Severity; readonly reason?: string }>
  | EventOf<'question_asked', { readonly question: string }>
  | EventOf<'question_answered', { readonly answer: string }>
  | EventOf<'message_posted', { readonly message: string }>
  | EventOf<'assessment_started', { readonly reopened: boolean }>
  | EventOf<'outcome_set', { readonly outcome: Outcome }>
  | EventOf<'closed', { readonly reason: CloseReason; readonly note?: string; readonly duplicateOf?: string }>
  | EventOf<'ack_overdue', { readonly dueAt: string }>
  | EventOf<
      'information_added',
      {
        readonly detail?: string;
        readonly cvss?: CvssRating;
        readonly fix?: TicketReport['fix'];
        readonly offers?: readonly ReportedOffer[];
      }
    >;

export type TicketEventType = TicketEvent['type'];

export const ticketEventTypes: readonly TicketEventType[] = [
  'submitted',
  'acknowledged',
  'priority_changed',
  'severity_changed',
  'question_asked',
  'question_answered',
  'message_posted',
  'assessment_started',
  'outcome_set',
  'closed',
  'ack_overdue',
  'information_added',
];
