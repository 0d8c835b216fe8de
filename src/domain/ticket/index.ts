export { applyCommand, availableCommands } from './apply-command';
export { applyEvent, applyEvents, eventAllowedFrom } from './apply-event';
export { currentReport, suggestedSeverity } from './current-report';
export {
  breachClock,
  breachDueAt,
  breachReminderDecision,
  breachReminderLeadHours,
  type BreachClock,
  type BreachClockStatus,
} from './breach-clock';
export {
  confirmationAlphabet,
  confirmationPrefix,
  findConfirmationNumber,
  generateConfirmationNumber,
  isConfirmationNumber,
  normaliseConfirmationNumber,
  type RandomInt,
} from './confirmation-number';
export { createTicket, type ConfirmationNumberGenerator, type NewTicketInput } from './create-ticket';
export { cleanText } from './read-fields';
export { maxCveIdsPerReport, maxOffersPerReport, textLimits } from './text-limits';
export {
  categories,
  closeReasons,
  fixKinds,
  outcomeKinds,
  priorities,
  severities,
  ticketStates,
  yesNoUnknown,
  type Actor,
  type ActorKind,
  type Category,
  type CloseReason,
  type CvssRating,
  type FixKind,
  type OpenQuestion,
  type Outcome,
  type OutcomeKind,
  type Priority,
  type ReportAddition,
  type ReportedOffer,
  type Severity,
  type Ticket,
  type TicketReport,
  type TicketState,
  type YesNoUnknown,
} from './ticket';
export type { TicketCommand, TicketCommandType } from './ticket-commands';
export { type TicketError, type TicketErrorKey, type TicketResult } from './ticket-errors';
export {
  ticketEventTypes,
  type CustomerDraftRef,
  type TicketEvent,
  type TicketEventType,
} from './ticket-events';
export type { EvidenceFileFact } from './ticket-events';
