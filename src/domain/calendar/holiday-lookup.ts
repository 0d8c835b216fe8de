import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { findHolidayRegionProblem } from './find-holiday-region-problem';
import type { DayOffHolidayType, HolidayRegion } from './support-calendar';

/** Local date 'YYYY-MM-DD' → holiday name, or undefined on an ordinary day. */
export type HolidayLookup = (isoDate: string) => string | undefined;

/**
 * Days off from date-holidays for a country/state/region, as local dates in the support time zone.
 * A holiday is a calendar date wherever support sits, so the library is asked to place it in that zone.
 * Multi-day holidays (Russia's "Новогодние каникулы" is one 5-day entry) mark every day they cover, and a
 * holiday starting part-way through a day marks that whole day. Substitute days ("observed" Mondays or
 * Fridays) are entries of their own and count like the holiday they replace.
 * Throws on a country, state or region the library does not know: it would otherwise silently fall back
 * to the country (or to no holidays at all), and a wrong calendar is worse than a failed start-up.
 */
export function createHolidayLookup(
  where: HolidayRegion,
  timeZone: string,
  dayOffTypes: readonly DayOffHolidayType[],
): HolidayLookup {
  const problem = findHolidayRegionProblem(where);
  if (problem) throw new Error(problem.message);
  const holidays = new Holidays();
  const country = where.country.toUpperCase();
  const state = where.state?.toUpperCase();
  const region = where.region?.toUpperCase();
  holidays.init(
    { country, ...(state !== undefined ? { state } : {}), ...(region !== undefined ? { region } : {}) },
    { timezone: timeZone, types: [...dayOffTypes], languages: ['en'] },
  );
  const counted = new Set<string>(dayOffTypes);
  const byYear = new Map<number, ReadonlyMap<string, string>>();

  const daysOffIn = (year: number): ReadonlyMap<string, string> => {
    const known = byYear.get(year);
    if (known) return known;
    const days = new Map<string, string>();
    // An entry of the previous year may run into this one (a holiday week spanning New Year).
    for (const holiday of [...holidays.getHolidays(year - 1), ...holidays.getHolidays(year)]) {
      if (!counted.has(holiday.type)) continue;
      const end = DateTime.fromJSDate(holiday.end, { zone: timeZone });
      for (let day = DateTime.fromJSDate(holiday.start, { zone: timeZone }).startOf('day'); day < end;) {
        const iso = day.toISODate();
        if (day.year === year && iso !== null && !days.has(iso)) days.set(iso, holiday.name);
        day = day.plus({ days: 1 });
      }
    }
    byYear.set(year, days);
    return days;
  };

  return (isoDate) => daysOffIn(Number(isoDate.slice(0, 4))).get(isoDate);
}
