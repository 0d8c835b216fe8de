/** Holiday types (as date-holidays names them) that can count as days off for support. */
export type DayOffHolidayType = 'public' | 'bank';

export interface HolidayRegion {
  /** ISO 3166-1 alpha-2 country code, e.g. US. */
  readonly country: string;
  /** date-holidays state code (mostly ISO 3166-2 without the country), e.g. CA, ENG, BY. */
  readonly state?: string;
  /** date-holidays region code inside the state, e.g. NO (New Orleans). */
  readonly region?: string;
}

/** The shape of `Config['sla']` (extra fields are ignored). */
export interface SupportCalendarOptions {
  /** IANA time zone the support team works in. */
  readonly timeZone: string;
  /** ISO weekdays support works: 1 = Monday … 7 = Sunday. */
  readonly workdays: readonly number[];
  /** Local wall-clock start of the working day, 'HH:MM' (24-hour). */
  readonly dayStart: string;
  /** Local wall-clock end of the working day, 'HH:MM', later than dayStart. */
  readonly dayEnd: string;
  /** Where the holidays come from; absent means no holidays at all. */
  readonly holidays?: HolidayRegion;
  /** Which holiday types are days off. Default ['public'] (see docs/decisions/acknowledgement-sla.md). */
  readonly dayOffTypes?: readonly DayOffHolidayType[];
}

export interface SupportCalendar {
  readonly timeZone: string;
  /** Whether the support team works on the local calendar day (in `timeZone`) that contains `instant`. */
  isWorkingDay(instant: Date): boolean;
  /** Same, for a local calendar date 'YYYY-MM-DD'; throws RangeError for anything else. */
  isWorkingDate(isoDate: string): boolean;
  /** The name of the day-off holiday on a local date 'YYYY-MM-DD', if there is one. */
  holidayOn(isoDate: string): string | undefined;
  /** When acknowledgement is due: one full business day of working hours after submission. */
  ackDueAt(submittedAt: Date): Date;
  /** Adds working time: the clock runs only during working hours of working days (wall-clock, in `timeZone`). */
  addWorkingTime(from: Date, durationMs: number): Date;
}
