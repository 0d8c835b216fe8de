import type { ActorKind, Ticket, TicketState } from './ticket';
import type { TicketEvent } from './ticket-events';

/** An error a person will read: a message key for i18n plus what the message needs. Never thrown. */
export type TicketError =
  | { readonly key: 'ticket.field.required'; readonly field: string }
  | {
      readonly key: 'ticket.field.tooLong';
      readonly field: string;
      readonly max: number;
      /** How long it was, in the same units (code points after cleaning). */
      readonly length?: number;
    }
  | { readonly key: 'ticket.field.tooMany'; readonly field: string; readonly max: number }
  | { readonly key: 'ticket.field.invalid'; readonly field: string }
  | { readonly key: 'ticket.field.unchanged'; readonly field: string }
  | { readonly key: 'ticket.date.inPast'; readonly field: string }
  | { readonly key: 'ticket.date.inFuture'; readonly field: string }
  | { readonly key: 'ticket.command.unknown'; readonly command: string }
  | { readonly key: 'ticket.actor.notAllowed'; readonly command: string; readonly actor: ActorKind }
  | {
      readonly key: 'ticket.transition.notAllowed';
      readonly command: string;
      readonly from: TicketState;
      readonly to?: TicketState;
    }
  | { readonly key: 'ticket.ackOverdue.notDue'; readonly dueAt: string }
  | { readonly key: 'ticket.ackOverdue.alreadyMarked'; readonly markedAt: string }
  /** The 72-hour clock does not run for this ticket (not an incident with personal data involved). */
  | { readonly key: 'ticket.breach.notApplicable' }
  | { readonly key: 'ticket.breach.alreadyNotified'; readonly at: string }
  | {
      readonly key: 'ticket.breach.noReminder';
      readonly reason: 'notApplicable' | 'notified' | 'reminded' | 'notYet' | 'passed' | 'filedLate';
    };

export type TicketErrorKey = TicketError['key'];

/** Every field error at once, so a card can show each next to its field; `error` is the first of them. */
export type TicketResult =
  | { readonly ok: true; readonly ticket: Ticket; readonly events: readonly TicketEvent[] }
  | {
      readonly ok: false;
      readonly error: TicketError;
      readonly errors: readonly [TicketError, ...TicketError[]];
    };

export function failure(errors: readonly TicketError[]): Extract<TicketResult, { ok: false }> {
  const [first, ...rest] = errors;
  if (!first) throw new Error('failure() needs at least one error');
  return { ok: false, error: first, errors: [first, ...rest] };
}
