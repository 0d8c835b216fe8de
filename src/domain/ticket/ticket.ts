/** The ticket and its parts. Timestamps are ISO 8601 strings in UTC, dates are 'YYYY-MM-DD'. */

export const ticketStates = [
  'submitted',
  'acknowledged',
  'in_assessment',
  'awaiting_publisher',
  'outcome',
  'closed',
] as const;
export type TicketState = (typeof ticketStates)[number];

export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof priorities)[number];

/** The CVSS qualitative scale without None, which is not a severity. */
export const severities = ['Critical', 'High', 'Medium', 'Low'] as const;
export type Severity = (typeof severities)[number];

export const categories = ['incident', 'vulnerability'] as const;
export type Category = (typeof categories)[number];

export const outcomeKinds = ['no_action_needed', 'change_requested', 'offer_removed', 'mitigated'] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];

export type Outcome =
  | { readonly kind: 'no_action_needed'; readonly summary: string }
  | {
      readonly kind: 'change_requested';
      readonly summary: string;
      readonly whatMustChange: string;
      /** The date by which the change is due, 'YYYY-MM-DD'. */
      readonly dueBy: string;
    }
  | {
      readonly kind: 'offer_removed';
      readonly summary: string;
      readonly removal: 'temporary' | 'permanent';
      readonly reason: string;
      /** What the publisher must do to have a temporarily removed offer restored. */
      readonly restoreSteps?: string;
    }
  | { readonly kind: 'mitigated'; readonly summary: string };

export type ActorKind = 'publisher' | 'support' | 'system';

export interface Actor {
  readonly kind: ActorKind;
  /** Entra object id for people, a job name for the system. */
  readonly id: string;
  readonly name?: string;
}

export const yesNoUnknown = ['yes', 'no', 'unknown'] as const;
export type YesNoUnknown = (typeof yesNoUnknown)[number];

export interface ReportedOffer {
  readonly name: string;
  /** The Marketplace offer id, e.g. contoso.contoso-waf. */
  readonly offerId: string;
}

export interface CvssRating {
  readonly version: '3.0' | '3.1' | '4.0';
  readonly vector: string;
  readonly baseScore: number;
}

export const fixKinds = ['full', 'partial', 'none'] as const;
export type FixKind = (typeof fixKinds)[number];

/** What the publisher reported (DESIGN.md steps 2–3); fixed at submission. */
export interface TicketReport {
  readonly title: string;
  readonly offers: readonly ReportedOffer[];
  readonly description: string;
  readonly discoveredOn?: string;
  readonly knownExploited: YesNoUnknown;
  readonly affected?: string;
  /** Incident only. */
  readonly incident?: {
    readonly dataOrSystems: string;
    readonly startedOn?: string;
    readonly ongoing: YesNoUnknown;
    /** Whether personal data is involved (GDPR Art. 33 may apply); absent where it was not asked. */
    readonly personalData?: YesNoUnknown;
  };
  /** Vulnerability only: at least one CVE id or a CVSS rating. */
  readonly vulnerability?: {
    readonly cveIds: readonly string[];
    readonly cvss?: CvssRating;
  };
  readonly fix:
    | { readonly kind: 'full' | 'partial'; readonly remediationSteps: string }
    | { readonly kind: 'none'; readonly expectedOn?: string };
  readonly customerMessage?: string;
}

/**
 * What the publisher added after submission (more detail, a revised CVSS vector, a new or changed
 * remediation, more offers). Kept beside the report, never written into it: what support saw stays.
 */
export interface ReportAddition {
  readonly at: string;
  readonly by: Actor;
  readonly detail?: string;
  readonly cvss?: CvssRating;
  readonly fix?: TicketReport['fix'];
  readonly offers?: readonly ReportedOffer[];
}

export interface OpenQuestion {
  readonly question: string;
  readonly askedAt: string;
  readonly askedBy: Actor;
}

export const closeReasons = ['resolved', 'duplicate', 'withdrawn'] as const;
export type CloseReason = (typeof closeReasons)[number];

export interface Ticket {
  readonly confirmationNumber: string;
  /** The publisher's organisation (Entra tenant id); a publisher sees only its own tenant's tickets. */
  readonly tenantId: string;
  readonly reporter: Actor;
  readonly category: Category;
  readonly report: TicketReport;
  readonly state: TicketState;
  readonly priority?: Priority;
  readonly severity?: Severity;
  readonly outcome?: Outcome;
  /** Questions support asked that the publisher has not answered yet (non-empty only while awaiting). */
  readonly openQuestions: readonly OpenQuestion[];
  /** What the publisher added after submission, oldest first (`currentReport` folds them in). */
  readonly additions: readonly ReportAddition[];
  readonly submittedAt: string;
  /** One business day after submission in the support calendar. */
  readonly ackDueAt: string;
  readonly acknowledgedAt?: string;
  /** When the overdue-acknowledgement alarm went off; it goes off once per ticket. */
  readonly ackOverdueAt?: string;
  /**
   * GDPR Art. 33: when the 72 hours to notify the supervisory authority run out, for an incident whose
   * report says personal data is involved (`breachDueAt` in breach-clock.ts, set when it is filed).
   */
  readonly breachDueAt?: string;
  /** When the publisher marked the authority notified ('breach_notification_done'). */
  readonly breachNotifiedAt?: string;
  /** When the one reminder before the deadline went out ('breach_reminder_due'). */
  readonly breachRemindedAt?: string;
  readonly closedAt?: string;
  readonly closeReason?: CloseReason;
  readonly updatedAt: string;
  /** Bumped once per applied command; the store's optimistic-concurrency check compares it. */
  readonly version: number;
}
