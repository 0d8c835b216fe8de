import { applyCommand, textLimits, type Ticket, type TicketResult } from '../../../../src/domain/ticket';
import { analyst, publisher, submittedAt, submittedTicket, system, ticketIn } from './ticket-fixtures';

const now = new Date('2026-06-10T18:00:00.000Z');
const at = now.toISOString();

function accepted(result: TicketResult) {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
  return result;
}
function refused(result: TicketResult) {
  if (result.ok) throw new Error('expected the command to be refused');
  return result.errors;
}

describe('acknowledging a report', () => {
  it('assigns priority and severity and records when', () => {
    const { ticket, events } = accepted(
      applyCommand(
        submittedTicket(),
        { type: 'acknowledge', priority: 'P2', severity: 'High' },
        analyst,
        now,
      ),
    );
    expect(ticket).toMatchObject({
      state: 'acknowledged',
      priority: 'P2',
      severity: 'High',
      acknowledgedAt: at,
    });
    expect(events).toEqual([
      { type: 'acknowledged', actor: analyst, at, data: { priority: 'P2', severity: 'High', late: false } },
    ]);
  });

  it('says when the acknowledgement came after its due time', () => {
    const afterDue = new Date(submittedAt.getTime() + 86_400_000 + 1000);
    const { events } = accepted(
      applyCommand(
        submittedTicket(),
        { type: 'acknowledge', priority: 'P3', severity: 'Low' },
        analyst,
        afterDue,
      ),
    );
    expect(events[0]).toMatchObject({ type: 'acknowledged', data: { late: true } });
  });

  it('needs both a priority and a severity from the scales', () => {
    const errors = refused(
      applyCommand(submittedTicket(), { type: 'acknowledge', priority: 'P5' } as never, analyst, now),
    );
    expect(errors).toEqual([
      { key: 'ticket.field.invalid', field: 'priority' },
      { key: 'ticket.field.required', field: 'severity' },
    ]);
    const none = refused(
      applyCommand(
        submittedTicket(),
        { type: 'acknowledge', priority: 'P1', severity: 'None' } as never,
        analyst,
        now,
      ),
    );
    expect(none).toEqual([{ key: 'ticket.field.invalid', field: 'severity' }]);
  });
});

describe('changing priority and severity', () => {
  it('records the old and new value and the reason', () => {
    const { ticket, events } = accepted(
      applyCommand(
        ticketIn('in_assessment'),
        { type: 'change_priority', priority: 'P1', reason: ' Exploited ' },
        analyst,
        now,
      ),
    );
    expect(ticket.priority).toBe('P1');
    expect(events).toEqual([
      { type: 'priority_changed', actor: analyst, at, data: { from: 'P2', to: 'P1', reason: 'Exploited' } },
    ]);
    const severity = accepted(
      applyCommand(ticketIn('outcome'), { type: 'change_severity', severity: 'Medium' }, analyst, now),
    );
    expect(severity.ticket.severity).toBe('Medium');
    expect(severity.events[0]).toMatchObject({
      type: 'severity_changed',
      data: { from: 'High', to: 'Medium' },
    });
  });

  it('refuses a "change" to the same value, which would only add noise to the history', () => {
    expect(
      refused(
        applyCommand(ticketIn('acknowledged'), { type: 'change_severity', severity: 'High' }, analyst, now),
      ),
    ).toEqual([{ key: 'ticket.field.unchanged', field: 'severity' }]);
  });
});

describe('questions and answers', () => {
  it('asking on an acknowledged ticket starts the assessment first, then waits for the publisher', () => {
    const { ticket, events } = accepted(
      applyCommand(
        ticketIn('acknowledged'),
        { type: 'ask_question', question: 'Which versions?' },
        analyst,
        now,
      ),
    );
    expect(ticket.state).toBe('awaiting_publisher');
    expect(ticket.openQuestions).toEqual([{ question: 'Which versions?', askedAt: at, askedBy: analyst }]);
    expect(events.map((e) => e.type)).toEqual(['assessment_started', 'question_asked']);
    expect(events[0]).toMatchObject({ data: { reopened: false } });
  });

  it('a second question while waiting keeps waiting and keeps both questions', () => {
    const { ticket, events } = accepted(
      applyCommand(
        ticketIn('awaiting_publisher'),
        { type: 'ask_question', question: 'And on Linux?' },
        analyst,
        now,
      ),
    );
    expect(ticket.state).toBe('awaiting_publisher');
    expect(ticket.openQuestions.map((q) => q.question)).toEqual([
      'Which versions are affected?',
      'And on Linux?',
    ]);
    expect(events.map((e) => e.type)).toEqual(['question_asked']);
  });

  it("the publisher's answer resumes the assessment and answers every open question", () => {
    const { ticket, events } = accepted(
      applyCommand(
        ticketIn('awaiting_publisher'),
        { type: 'answer_question', answer: '2.3 and 2.4' },
        publisher,
        now,
      ),
    );
    expect(ticket.state).toBe('in_assessment');
    expect(ticket.openQuestions).toEqual([]);
    expect(events).toEqual([
      { type: 'question_answered', actor: publisher, at, data: { answer: '2.3 and 2.4' } },
    ]);
  });

  it('a message while waiting does not count as the answer', () => {
    const { ticket, events } = accepted(
      applyCommand(
        ticketIn('awaiting_publisher'),
        { type: 'post_message', message: 'Checking, back soon.' },
        publisher,
        now,
      ),
    );
    expect(ticket.state).toBe('awaiting_publisher');
    expect(ticket.openQuestions).toHaveLength(1);
    expect(events).toEqual([
      { type: 'message_posted', actor: publisher, at, data: { message: 'Checking, back soon.' } },
    ]);
  });

  it('a support message right after submission does not acknowledge the report', () => {
    const { ticket } = accepted(
      applyCommand(submittedTicket(), { type: 'post_message', message: 'Received, triaging.' }, analyst, now),
    );
    expect(ticket.state).toBe('submitted');
    expect(ticket.priority).toBeUndefined();
  });

  it('refuses empty and overlong text', () => {
    expect(
      refused(
        applyCommand(ticketIn('in_assessment'), { type: 'ask_question', question: ' \n ' }, analyst, now),
      ),
    ).toEqual([{ key: 'ticket.field.required', field: 'question' }]);
    const long = 'a'.repeat(textLimits.answer + 1);
    expect(
      refused(
        applyCommand(
          ticketIn('awaiting_publisher'),
          { type: 'answer_question', answer: long },
          publisher,
          now,
        ),
      ),
    ).toEqual([
      { key: 'ticket.field.tooLong', field: 'answer', max: textLimits.answer, length: [...long].length },
    ]);
  });
});

describe('setting the outcome', () => {
  it('records a requested change with what and by when', () => {
    const outcome = {
      kind: 'change_requested',
      summary: 'The offer must stop shipping the vulnerable library.',
      whatMustChange: 'Upgrade log4j to 2.17.1 or later.',
      dueBy: '2026-07-01',
    } as const;
    const { ticket, events } = accepted(
      applyCommand(ticketIn('in_assessment'), { type: 'set_outcome', outcome }, analyst, now),
    );
    expect(ticket.state).toBe('outcome');
    expect(ticket.outcome).toEqual(outcome);
    expect(events).toEqual([{ type: 'outcome_set', actor: analyst, at, data: { outcome } }]);
  });

  it('records a temporary removal with the way back', () => {
    const outcome = {
      kind: 'offer_removed',
      summary: 'Removed from the marketplace.',
      removal: 'temporary',
      reason: 'Actively exploited.',
      restoreSteps: 'Publish a fixed version and ask us to review.',
    } as const;
    const { ticket } = accepted(
      applyCommand(ticketIn('awaiting_publisher'), { type: 'set_outcome', outcome }, analyst, now),
    );
    expect(ticket.outcome).toEqual(outcome);
    expect(ticket.openQuestions).toEqual([]);
  });

  it('keeps no restore steps for a permanent removal', () => {
    const outcome = {
      kind: 'offer_removed',
      summary: 'Removed.',
      removal: 'permanent',
      reason: 'Malware.',
      restoreSteps: 'None.',
    } as const;
    const { ticket } = accepted(
      applyCommand(ticketIn('in_assessment'), { type: 'set_outcome', outcome }, analyst, now),
    );
    expect(ticket.outcome).toEqual({
      kind: 'offer_removed',
      summary: 'Removed.',
      removal: 'permanent',
      reason: 'Malware.',
    });
  });

  it('setting it on an acknowledged ticket starts the assessment first', () => {
    const { events } = accepted(
      applyCommand(
        ticketIn('acknowledged'),
        { type: 'set_outcome', outcome: { kind: 'mitigated', summary: 'Fixed.' } },
        analyst,
        now,
      ),
    );
    expect(events.map((e) => e.type)).toEqual(['assessment_started', 'outcome_set']);
  });

  it.each([
    [{ kind: 'mitigated' }, [{ key: 'ticket.field.required', field: 'outcome.summary' }]],
    [{ kind: 'banned', summary: 'x' }, [{ key: 'ticket.field.invalid', field: 'outcome.kind' }]],
    [
      { kind: 'change_requested', summary: 'x', dueBy: '2026-06-01' },
      [
        { key: 'ticket.field.required', field: 'outcome.whatMustChange' },
        { key: 'ticket.date.inPast', field: 'outcome.dueBy' },
      ],
    ],
    [
      { kind: 'change_requested', summary: 'x', whatMustChange: 'y', dueBy: '1 July' },
      [{ key: 'ticket.field.invalid', field: 'outcome.dueBy' }],
    ],
    [
      { kind: 'offer_removed', summary: 'x', removal: 'forever' },
      [
        { key: 'ticket.field.invalid', field: 'outcome.removal' },
        { key: 'ticket.field.required', field: 'outcome.reason' },
      ],
    ],
    [undefined, [{ key: 'ticket.field.required', field: 'outcome' }]],
  ])('refuses %j', (outcome, errors) => {
    expect(
      refused(
        applyCommand(ticketIn('in_assessment'), { type: 'set_outcome', outcome } as never, analyst, now),
      ),
    ).toEqual(errors);
  });

  it('can be revised by reopening the assessment, which clears the current outcome', () => {
    const { ticket, events } = accepted(
      applyCommand(ticketIn('outcome'), { type: 'start_assessment' }, analyst, now),
    );
    expect(ticket.state).toBe('in_assessment');
    expect(ticket.outcome).toBeUndefined();
    expect('outcome' in ticket).toBe(false);
    expect(events).toEqual([{ type: 'assessment_started', actor: analyst, at, data: { reopened: true } }]);
  });
});

describe('closing', () => {
  it('closes a ticket with an outcome as resolved, with an optional note', () => {
    const { ticket, events } = accepted(
      applyCommand(ticketIn('outcome'), { type: 'close', note: 'Thanks!' }, analyst, now),
    );
    expect(ticket).toMatchObject({ state: 'closed', closedAt: at, closeReason: 'resolved' });
    expect(events).toEqual([
      { type: 'closed', actor: analyst, at, data: { reason: 'resolved', note: 'Thanks!' } },
    ]);
  });

  it('will not close an open assessment as resolved', () => {
    expect(refused(applyCommand(ticketIn('in_assessment'), { type: 'close' }, analyst, now))).toEqual([
      { key: 'ticket.transition.notAllowed', command: 'close', from: 'in_assessment', to: 'closed' },
    ]);
  });

  it('closes a duplicate early, naming the ticket it duplicates', () => {
    const { ticket, events } = accepted(
      applyCommand(
        submittedTicket(),
        { type: 'close', reason: 'duplicate', duplicateOf: 'sec-2345-6789' },
        analyst,
        now,
      ),
    );
    expect(ticket.closeReason).toBe('duplicate');
    expect(events[0]).toMatchObject({ data: { reason: 'duplicate', duplicateOf: 'SEC-2345-6789' } });
  });

  it.each([
    [{ reason: 'duplicate' }, [{ key: 'ticket.field.required', field: 'duplicateOf' }]],
    [
      { reason: 'duplicate', duplicateOf: 'SEC-7K3M-9QXD' },
      [{ key: 'ticket.field.invalid', field: 'duplicateOf' }],
    ],
    [
      { reason: 'duplicate', duplicateOf: 'SEC-0000-0000' },
      [{ key: 'ticket.field.invalid', field: 'duplicateOf' }],
    ],
    [
      { reason: 'withdrawn', duplicateOf: 'SEC-2345-6789' },
      [{ key: 'ticket.field.invalid', field: 'duplicateOf' }],
    ],
    [{ reason: 'spam' }, [{ key: 'ticket.field.invalid', field: 'reason' }]],
  ])('refuses closing with %j', (fields, errors) => {
    expect(
      refused(applyCommand(ticketIn('acknowledged'), { type: 'close', ...fields } as never, analyst, now)),
    ).toEqual(errors);
  });

  it('clears open questions when a withdrawn report is closed', () => {
    const { ticket } = accepted(
      applyCommand(ticketIn('awaiting_publisher'), { type: 'close', reason: 'withdrawn' }, analyst, now),
    );
    expect(ticket.openQuestions).toEqual([]);
  });
});

describe('the overdue acknowledgement alarm', () => {
  const due = new Date(submittedAt.getTime() + 86_400_000);

  it('goes off once the due time has passed', () => {
    const { ticket, events } = accepted(
      applyCommand(submittedTicket(), { type: 'mark_ack_overdue' }, system, due),
    );
    expect(ticket.ackOverdueAt).toBe(due.toISOString());
    expect(ticket.state).toBe('submitted');
    expect(events).toEqual([
      { type: 'ack_overdue', actor: system, at: due.toISOString(), data: { dueAt: due.toISOString() } },
    ]);
  });

  it('does not go off early', () => {
    const early = new Date(due.getTime() - 1);
    expect(refused(applyCommand(submittedTicket(), { type: 'mark_ack_overdue' }, system, early))).toEqual([
      { key: 'ticket.ackOverdue.notDue', dueAt: due.toISOString() },
    ]);
  });

  it('goes off only once per ticket', () => {
    const { ticket } = accepted(applyCommand(submittedTicket(), { type: 'mark_ack_overdue' }, system, due));
    expect(
      refused(applyCommand(ticket, { type: 'mark_ack_overdue' }, system, new Date(due.getTime() + 60_000))),
    ).toEqual([{ key: 'ticket.ackOverdue.alreadyMarked', markedAt: due.toISOString() }]);
  });

  it('does not go off for an acknowledged ticket', () => {
    const errors = refused(applyCommand(ticketIn('acknowledged'), { type: 'mark_ack_overdue' }, system, due));
    expect(errors[0]).toMatchObject({ key: 'ticket.transition.notAllowed', from: 'acknowledged' });
  });
});

describe('what applying a command guarantees', () => {
  it('never changes the ticket it was given', () => {
    const ticket = ticketIn('awaiting_publisher');
    const before: Ticket = structuredClone(ticket);
    applyCommand(ticket, { type: 'answer_question', answer: 'Done' }, publisher, now);
    applyCommand(
      ticket,
      { type: 'set_outcome', outcome: { kind: 'mitigated', summary: 'Fixed' } },
      analyst,
      now,
    );
    expect(ticket).toEqual(before);
  });

  it('answers garbage with error values, never by throwing', () => {
    const garbage: unknown[] = [
      { type: 'acknowledge', priority: { toString: () => 'P1' }, severity: ['High'] },
      { type: 'ask_question', question: 12 },
      { type: 'set_outcome', outcome: 'mitigated' },
      {
        type: 'set_outcome',
        outcome: { kind: 'change_requested', summary: 'x', whatMustChange: 'y', dueBy: 20260701 },
      },
      { type: 'close', reason: null, note: {} },
      { type: 'change_priority', priority: 'P1', reason: 'r'.repeat(10_000) },
    ];
    for (const command of garbage) {
      for (const state of ['submitted', 'acknowledged', 'in_assessment', 'outcome'] as const) {
        const result = applyCommand(ticketIn(state), command as never, analyst, now);
        expect(result.ok).toBe(false);
      }
    }
  });
});
