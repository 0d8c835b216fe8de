import Holidays from 'date-holidays';
import type { HolidayRegion } from './support-calendar';

/** Which part of a holiday region date-holidays does not know, and why, in words for the operator. */
export interface HolidayRegionProblem {
  readonly part: 'country' | 'state' | 'region';
  readonly message: string;
}

/**
 * Whether date-holidays knows the country, the state in it and the region in that state. Asked once at
 * start-up (config.ts) so a misspelt code stops the start before anything is opened, and again by the
 * holiday lookup, which must not fall back to a coarser calendar silently.
 */
export function findHolidayRegionProblem(where: HolidayRegion): HolidayRegionProblem | undefined {
  const holidays = new Holidays();
  const country = where.country.toUpperCase();
  const state = where.state?.toUpperCase();
  const region = where.region?.toUpperCase();
  if (!hasKey(holidays.getCountries(), country)) {
    return { part: 'country', message: `date-holidays has no holidays for country "${where.country}"` };
  }
  if (state !== undefined && !hasKey(holidays.getStates(country) ?? {}, state)) {
    return { part: 'state', message: `date-holidays has no state "${where.state}" in ${country}` };
  }
  if (region !== undefined) {
    if (state === undefined) return { part: 'region', message: 'a holiday region needs a state' };
    if (!hasKey(holidays.getRegions(country, state) ?? {}, region)) {
      return {
        part: 'region',
        message: `date-holidays has no region "${where.region}" in ${country}-${state}`,
      };
    }
  }
  return undefined;
}

function hasKey(record: Readonly<Record<string, string>>, key: string): boolean {
  return Object.keys(record).some((known) => known.toUpperCase() === key);
}
