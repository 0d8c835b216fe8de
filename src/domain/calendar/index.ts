export { addWorkingTime, type WorkingHours } from './add-working-time';
export { calendarDateIn, isCalendarDate } from './calendar-date-in';
export { createSupportCalendar } from './create-support-calendar';
export { findHolidayRegionProblem, type HolidayRegionProblem } from './find-holiday-region-problem';
export { createHolidayLookup, type HolidayLookup } from './holiday-lookup';
export { parseClockTime } from './parse-clock-time';
export type {
  DayOffHolidayType,
  HolidayRegion,
  SupportCalendar,
  SupportCalendarOptions,
} from './support-calendar';
