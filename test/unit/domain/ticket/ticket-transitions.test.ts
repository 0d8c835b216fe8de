import {
  applyCommand,
  availableCommands,
  ticketStates,
  type Actor,
  type TicketCommand,
  type TicketCommandType,
  type TicketResult,
  type TicketState,
} from '../../../../src/domain/ticket';
import { analyst, deepFreeze, publisher, system, ticketIn } from './ticket-fixtures';

const now = new Date('2026-06-10T18:00:00.000Z');

/** One valid example of each command, with the actor kind that may send it. */
const examples: Record<TicketCommandType, [TicketCommand, Actor]> = {
  acknowledge: [{ type: 'acknowledge', priority: 'P1', severity: 'Critical' }, analyst],
  change_priority: [{ type: 'change_priority', priority: 'P1' }, analyst],
  change_severity: [{ type: 'change_severity', severity: 'Critical' }, analyst],
  start_assessment: [{ type: 'start_assessment' }, analyst],
  ask_question: [{ type: 'ask_question', question: 'Is 2.3 affected too?' }, analyst],
  answer_question: [{ type: 'answer_question', answer: 'Yes, 2.3 and 2.4.' }, publisher],
  post_message: [{ type: 'post_message', message: 'We are looking at it.' }, analyst],
  set_outcome: [
    { type: 'set_outcome', outcome: { kind: 'no_action_needed', summary: 'Not exploitable.' } },
    analyst,
  ],
  close: [{ type: 'close', reason: 'withdrawn' }, analyst],
  mark_ack_overdue: [{ type: 'mark_ack_overdue' }, system],
  add_information: [{ type: 'add_information', detail: 'Version 2.4 is affected as well.' }, publisher],
  withdraw: [{ type: 'withdraw', reason: 'Filed for the wrong offer.' }, publisher],
  mark_breach_notified: [{ type: 'mark_breach_notified' }, publisher],
  remind_breach_notification: [{ type: 'remind_breach_notification' }, system],
};

/** The 72-hour clock's commands hang on the report, not the state (test/unit/domain/ticket/breach-clock.test.ts). */
const breachCommands: readonly TicketCommandType[] = ['mark_breach_notified', 'remind_breach_notification'];

/** The lifecycle of docs/decisions/ticket-lifecycle.md, written out by hand: command → state it leads to, per state. */
const expected: Record<TicketState, Partial<Record<TicketCommandType, TicketState>>> = {
  submitted: {
    add_information: 'submitted',
    withdraw: 'closed',
    acknowledge: 'acknowledged',
    post_message: 'submitted',
    close: 'closed',
  },
  acknowledged: {
    add_information: 'acknowledged',
    withdraw: 'closed',
    change_priority: 'acknowledged',
    change_severity: 'acknowledged',
    start_assessment: 'in_assessment',
    ask_question: 'awaiting_publisher',
    post_message: 'acknowledged',
    set_outcome: 'outcome',
    close: 'closed',
  },
  in_assessment: {
    add_information: 'in_assessment',
    withdraw: 'closed',
    change_priority: 'in_assessment',
    change_severity: 'in_assessment',
    ask_question: 'awaiting_publisher',
    post_message: 'in_assessment',
    set_outcome: 'outcome',
    close: 'closed',
  },
  awaiting_publisher: {
    add_information: 'awaiting_publisher',
    withdraw: 'closed',
    change_priority: 'awaiting_publisher',
    change_severity: 'awaiting_publisher',
    ask_question: 'awaiting_publisher',
    answer_question: 'in_assessment',
    post_message: 'awaiting_publisher',
    set_outcome: 'outcome',
    close: 'closed',
  },
  outcome: {
    add_information: 'outcome',
    withdraw: 'closed',
    change_priority: 'outcome',
    change_severity: 'outcome',
    start_assessment: 'in_assessment',
    post_message: 'outcome',
    close: 'closed',
  },
  closed: {},
};

const transitions = ticketStates.flatMap((state) =>
  (Object.keys(examples) as TicketCommandType[])
    .filter((type) => type !== 'mark_ack_overdue' && !breachCommands.includes(type))
    .map((type) => ({ state, type, to: expected[state][type] })),
);

function rejected(result: TicketResult) {
  if (result.ok) throw new Error('expected the command to be refused');
  return result.error;
}

describe('ticket transitions', () => {
  it.each(transitions.filter((t) => t.to))('$type from $state leads to $to', ({ state, type, to }) => {
    const ticket = deepFreeze(ticketIn(state));
    const [command, actor] = examples[type];
    const result = applyCommand(ticket, command, actor, now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ticket.state).toBe(to);
    expect(result.ticket.version).toBe(ticket.version + 1);
    expect(result.ticket.updatedAt).toBe(now.toISOString());
    expect(result.events.length).toBeGreaterThan(0);
    expect(result.events.every((e) => e.at === now.toISOString())).toBe(true);
  });

  it.each(transitions.filter((t) => !t.to))('$type from $state is refused', ({ state, type }) => {
    const ticket = ticketIn(state);
    const [command, actor] = examples[type];
    const error = rejected(applyCommand(ticket, command, actor, now));
    expect(error).toMatchObject({ key: 'ticket.transition.notAllowed', command: type, from: state });
  });

  it('offers exactly the commands the lifecycle allows, per actor', () => {
    for (const state of ticketStates) {
      const ticket = { state };
      const publisherOnly = ['answer_question', 'add_information', 'withdraw'];
      const expectedSupport = Object.keys(expected[state]).filter((t) => !publisherOnly.includes(t));
      expect(availableCommands(ticket, 'support').sort()).toEqual(expectedSupport.sort());
      expect(availableCommands(ticket, 'publisher').sort()).toEqual(
        Object.keys(expected[state])
          .filter((t) => publisherOnly.includes(t) || t === 'post_message')
          .concat('mark_breach_notified')
          .sort(),
      );
    }
  });

  it('names the target state when a transition is refused', () => {
    expect(rejected(applyCommand(ticketIn('acknowledged'), examples.acknowledge[0], analyst, now))).toEqual({
      key: 'ticket.transition.notAllowed',
      command: 'acknowledge',
      from: 'acknowledged',
      to: 'acknowledged',
    });
  });

  it('changes nothing once closed, not even a message from the publisher', () => {
    const closed = ticketIn('closed');
    for (const [command, actor] of Object.values(examples)) {
      expect(applyCommand(closed, command, actor, now).ok).toBe(false);
    }
    expect(
      rejected(applyCommand(closed, { type: 'post_message', message: 'Hello?' }, publisher, now)),
    ).toEqual({
      key: 'ticket.transition.notAllowed',
      command: 'post_message',
      from: 'closed',
    });
  });
});

describe('who may do what', () => {
  it.each([
    ['a publisher acknowledging', 'acknowledge', publisher],
    ['a publisher setting the outcome', 'set_outcome', publisher],
    ['a publisher closing', 'close', publisher],
    ['support answering its own question', 'answer_question', analyst],
    ['the system posting a message', 'post_message', system],
    ['support marking acknowledgement overdue', 'mark_ack_overdue', analyst],
  ] as const)('refuses %s', (_what, type, actor) => {
    const [command] = examples[type];
    expect(rejected(applyCommand(ticketIn('awaiting_publisher'), command, actor, now))).toEqual({
      key: 'ticket.actor.notAllowed',
      command: type,
      actor: actor.kind,
    });
  });

  it('refuses an actor without an id', () => {
    const error = rejected(
      applyCommand(ticketIn('submitted'), examples.acknowledge[0], { kind: 'support', id: ' ' }, now),
    );
    expect(error).toEqual({ key: 'ticket.field.required', field: 'actor.id' });
  });

  it('refuses a command it does not know, without throwing', () => {
    for (const junk of [{ type: 'delete_everything' }, { type: 42 }, null, 'close', []]) {
      const result = applyCommand(ticketIn('submitted'), junk as unknown as TicketCommand, analyst, now);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.key).toBe('ticket.command.unknown');
    }
  });
});
