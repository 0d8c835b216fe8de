import { isTimeZone } from './is-time-zone';

/** One formatter per zone ("en-CA" writes YYYY-MM-DD); zones are checked valid first, the bound is a backstop. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 1000;

/**
 * The calendar date ('YYYY-MM-DD') of `instant` in `zone`; UTC's for a zone this runtime does not know.
 * What luxon's `DateTime.fromJSDate(instant, { zone }).toISODate()` gave, without working out the zone's
 * offset for every call (docs/decisions/turn-performance.md).
 */
export function calendarDateIn(instant: Date, zone: string): string {
  const known = isTimeZone(zone) ? zone : 'UTC';
  let format = formatters.get(known);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: known,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(known, format);
  }
  let year = '';
  let month = '';
  let day = '';
  for (const part of format.formatToParts(instant)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}`;
}

/** Whether 'YYYY-MM-DD' names a day of the calendar (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
