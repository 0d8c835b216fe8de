import { DateTime } from 'luxon';
import { addWorkingTime } from './add-working-time';
import { calendarDateIn } from './calendar-date-in';
import { createHolidayLookup, type HolidayLookup } from './holiday-lookup';
import { isTimeZone } from './is-time-zone';
import { parseClockTime } from './parse-clock-time';
import type { SupportCalendar, SupportCalendarOptions } from './support-calendar';

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
const maxDatesKept = 4096;

/**
 * The support team's calendar: working days, working hours and days off in one time zone.
 * Throws on options that cannot describe a calendar; they come from start-up configuration, so failing
 * there is the clear outcome (config.ts validates the same things first).
 */
export function createSupportCalendar(options: SupportCalendarOptions): SupportCalendar {
  const { timeZone } = options;
  if (!isTimeZone(timeZone)) throw new Error(`support calendar: unknown time zone "${timeZone}"`);
  const dayStartMs = parseClockTime(options.dayStart);
  const dayEndMs = parseClockTime(options.dayEnd);
  if (dayStartMs === undefined)
    throw new Error(`support calendar: dayStart "${options.dayStart}" is not HH:MM`);
  if (dayEndMs === undefined) throw new Error(`support calendar: dayEnd "${options.dayEnd}" is not HH:MM`);
  if (dayEndMs <= dayStartMs) throw new Error('support calendar: dayEnd must be later than dayStart');
  if (options.workdays.length === 0 || options.workdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw new Error('support calendar: workdays must be ISO weekdays 1 (Monday) to 7 (Sunday), at least one');
  }
  const workdays = new Set(options.workdays);
  const holidayOn: HolidayLookup = options.holidays
    ? createHolidayLookup(options.holidays, timeZone, options.dayOffTypes ?? ['public'])
    : () => undefined;

  const localDate = (isoDate: string): DateTime => {
    const date = isoDatePattern.test(isoDate) ? DateTime.fromISO(isoDate, { zone: timeZone }) : undefined;
    if (!date?.isValid) throw new RangeError(`support calendar: "${isoDate}" is not a date YYYY-MM-DD`);
    return date;
  };
  // Every acknowledgement due time scans a few dates, each once through luxon; the answer for a date never
  // changes, so it is kept (a bounded set of dates: emptied when full, as a year has 366).
  const workingDates = new Map<string, boolean>();
  const isWorkingDate = (isoDate: string): boolean => {
    const known = workingDates.get(isoDate);
    if (known !== undefined) return known;
    const working = workdays.has(localDate(isoDate).weekday) && holidayOn(isoDate) === undefined;
    if (workingDates.size >= maxDatesKept) workingDates.clear();
    workingDates.set(isoDate, working);
    return working;
  };
  const hours = { timeZone, dayStartMs, dayEndMs, isWorkingDate };
  const workingDayMs = dayEndMs - dayStartMs;

  return Object.freeze({
    timeZone,
    isWorkingDate,
    isWorkingDay(instant: Date): boolean {
      if (Number.isNaN(instant.getTime())) throw new RangeError('support calendar: invalid date');
      return isWorkingDate(calendarDateIn(instant, timeZone));
    },
    holidayOn(isoDate: string): string | undefined {
      localDate(isoDate);
      return holidayOn(isoDate);
    },
    // One business day = one full working day of working time; see docs/decisions/acknowledgement-sla.md.
    ackDueAt: (submittedAt: Date): Date => addWorkingTime(submittedAt, workingDayMs, hours),
    addWorkingTime: (from: Date, durationMs: number): Date => addWorkingTime(from, durationMs, hours),
  });
}
