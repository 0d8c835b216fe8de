import { isCalendarDate } from '../calendar/calendar-date-in';
import type { TicketError } from './ticket-errors';

/**
 * Readers for untrusted field values. Each returns the clean value, or undefined after pushing an error
 * onto `errors`, so one pass reports every problem of a form.
 */

// Control characters other than tab and newline, bidi overrides/isolates (they can make text read
// differently from what it is, "Trojan Source"), and the byte-order mark. Matching them is the point.
const invisibleControls =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** NFC, LF line ends, invisible controls removed, trimmed; single-line text has all whitespace runs as one space. */
export function cleanText(raw: string, singleLine: boolean): string {
  const text = raw
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(invisibleControls, '');
  return (singleLine ? text.replace(/\s+/g, ' ') : text.replace(/[ \t]+$/gm, '')).trim();
}

export interface TextRule {
  readonly max: number;
  readonly required: boolean;
  readonly singleLine?: boolean;
}

export function readText(
  value: unknown,
  field: string,
  rule: TextRule,
  errors: TicketError[],
): string | undefined {
  if (value === undefined || value === null) {
    if (rule.required) errors.push({ key: 'ticket.field.required', field });
    return undefined;
  }
  if (typeof value !== 'string') {
    errors.push({ key: 'ticket.field.invalid', field });
    return undefined;
  }
  const text = cleanText(value, rule.singleLine ?? false);
  if (text === '') {
    if (rule.required) errors.push({ key: 'ticket.field.required', field });
    return undefined;
  }
  const length = [...text].length;
  if (length > rule.max) {
    errors.push({ key: 'ticket.field.tooLong', field, max: rule.max, length });
    return undefined;
  }
  return text;
}

export function readChoice<T extends string>(
  value: unknown,
  field: string,
  choices: readonly T[],
  errors: TicketError[],
): T | undefined {
  if (value === undefined || value === null || value === '') {
    errors.push({ key: 'ticket.field.required', field });
    return undefined;
  }
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  errors.push({ key: 'ticket.field.invalid', field });
  return undefined;
}

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = 24 * 60 * 60 * 1000;

export interface DateRule {
  readonly required: boolean;
  /**
   * Bounds relative to `now`. Whose "today" is unknown here (the user may be 14 hours ahead of UTC or 12
   * behind), so each bound allows one day of slack around the UTC date of `now`.
   */
  readonly notBefore?: 'today';
  readonly notAfter?: 'today';
  readonly now: Date;
}

/** A real calendar date 'YYYY-MM-DD'. */
export function readIsoDate(
  value: unknown,
  field: string,
  rule: DateRule,
  errors: TicketError[],
): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (rule.required) errors.push({ key: 'ticket.field.required', field });
    return undefined;
  }
  if (typeof value !== 'string' || !isoDatePattern.test(value) || !isCalendarDate(value)) {
    errors.push({ key: 'ticket.field.invalid', field });
    return undefined;
  }
  const earliest = new Date(rule.now.getTime() - dayMs).toISOString().slice(0, 10);
  const latest = new Date(rule.now.getTime() + dayMs).toISOString().slice(0, 10);
  if (rule.notBefore === 'today' && value < earliest) {
    errors.push({ key: 'ticket.date.inPast', field });
    return undefined;
  }
  if (rule.notAfter === 'today' && value > latest) {
    errors.push({ key: 'ticket.date.inFuture', field });
    return undefined;
  }
  return value;
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
