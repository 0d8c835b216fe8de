import { DateTime } from 'luxon';
import { isCalendarDate } from '../domain/calendar/calendar-date-in';
import { isTimeZone } from '../domain/calendar/is-time-zone';
import { INTL_TAG, type Locale } from '../i18n/locale';

/** The long form of an instant on a card ("Wednesday, November 25, 2026 at 06:00 PM GMT+1"). */
export const LONG_DATE_TIME: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
};
/** luxon's DATETIME_MED and DATE_MED, which these cards showed before they were formatted here. */
const SHORT: Intl.DateTimeFormatOptions = DateTime.DATETIME_MED;
const DATE: Intl.DateTimeFormatOptions = DateTime.DATE_MED;
/** A notification's instants and calendar dates (src/notify/build-notification.ts). */
const NOTIFY: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
};
const NOTIFY_DATE: Intl.DateTimeFormatOptions = { dateStyle: 'long' };
type Style = 'long' | 'short' | 'date' | 'notify' | 'notifyDate';
const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  long: LONG_DATE_TIME,
  short: SHORT,
  date: DATE,
  notify: NOTIFY,
  notifyDate: NOTIFY_DATE,
};

/**
 * One Intl.DateTimeFormat per style, language and zone. Building one costs far more than formatting with
 * it (luxon built or looked one up, and worked out the zone's offset, for every date on every card: ~0.4 ms
 * of a status turn, docs/decisions/turn-performance.md). Zones are checked valid before they get here, so
 * the map holds at most styles × languages × real zones; the bound is a backstop.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 2000;

function formatter(style: Style, locale: Locale, zone: string): Intl.DateTimeFormat {
  const key = `${style}|${locale}|${zone}`;
  let kept = formatters.get(key);
  if (!kept) {
    kept = new Intl.DateTimeFormat(INTL_TAG[locale], { ...OPTIONS[style], timeZone: zone });
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, kept);
  }
  return kept;
}

/** A timestamp as stored (`toISOString()`, or with an explicit offset) is read by Date directly. */
const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The instant an ISO 8601 string names (a time without an offset is UTC); undefined when it names none. */
function instantOf(iso: string): Date | undefined {
  if (STORED_INSTANT.test(iso)) {
    const at = new Date(iso);
    if (!Number.isNaN(at.getTime())) return at;
  }
  const parsed = DateTime.fromISO(iso, { zone: 'utc' });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

const zoneOrUtc = (zone: string | undefined): string => (zone && isTimeZone(zone) ? zone : 'UTC');

/**
 * An instant as the person reads it, in their own time zone, with the zone named so there is no doubt:
 * "Wednesday, November 25, 2026 at 06:00 PM GMT+1". An unknown zone falls back to UTC.
 */
export function formatDateTime(iso: string, locale: Locale, timeZone: string | undefined): string {
  const at = instantOf(iso);
  return at ? plainSpaces(formatter('long', locale, zoneOrUtc(timeZone)).format(at)) : iso;
}

/** A stored UTC timestamp, compact, for lists and timelines (the card states the zone once). */
export function formatShortDateTime(iso: string, locale: Locale, zone: string): string {
  const at = instantOf(iso);
  return at ? plainSpaces(formatter('short', locale, zoneOrUtc(zone)).format(at)) : iso;
}

/** A calendar date ('YYYY-MM-DD'), which has no time zone. */
export function formatDate(date: string, locale: Locale): string {
  const day = dayOf(date);
  return day ? plainSpaces(formatter('date', locale, 'UTC').format(day)) : date;
}

/** A calendar date as the instant of its start in UTC, where it is formatted so it never moves a day. */
function dayOf(date: string): Date | undefined {
  if (isCalendarDate(date)) return new Date(`${date}T00:00:00Z`);
  const parsed = DateTime.fromISO(date, { zone: 'utc' });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

/**
 * A timestamp in a notification, as the publisher reads it: in their time zone when Teams told us one (else
 * UTC, said so), in their language. A date-only value ('YYYY-MM-DD') is shown as a date with no time zone shift.
 */
export function formatNotifyDate(value: string, locale: Locale, timeZone?: string): string {
  const day = isCalendarDate(value) ? dayOf(value) : undefined;
  if (day) return formatter('notifyDate', locale, 'UTC').format(day);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return formatter('notify', locale, zoneOrUtc(timeZone)).format(date);
}

/** ICU puts narrow no-break spaces in some zones' formats and not others; one kind of space reads the same. */
function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}
