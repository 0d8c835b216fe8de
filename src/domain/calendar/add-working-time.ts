import { DateTime } from 'luxon';

export interface WorkingHours {
  readonly timeZone: string;
  /** Start and end of the working day, in milliseconds after local midnight (wall clock). */
  readonly dayStartMs: number;
  readonly dayEndMs: number;
  readonly isWorkingDate: (isoDate: string) => boolean;
}

/** No real calendar has two years without a working day; past this the configuration is broken. */
const maxDaysScanned = 800;

/**
 * Moves forward from `from` by `durationMs` of working time: the clock runs only between dayStart and
 * dayEnd on working days, measured on the local wall clock. Wall-clock arithmetic keeps "same time
 * tomorrow" true across daylight-saving changes; a result that falls in a spring-forward gap is moved
 * forward by luxon, one in a fall-back overlap takes luxon's choice of offset. When the time runs out
 * exactly at dayEnd the result is that dayEnd, not the next day's start.
 */
export function addWorkingTime(from: Date, durationMs: number, hours: WorkingHours): Date {
  if (Number.isNaN(from.getTime())) throw new RangeError('addWorkingTime: invalid start date');
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError('addWorkingTime: duration must be a finite, non-negative number of milliseconds');
  }
  const local = DateTime.fromJSDate(from, { zone: hours.timeZone });
  let day = local.startOf('day');
  let clockMs = ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.millisecond;
  let remaining = durationMs;

  for (let scanned = 0; scanned < maxDaysScanned; scanned++) {
    const isoDate = day.toISODate();
    if (isoDate !== null && hours.isWorkingDate(isoDate)) {
      const start = Math.max(clockMs, hours.dayStartMs);
      if (start < hours.dayEndMs) {
        const available = hours.dayEndMs - start;
        if (remaining <= available) return wallClock(day, start + remaining, hours.timeZone);
        remaining -= available;
      }
    }
    day = day.plus({ days: 1 });
    clockMs = 0;
  }
  throw new Error(`addWorkingTime: no working day within ${maxDaysScanned} days; check the support calendar`);
}

function wallClock(day: DateTime, clockMs: number, timeZone: string): Date {
  const totalSeconds = Math.floor(clockMs / 1000);
  return DateTime.fromObject(
    {
      year: day.year,
      month: day.month,
      day: day.day,
      hour: Math.floor(totalSeconds / 3600),
      minute: Math.floor(totalSeconds / 60) % 60,
      second: totalSeconds % 60,
      millisecond: clockMs % 1000,
    },
    { zone: timeZone },
  ).toJSDate();
}
