import type { CloseReason, Outcome, Priority, ReportedOffer, Severity, TicketReport } from './ticket';

/** What support, the publisher or the system can do to a ticket. Values are checked again at run time. */
export type TicketCommand =
  | { readonly type: 'acknowledge'; readonly priority: Priority; readonly severity: Severity }
  | { readonly type: 'change_priority'; readonly priority: Priority; readonly reason?: string }
  | { readonly type: 'change_severity'; readonly severity: Severity; readonly reason?: string }
  | { readonly type: 'start_assessment' }
  | { readonly type: 'ask_question'; readonly question: string }
  | { readonly type: 'answer_question'; readonly answer: string }
  | { readonly type: 'post_message'; readonly message: string }
  | { readonly type: 'set_outcome'; readonly outcome: Outcome }
  | {
      readonly type: 'close';
      /** Default 'resolved' (only after an outcome); 'duplicate' and 'withdrawn' close an open ticket early. */
      readonly reason?: CloseReason;
      readonly note?: string;
      /** Confirmation number of the ticket this one duplicates; required with reason 'duplicate'. */
      readonly duplicateOf?: string;
    }
  | { readonly type: 'mark_ack_overdue' }
  /** The publisher has notified the supervisory authority of the breach (GDPR Art. 33). */
  | { readonly type: 'mark_breach_notified' }
  /** The system's one reminder that the 72 hours to notify the authority are running out. */
  | { readonly type: 'remind_breach_notification' }
  /** The publisher adds to the report: at least one part. The CVSS vector is re-scored here. */
  | {
      readonly type: 'add_information';
      readonly detail?: string;
      readonly cvssVector?: string;
      readonly fix?: TicketReport['fix'];
      readonly offers?: readonly ReportedOffer[];
    }
  /** The publisher withdraws the report, saying why; it closes as 'withdrawn'. */
  | { readonly type: 'withdraw'; readonly reason: string };

export type TicketCommandType = TicketCommand['type'];
