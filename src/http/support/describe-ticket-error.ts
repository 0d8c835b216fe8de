import type { TicketError } from '../../domain/ticket';

/** An API problem for one domain error: the field at fault, the message key and an English message. */
export interface ApiProblem {
  readonly field: string;
  readonly key?: string;
  readonly message: string;
}

export function describeTicketError(error: TicketError): ApiProblem {
  switch (error.key) {
    case 'ticket.field.required':
      return { field: error.field, key: error.key, message: 'is required' };
    case 'ticket.field.tooLong':
      return {
        field: error.field,
        key: error.key,
        message: `is longer than ${error.max} characters${error.length ? ` (it has ${error.length})` : ''}`,
      };
    case 'ticket.field.tooMany':
      return { field: error.field, key: error.key, message: `has more than ${error.max} entries` };
    case 'ticket.field.invalid':
      return { field: error.field, key: error.key, message: 'is not valid' };
    case 'ticket.field.unchanged':
      return { field: error.field, key: error.key, message: 'already has this value' };
    case 'ticket.date.inPast':
      return { field: error.field, key: error.key, message: 'must not be in the past' };
    case 'ticket.date.inFuture':
      return { field: error.field, key: error.key, message: 'must not be in the future' };
    case 'ticket.command.unknown':
      return { field: 'type', key: error.key, message: `unknown command ${error.command}` };
    case 'ticket.actor.notAllowed':
      return { field: 'actor', key: error.key, message: `a ${error.actor} may not ${error.command}` };
    case 'ticket.transition.notAllowed':
      return {
        field: 'state',
        key: error.key,
        message: `${error.command} is not allowed from ${error.from}`,
      };
    case 'ticket.ackOverdue.notDue':
    case 'ticket.ackOverdue.alreadyMarked':
    case 'ticket.breach.notApplicable':
    case 'ticket.breach.alreadyNotified':
    case 'ticket.breach.noReminder':
      return { field: 'state', key: error.key, message: 'not applicable' };
  }
}

/** A refusal by the state machine is a 409 when it is about the ticket's state, a 400 when about the input. */
export function isStateRefusal(error: TicketError): boolean {
  return (
    error.key === 'ticket.transition.notAllowed' ||
    error.key === 'ticket.actor.notAllowed' ||
    error.key === 'ticket.ackOverdue.notDue' ||
    error.key === 'ticket.ackOverdue.alreadyMarked' ||
    error.key.startsWith('ticket.breach.')
  );
}
