import {
  applyCommand,
  breachClock,
  breachDueAt,
  breachReminderDecision,
  createTicket,
  type Ticket,
  type TicketCommand,
} from '../../../../src/domain/ticket';
import { dayLaterCalendar, fixedNumber, incidentInput, publisher, system } from './ticket-fixtures';

/** An incident discovered on 2 December 2026 with personal data involved, filed at `filedAt` by a Berlin publisher. */
function breachTicket(filedAt: string, personalData: 'yes' | 'no' | 'unknown' = 'yes'): Ticket {
  const input = incidentInput();
  const report = {
    ...input.report,
    discoveredOn: '2026-12-02',
    incident: {
      dataOrSystems: 'Customer e-mail addresses',
      startedOn: '2026-12-01',
      ongoing: 'no' as const,
      personalData,
    },
  };
  const result = createTicket({ ...input, report }, new Date(filedAt), fixedNumber, dayLaterCalendar);
  if (!result.ok) throw new Error('fixture invalid');
  // The store sets the deadline when the ticket is filed (ticket-store.ts insertNew).
  const dueAt = breachDueAt(result.ticket, 'Europe/Berlin');
  return { ...result.ticket, ...(dueAt ? { breachDueAt: dueAt } : {}) };
}

function apply(ticket: Ticket, command: TicketCommand, at: string, actor = system) {
  return applyCommand(ticket, command, actor, new Date(at));
}

describe('the GDPR Art. 33 deadline', () => {
  test('is 72 hours from the start of the day of discovery where the publisher is', () => {
    // 2 December 00:00 in Berlin is 1 December 23:00 UTC.
    expect(breachTicket('2026-12-02T09:00:00.000Z').breachDueAt).toBe('2026-12-04T23:00:00.000Z');
    const ticket = breachTicket('2026-12-02T09:00:00.000Z');
    expect(breachDueAt(ticket, undefined)).toBe('2026-12-05T00:00:00.000Z');
    expect(breachDueAt(ticket, 'Not/AZone')).toBe('2026-12-05T00:00:00.000Z');
  });

  test('counts from the start of the incident when there is no date of discovery', () => {
    const ticket = breachTicket('2026-12-02T09:00:00.000Z');
    const { discoveredOn: _none, ...report } = ticket.report;
    expect(breachDueAt({ ...ticket, report }, 'UTC')).toBe('2026-12-04T00:00:00.000Z');
    expect(breachClock({ ...ticket, report }, new Date('2026-12-02T09:00:00Z'))?.from).toBe('start');
  });

  test.each(['no', 'unknown'] as const)(
    'does not run when personal data is %s, nor for a vulnerability',
    (answer) => {
      const ticket = breachTicket('2026-12-02T09:00:00.000Z', answer);
      expect(ticket.breachDueAt).toBeUndefined();
      expect(
        breachDueAt({ ...ticket, category: 'vulnerability', report: { ...ticket.report } }, 'UTC'),
      ).toBeUndefined();
      expect(breachReminderDecision(ticket, new Date('2026-12-04T12:00:00Z'))).toEqual({
        remind: false,
        reason: 'notApplicable',
      });
    },
  );

  test('is running until the hours are over, then passed; marked done it is notified', () => {
    const ticket = breachTicket('2026-12-02T09:00:00.000Z');
    expect(breachClock(ticket, new Date('2026-12-04T22:59:59.999Z'))?.status).toBe('running');
    expect(breachClock(ticket, new Date('2026-12-04T23:00:00.000Z'))?.status).toBe('passed');
    const marked = apply(ticket, { type: 'mark_breach_notified' }, '2026-12-03T10:00:00.000Z', publisher);
    if (!marked.ok) throw new Error('mark refused');
    expect(marked.ticket.breachNotifiedAt).toBe('2026-12-03T10:00:00.000Z');
    expect(breachClock(marked.ticket, new Date('2026-12-06T00:00:00Z'))?.status).toBe('notified');
  });
});

describe('the one reminder before the deadline', () => {
  const filed = breachTicket('2026-12-02T09:00:00.000Z');

  test('is not due before 24 hours before the deadline, and due from then until it', () => {
    expect(breachReminderDecision(filed, new Date('2026-12-03T22:59:59.999Z'))).toEqual({
      remind: false,
      reason: 'notYet',
    });
    expect(breachReminderDecision(filed, new Date('2026-12-03T23:00:00.000Z'))).toEqual({
      remind: true,
      dueAt: '2026-12-04T23:00:00.000Z',
    });
    expect(breachReminderDecision(filed, new Date('2026-12-04T23:00:00.000Z'))).toEqual({
      remind: false,
      reason: 'passed',
    });
  });

  test('is due at once for a ticket filed within the last day before the deadline', () => {
    const late = breachTicket('2026-12-04T08:00:00.000Z');
    expect(breachReminderDecision(late, new Date('2026-12-04T08:00:00.000Z')).remind).toBe(true);
  });

  test('never comes for a ticket filed after the deadline passed', () => {
    const afterwards = breachTicket('2026-12-05T08:00:00.000Z');
    expect(breachReminderDecision(afterwards, new Date('2026-12-05T08:00:00.000Z'))).toEqual({
      remind: false,
      reason: 'filedLate',
    });
    expect(breachClock(afterwards, new Date('2026-12-05T08:00:00.000Z'))?.status).toBe('passed');
  });

  test('comes once, and never after the publisher marked the authority notified', () => {
    const reminded = apply(filed, { type: 'remind_breach_notification' }, '2026-12-04T00:00:00.000Z');
    if (!reminded.ok) throw new Error('reminder refused');
    expect(reminded.events.map((e) => [e.type, e.data])).toEqual([
      ['breach_reminder_due', { dueAt: '2026-12-04T23:00:00.000Z' }],
    ]);
    const again = apply(reminded.ticket, { type: 'remind_breach_notification' }, '2026-12-04T01:00:00.000Z');
    expect(!again.ok && again.error).toEqual({ key: 'ticket.breach.noReminder', reason: 'reminded' });

    const marked = apply(filed, { type: 'mark_breach_notified' }, '2026-12-03T10:00:00.000Z', publisher);
    if (!marked.ok) throw new Error('mark refused');
    const after = apply(marked.ticket, { type: 'remind_breach_notification' }, '2026-12-04T00:00:00.000Z');
    expect(!after.ok && after.error).toEqual({ key: 'ticket.breach.noReminder', reason: 'notified' });
  });
});

describe('marking the authority notified', () => {
  const filed = breachTicket('2026-12-02T09:00:00.000Z');

  test('works in every state, closed included, and only once', () => {
    const closed = apply(
      filed,
      { type: 'withdraw', reason: 'Filed twice.' },
      '2026-12-02T10:00:00.000Z',
      publisher,
    );
    if (!closed.ok) throw new Error('withdraw refused');
    expect(closed.ticket.state).toBe('closed');
    const marked = apply(
      closed.ticket,
      { type: 'mark_breach_notified' },
      '2026-12-03T10:00:00.000Z',
      publisher,
    );
    if (!marked.ok) throw new Error(`mark refused: ${JSON.stringify(marked.errors)}`);
    expect(marked.ticket.state).toBe('closed');
    expect(marked.events.map((e) => e.type)).toEqual(['breach_notification_done']);
    const twice = apply(
      marked.ticket,
      { type: 'mark_breach_notified' },
      '2026-12-03T11:00:00.000Z',
      publisher,
    );
    expect(!twice.ok && twice.error).toEqual({
      key: 'ticket.breach.alreadyNotified',
      at: '2026-12-03T10:00:00.000Z',
    });
  });

  test('is refused for a ticket without the clock, and for anyone but the publisher', () => {
    const none = breachTicket('2026-12-02T09:00:00.000Z', 'no');
    const refused = apply(none, { type: 'mark_breach_notified' }, '2026-12-03T10:00:00.000Z', publisher);
    expect(!refused.ok && refused.error).toEqual({ key: 'ticket.breach.notApplicable' });
    const bySystem = apply(filed, { type: 'mark_breach_notified' }, '2026-12-03T10:00:00.000Z', system);
    expect(!bySystem.ok && bySystem.error.key).toBe('ticket.actor.notAllowed');
    const remindByPublisher = apply(
      filed,
      { type: 'remind_breach_notification' },
      '2026-12-04T00:00:00.000Z',
      publisher,
    );
    expect(!remindByPublisher.ok && remindByPublisher.error.key).toBe('ticket.actor.notAllowed');
  });
});
