import { DateTime } from 'luxon';
import { isTimeZone } from '../calendar/is-time-zone';
import { breachNotificationDeadline } from '../notice/breach-notification-deadline';
import type { Category, Ticket, TicketReport } from './ticket';

const hourMs = 3_600_000;

/** GDPR Art. 33(1): the supervisory authority within 72 hours of becoming aware of the breach. */
export const breachNotificationHours = 72;
/** The one reminder goes out this long before the deadline (at once when the ticket comes later). */
export const breachReminderLeadHours = 24;

/**
 * The instant the 72 hours run out for an incident whose report says personal data is involved, or
 * undefined when the clock does not apply (a vulnerability, personal data 'no' or 'not known yet', no
 * date of discovery or start). The report knows the day of awareness, not the hour: the hours are
 * counted from the start of that day where the publisher is (their Teams time zone, UTC without one),
 * so the deadline shown can only be early, never late.
 */
export function breachDueAt(
  ticket: { readonly category: Category; readonly report: TicketReport },
  timeZone: string | undefined,
): string | undefined {
  const incident = ticket.report.incident;
  if (ticket.category !== 'incident' || incident?.personalData !== 'yes') return undefined;
  const deadline = breachNotificationDeadline(ticket.report.discoveredOn, incident.startedOn, new Date(0));
  if (!deadline) return undefined;
  const zone = timeZone && isTimeZone(timeZone) ? timeZone : 'UTC';
  const aware = DateTime.fromISO(deadline.awareOn, { zone });
  if (!aware.isValid) return undefined;
  return new Date(aware.toMillis() + breachNotificationHours * hourMs).toISOString();
}

export type BreachClockStatus =
  /** Marked done by the publisher. */
  | 'notified'
  /** Running: the deadline is ahead. */
  | 'running'
  /** The deadline is behind and nobody marked it done. */
  | 'passed';

export interface BreachClock {
  readonly dueAt: string;
  /** The day the hours are counted from, 'YYYY-MM-DD', and which answer of the report it is. */
  readonly awareOn: string;
  readonly from: 'discovery' | 'start';
  readonly status: BreachClockStatus;
  readonly notifiedAt?: string;
  readonly remindedAt?: string;
  /** When the one reminder is due (the deadline less the lead). */
  readonly remindAt: string;
}

/** Where the ticket's 72-hour clock stands at `now`; undefined for a ticket it does not apply to. */
export function breachClock(ticket: Ticket, now: Date): BreachClock | undefined {
  const { breachDueAt: dueAt } = ticket;
  const awareOn = ticket.report.discoveredOn ?? ticket.report.incident?.startedOn;
  if (!dueAt || !awareOn) return undefined;
  const status: BreachClockStatus = ticket.breachNotifiedAt
    ? 'notified'
    : now.getTime() >= Date.parse(dueAt)
      ? 'passed'
      : 'running';
  return {
    dueAt,
    awareOn,
    from: ticket.report.discoveredOn ? 'discovery' : 'start',
    status,
    remindAt: new Date(Date.parse(dueAt) - breachReminderLeadHours * hourMs).toISOString(),
    ...(ticket.breachNotifiedAt ? { notifiedAt: ticket.breachNotifiedAt } : {}),
    ...(ticket.breachRemindedAt ? { remindedAt: ticket.breachRemindedAt } : {}),
  };
}

export type BreachReminderDecision =
  | { readonly remind: true; readonly dueAt: string }
  | {
      readonly remind: false;
      readonly reason: 'notApplicable' | 'notified' | 'reminded' | 'notYet' | 'passed' | 'filedLate';
    };

/**
 * Whether the one reminder is due now: from `remindAt` (at once for a ticket filed inside the last
 * day) until the deadline; never after the publisher marked it done, never twice, never once the
 * deadline passed, and never for a ticket filed after the deadline (its card says so instead).
 */
export function breachReminderDecision(ticket: Ticket, now: Date): BreachReminderDecision {
  const clock = breachClock(ticket, now);
  if (!clock) return { remind: false, reason: 'notApplicable' };
  if (clock.notifiedAt) return { remind: false, reason: 'notified' };
  if (clock.remindedAt) return { remind: false, reason: 'reminded' };
  if (Date.parse(ticket.submittedAt) >= Date.parse(clock.dueAt))
    return { remind: false, reason: 'filedLate' };
  if (clock.status === 'passed') return { remind: false, reason: 'passed' };
  if (now.getTime() < Date.parse(clock.remindAt)) return { remind: false, reason: 'notYet' };
  return { remind: true, dueAt: clock.dueAt };
}
