import type { CloseReason, Outcome, Priority, Severity } from './ticket';

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
  | { readonly type: 'mark_ack_overdue' };

export type TicketCommandType = TicketCommand['type'];
