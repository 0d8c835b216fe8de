import { assessCvss } from '../cvss/score-cvss';
import { breachReminderDecision } from './breach-clock';
import { normaliseConfirmationNumber } from './confirmation-number';
import { currentReport } from './current-report';
import { isRecord, readChoice, readText } from './read-fields';
import { readActor } from './read-actor';
import { readOutcome } from './read-outcome';
import { readFix, readOffers } from './read-report';
import { maxOffersPerReport, textLimits } from './text-limits';
import {
  closeReasons,
  priorities,
  severities,
  ticketStates,
  type Actor,
  type ActorKind,
  type CvssRating,
  type ReportedOffer,
  type Ticket,
  type TicketState,
} from './ticket';
import type { TicketCommand, TicketCommandType } from './ticket-commands';
import { afterAcknowledgement, applyEvents, openStates } from './apply-event';
import { failure, type TicketError, type TicketResult } from './ticket-errors';
import type { TicketEvent } from './ticket-events';

/**
 * The ticket's state machine (docs/decisions/ticket-lifecycle.md):
 * submitted → acknowledged → in_assessment ⇄ awaiting_publisher → outcome → closed.
 * - Only support acknowledges, and only a submitted ticket, always with priority and severity.
 * - Asking a question or setting the outcome on an acknowledged ticket starts the assessment implicitly
 *   (an 'assessment_started' event comes first, so the history never skips a state).
 * - Messages, from support or the publisher, never change the state; they are allowed until closed.
 * - The publisher's answer moves awaiting_publisher back to in_assessment and answers every open question.
 * - Priority and severity can change from acknowledgement until closing.
 * - An outcome is set from in_assessment or awaiting_publisher (or implicitly from acknowledged); to revise
 *   it, support reopens the assessment (start_assessment from outcome).
 * - Closing as 'resolved' needs an outcome; 'duplicate' (of another confirmation number) and 'withdrawn'
 *   close any open ticket. Publishers do not close: a withdrawal goes through support.
 * - Nothing changes a closed ticket.
 * - The system marks an unacknowledged ticket overdue once its due time has passed, once per ticket.
 * - GDPR Art. 33 (an incident with personal data): the publisher marks the authority notified, once; the
 *   system reminds once before the 72 hours run out (breach-clock.ts). Both in any state, closed included.
 */

const rules: Readonly<
  Record<
    TicketCommandType,
    {
      readonly actors: readonly ActorKind[];
      readonly from: readonly TicketState[];
      readonly to?: TicketState;
    }
  >
> = {
  acknowledge: { actors: ['support'], from: ['submitted'], to: 'acknowledged' },
  change_priority: { actors: ['support'], from: afterAcknowledgement },
  change_severity: { actors: ['support'], from: afterAcknowledgement },
  start_assessment: { actors: ['support'], from: ['acknowledged', 'outcome'], to: 'in_assessment' },
  ask_question: {
    actors: ['support'],
    from: ['acknowledged', 'in_assessment', 'awaiting_publisher'],
    to: 'awaiting_publisher',
  },
  answer_question: { actors: ['publisher'], from: ['awaiting_publisher'], to: 'in_assessment' },
  post_message: { actors: ['support', 'publisher'], from: openStates },
  set_outcome: {
    actors: ['support'],
    from: ['acknowledged', 'in_assessment', 'awaiting_publisher'],
    to: 'outcome',
  },
  close: { actors: ['support'], from: openStates, to: 'closed' },
  mark_ack_overdue: { actors: ['system'], from: ['submitted'] },
  mark_breach_notified: { actors: ['publisher'], from: ticketStates },
  remind_breach_notification: { actors: ['system'], from: ticketStates },
  add_information: { actors: ['publisher'], from: openStates },
  withdraw: { actors: ['publisher'], from: openStates, to: 'closed' },
};

const commandTypes = Object.keys(rules) as TicketCommandType[];

function isCommandType(value: unknown): value is TicketCommandType {
  return typeof value === 'string' && (commandTypes as string[]).includes(value);
}

/** The commands an actor of this kind may try on the ticket now (for showing only buttons that work). */
export function availableCommands(ticket: Pick<Ticket, 'state'>, actorKind: ActorKind): TicketCommandType[] {
  return commandTypes.filter(
    (type) => rules[type].actors.includes(actorKind) && rules[type].from.includes(ticket.state),
  );
}

/**
 * Applies one command: the changed ticket (version bumped) and the events to append to its history, or
 * the errors, each with a message key. Pure: the caller stores both in one transaction.
 */
export function applyCommand(ticket: Ticket, command: TicketCommand, actor: Actor, now: Date): TicketResult {
  if (Number.isNaN(now.getTime())) throw new RangeError('applyCommand: invalid time');
  const errors: TicketError[] = [];
  const who = readActor(actor, 'actor', errors);
  if (!who) return failure(errors);
  const input: Readonly<Record<string, unknown>> = isRecord(command) ? command : {};
  const type = input.type;
  if (!isCommandType(type)) {
    return failure([
      { key: 'ticket.command.unknown', command: typeof type === 'string' ? type.slice(0, 50) : '' },
    ]);
  }
  const rule = rules[type];
  if (!rule.actors.includes(who.kind))
    return failure([{ key: 'ticket.actor.notAllowed', command: type, actor: who.kind }]);
  const refused = failure([
    {
      key: 'ticket.transition.notAllowed',
      command: type,
      from: ticket.state,
      ...(rule.to ? { to: rule.to } : {}),
    },
  ]);
  if (!rule.from.includes(ticket.state)) return refused;

  const at = now.toISOString();
  const event = <E extends TicketEvent>(type: E['type'], data: E['data']): TicketEvent =>
    ({ type, actor: who, at, data }) as TicketEvent;
  // What the events do to the ticket is defined once, in apply-event.ts.
  const changed = (events: TicketEvent[]): TicketResult => {
    const next = applyEvents(ticket, events, at);
    return next ? { ok: true, ticket: next, events } : refused;
  };
  // Support working on an acknowledged ticket has started assessing it; the history says so first.
  const implicitStart =
    ticket.state === 'acknowledged' ? [event('assessment_started', { reopened: false })] : [];

  switch (type) {
    case 'acknowledge': {
      const priority = readChoice(input.priority, 'priority', priorities, errors);
      const severity = readChoice(input.severity, 'severity', severities, errors);
      if (!priority || !severity) return failure(errors);
      const late = at > ticket.ackDueAt;
      return changed([event('acknowledged', { priority, severity, late })]);
    }
    case 'change_priority': {
      const priority = readChoice(input.priority, 'priority', priorities, errors);
      const reason = readText(
        input.reason,
        'reason',
        { max: textLimits.changeReason, required: false },
        errors,
      );
      if (!priority || errors.length > 0) return failure(errors);
      if (!ticket.priority) return refused;
      if (priority === ticket.priority)
        return failure([{ key: 'ticket.field.unchanged', field: 'priority' }]);
      return changed([
        event('priority_changed', { from: ticket.priority, to: priority, ...(reason ? { reason } : {}) }),
      ]);
    }
    case 'change_severity': {
      const severity = readChoice(input.severity, 'severity', severities, errors);
      const reason = readText(
        input.reason,
        'reason',
        { max: textLimits.changeReason, required: false },
        errors,
      );
      if (!severity || errors.length > 0) return failure(errors);
      if (!ticket.severity) return refused;
      if (severity === ticket.severity)
        return failure([{ key: 'ticket.field.unchanged', field: 'severity' }]);
      return changed([
        event('severity_changed', { from: ticket.severity, to: severity, ...(reason ? { reason } : {}) }),
      ]);
    }
    case 'start_assessment': {
      return changed([event('assessment_started', { reopened: ticket.state === 'outcome' })]);
    }
    case 'ask_question': {
      const question = readText(
        input.question,
        'question',
        { max: textLimits.question, required: true },
        errors,
      );
      if (!question) return failure(errors);
      return changed([...implicitStart, event('question_asked', { question })]);
    }
    case 'answer_question': {
      const answer = readText(input.answer, 'answer', { max: textLimits.answer, required: true }, errors);
      if (!answer) return failure(errors);
      return changed([event('question_answered', { answer })]);
    }
    case 'post_message': {
      const message = readText(input.message, 'message', { max: textLimits.message, required: true }, errors);
      if (!message) return failure(errors);
      return changed([event('message_posted', { message })]);
    }
    case 'set_outcome': {
      const outcome = readOutcome(input.outcome, now, errors);
      if (!outcome) return failure(errors);
      return changed([...implicitStart, event('outcome_set', { outcome })]);
    }
    case 'close': {
      const reason =
        input.reason === undefined ? 'resolved' : readChoice(input.reason, 'reason', closeReasons, errors);
      const note = readText(input.note, 'note', { max: textLimits.note, required: false }, errors);
      const duplicateOf =
        reason === 'duplicate' ? readDuplicateOf(input.duplicateOf, ticket, errors) : undefined;
      if (reason !== 'duplicate' && input.duplicateOf !== undefined)
        errors.push({ key: 'ticket.field.invalid', field: 'duplicateOf' });
      if (!reason || errors.length > 0) return failure(errors);
      if (reason === 'resolved' && ticket.state !== 'outcome') return refused;
      return changed([
        event('closed', { reason, ...(note ? { note } : {}), ...(duplicateOf ? { duplicateOf } : {}) }),
      ]);
    }
    case 'add_information': {
      const data = readAddition(input, ticket, now, errors);
      if (!data) return failure(errors);
      return changed([event('information_added', data)]);
    }
    case 'withdraw': {
      const reason = readText(input.reason, 'reason', { max: textLimits.note, required: true }, errors);
      if (!reason) return failure(errors);
      return changed([event('closed', { reason: 'withdrawn', note: reason })]);
    }
    case 'mark_ack_overdue': {
      if (ticket.ackOverdueAt)
        return failure([{ key: 'ticket.ackOverdue.alreadyMarked', markedAt: ticket.ackOverdueAt }]);
      if (now.getTime() < Date.parse(ticket.ackDueAt))
        return failure([{ key: 'ticket.ackOverdue.notDue', dueAt: ticket.ackDueAt }]);
      return changed([event('ack_overdue', { dueAt: ticket.ackDueAt })]);
    }
    case 'mark_breach_notified': {
      if (!ticket.breachDueAt) return failure([{ key: 'ticket.breach.notApplicable' }]);
      if (ticket.breachNotifiedAt)
        return failure([{ key: 'ticket.breach.alreadyNotified', at: ticket.breachNotifiedAt }]);
      return changed([event('breach_notification_done', { dueAt: ticket.breachDueAt })]);
    }
    case 'remind_breach_notification': {
      const decision = breachReminderDecision(ticket, now);
      if (!decision.remind) return failure([{ key: 'ticket.breach.noReminder', reason: decision.reason }]);
      return changed([event('breach_reminder_due', { dueAt: decision.dueAt })]);
    }
  }
}

/** What `add_information` adds: at least one part, each checked as at submission, none a repeat. */
function readAddition(
  input: Readonly<Record<string, unknown>>,
  ticket: Ticket,
  now: Date,
  errors: TicketError[],
): Extract<TicketEvent, { type: 'information_added' }>['data'] | undefined {
  const before = errors.length;
  const current = currentReport(ticket);
  const detail = readText(input.detail, 'detail', { max: textLimits.description, required: false }, errors);
  let cvss: CvssRating | undefined;
  if (input.cvssVector !== undefined && input.cvssVector !== '') {
    const vector = readText(
      input.cvssVector,
      'cvssVector',
      { max: textLimits.cvssVector, required: true, singleLine: true },
      errors,
    );
    const assessed = vector === undefined ? undefined : assessCvss(vector);
    if (ticket.category !== 'vulnerability' || (assessed && !assessed.ok)) {
      errors.push({ key: 'ticket.field.invalid', field: 'cvssVector' });
    } else if (assessed?.ok) {
      const { version, vector: canonical, baseScore } = assessed.assessment;
      if (canonical === current.vulnerability?.cvss?.vector) {
        errors.push({ key: 'ticket.field.unchanged', field: 'cvssVector' });
      } else cvss = { version, vector: canonical, baseScore };
    }
  }
  const fix = input.fix === undefined ? undefined : readFix(input.fix, now, errors);
  let offers: ReportedOffer[] | undefined;
  if (input.offers !== undefined && !(Array.isArray(input.offers) && input.offers.length === 0)) {
    const read = readOffers(input.offers, errors);
    const fresh = read?.filter((offer) => !current.offers.some((known) => known.offerId === offer.offerId));
    if (read && fresh?.length === 0) errors.push({ key: 'ticket.field.unchanged', field: 'offers' });
    else if (fresh && current.offers.length + fresh.length > maxOffersPerReport) {
      errors.push({ key: 'ticket.field.tooMany', field: 'offers', max: maxOffersPerReport });
    } else offers = fresh;
  }
  if (errors.length > before) return undefined;
  if (!detail && !cvss && !fix && !offers) {
    errors.push({ key: 'ticket.field.required', field: 'information' });
    return undefined;
  }
  return {
    ...(detail ? { detail } : {}),
    ...(cvss ? { cvss } : {}),
    ...(fix ? { fix } : {}),
    ...(offers ? { offers } : {}),
  };
}

function readDuplicateOf(value: unknown, ticket: Ticket, errors: TicketError[]): string | undefined {
  if (value === undefined || value === null || value === '') {
    errors.push({ key: 'ticket.field.required', field: 'duplicateOf' });
    return undefined;
  }
  const number = typeof value === 'string' ? normaliseConfirmationNumber(value) : undefined;
  if (!number || number === ticket.confirmationNumber) {
    errors.push({ key: 'ticket.field.invalid', field: 'duplicateOf' });
    return undefined;
  }
  return number;
}
