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
  /** GDPR Art. 33: the publisher says the supervisory authority has been notified (breach-clock.ts). */
  | EventOf<'breach_notification_done', { readonly dueAt: string }>
  /** The one reminder that the 72 hours to notify the authority are running out. */
  | EventOf<'breach_reminder_due', { readonly dueAt: string }>
  | EventOf<
      'information_added',
      {
        readonly detail?: string;
        readonly cvss?: CvssRating;
        readonly fix?: TicketReport['fix'];
        readonly offers?: readonly ReportedOffer[];
      }
    >
  /** A file of evidence stored with the ticket (src/tickets/evidence-files.ts has its row). */
  | EventOf<'evidence_added', EvidenceFileFact>
  /** Support downloaded a file of evidence (a fact of the audit trail; the ticket is unchanged). */
  | EventOf<'evidence_downloaded', EvidenceFileFact>
  /** The publisher shared a draft of their customer communication with support (docs/decisions/customer-drafts.md). */
  | EventOf<'customer_draft_shared', CustomerDraftRef>
  /** Support proposed an edit of a shared draft: `draftId` is the proposal, `basedOn` the draft it edits. */
  | EventOf<'customer_draft_proposed', CustomerDraftRef & { readonly basedOn: string }>
  /** The publisher answered support's proposal: accepted it, accepted it with their own changes, or declined. */
  | EventOf<
      'customer_draft_answered',
      CustomerDraftRef & {
        readonly answer: 'accepted' | 'edited' | 'declined';
        /** The draft shared with support as a result (the proposal itself, or the publisher's edit of it). */
        readonly sharedDraftId?: string;
      }
    >
  /** The facts a customer draft states changed: the drafts made before are out of date. */
  | EventOf<
      'customer_drafts_outdated',
      { readonly drafts: readonly CustomerDraftRef[]; readonly changed: readonly string[] }
    >;

/** Which draft an event is about: its id and what it is (its text stays with the drafts, not the history). */
export interface CustomerDraftRef {
  readonly draftId: string;
  readonly format: string;
  readonly language: string;
  readonly version: number;
}

/** What the history says of a file: never its contents. */
export interface EvidenceFileFact {
  readonly fileId: string;
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
}

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
  'breach_notification_done',
  'breach_reminder_due',
  'evidence_added',
  'evidence_downloaded',
  'customer_draft_shared',
  'customer_draft_proposed',
  'customer_draft_answered',
  'customer_drafts_outdated',
];
