import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { createSupportCalendar, type SupportCalendarOptions } from '../../../../src/domain/calendar';

/**
 * Checks ackDueAt against an independent reckoning: walk real time minute by minute and count the
 * minutes whose local time (luxon) is inside working hours on a weekday that date-holidays' own
 * isHoliday() does not call a public holiday. With 09:00–17:00 hours no DST change falls inside working
 * hours, so real minutes and wall-clock minutes agree and the two methods must give the same instant.
 */
function createOracle(options: SupportCalendarOptions): (submittedAt: Date) => Date {
  const zone = options.timeZone;
  const [startH, startM] = options.dayStart.split(':').map(Number) as [number, number];
  const [endH, endM] = options.dayEnd.split(':').map(Number) as [number, number];
  const dayStart = startH * 60 + startM;
  const dayEnd = endH * 60 + endM;
  const needed = dayEnd - dayStart;
  const holidays = options.holidays
    ? new Holidays(options.holidays.country, options.holidays.state ?? '')
    : undefined;
  const dayOff = new Map<number, boolean>();
  const isDayOff = (localDay: number): boolean => {
    let off = dayOff.get(localDay);
    if (off === undefined) {
      const noon = new Date(localDay * 86_400_000 + 12 * 3_600_000);
      const weekday = noon.getUTCDay() === 0 ? 7 : noon.getUTCDay();
      const found = holidays?.isHoliday(noon) || [];
      off = !options.workdays.includes(weekday) || found.some((h) => h.type === 'public');
      dayOff.set(localDay, off);
    }
    return off;
  };
  // These zones change offset only on whole UTC hours, so one luxon look-up per hour is exact.
  const offsetMinutes = new Map<number, number>();
  const offsetAt = (ms: number): number => {
    const hour = Math.floor(ms / 3_600_000);
    let offset = offsetMinutes.get(hour);
    if (offset === undefined) {
      offset = DateTime.fromMillis(hour * 3_600_000, { zone }).offset;
      offsetMinutes.set(hour, offset);
    }
    return offset;
  };
  return (submittedAt) => {
    let counted = 0;
    let minute = Math.floor(submittedAt.getTime() / 60_000) * 60_000;
    for (let steps = 0; steps < 40 * 24 * 60; steps++, minute += 60_000) {
      // Local wall-clock minutes since 1970-01-01T00:00 local.
      const localMinutes = minute / 60_000 + offsetAt(minute);
      const clock = ((localMinutes % 1440) + 1440) % 1440;
      if (clock >= dayStart && clock < dayEnd && !isDayOff(Math.floor(localMinutes / 1440))) counted++;
      if (counted === needed) return new Date(minute + 60_000);
    }
    throw new Error('oracle found no due time');
  };
}

const base = { workdays: [1, 2, 3, 4, 5], dayStart: '09:00', dayEnd: '17:00' };
const cases: { name: string; options: SupportCalendarOptions; from: string; days: number }[] = [
  {
    name: 'Los Angeles, Thanksgiving week',
    options: { ...base, timeZone: 'America/Los_Angeles', holidays: { country: 'US' } },
    from: '2026-11-20T00:00:00Z',
    days: 10,
  },
  {
    name: 'Los Angeles, US DST start',
    options: { ...base, timeZone: 'America/Los_Angeles', holidays: { country: 'US' } },
    from: '2026-03-04T00:00:00Z',
    days: 7,
  },
  {
    name: 'Los Angeles, US DST end',
    options: { ...base, timeZone: 'America/Los_Angeles', holidays: { country: 'US' } },
    from: '2026-10-28T00:00:00Z',
    days: 7,
  },
  {
    name: 'Berlin, EU DST start and Easter',
    options: { ...base, timeZone: 'Europe/Berlin', holidays: { country: 'DE' } },
    from: '2026-03-26T00:00:00Z',
    days: 14,
  },
  {
    name: 'Berlin, EU DST end',
    options: { ...base, timeZone: 'Europe/Berlin', holidays: { country: 'DE' } },
    from: '2026-10-21T00:00:00Z',
    days: 7,
  },
  {
    name: 'London, Christmas and New Year',
    options: { ...base, timeZone: 'Europe/London', holidays: { country: 'GB', state: 'ENG' } },
    from: '2026-12-21T00:00:00Z',
    days: 14,
  },
  {
    name: 'Moscow, New Year holidays',
    options: { ...base, timeZone: 'Europe/Moscow', dayEnd: '18:00', holidays: { country: 'RU' } },
    from: '2025-12-27T00:00:00Z',
    days: 16,
  },
];

describe('acknowledgement due time agrees with luxon and date-holidays', () => {
  it.each(cases)('$name: every submission time across the period', ({ options, from, days }) => {
    const calendar = createSupportCalendar(options);
    const oracleDue = createOracle(options);
    const start = Date.parse(from);
    let checked = 0;
    // Every 53 minutes: a step coprime with the hour and the day, so it lands on every kind of moment.
    for (let at = start; at < start + days * 86_400_000; at += 53 * 60_000) {
      const submitted = new Date(at);
      expect({ submitted: submitted.toISOString(), due: calendar.ackDueAt(submitted).toISOString() }).toEqual(
        {
          submitted: submitted.toISOString(),
          due: oracleDue(submitted).toISOString(),
        },
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(days * 24);
  });
});
