import {
  addWorkingTime,
  createSupportCalendar,
  type SupportCalendarOptions,
} from '../../../../src/domain/calendar';

const us: SupportCalendarOptions = {
  timeZone: 'America/Los_Angeles',
  workdays: [1, 2, 3, 4, 5],
  dayStart: '09:00',
  dayEnd: '17:00',
  holidays: { country: 'US' },
};

describe('which days the support team works', () => {
  const calendar = createSupportCalendar(us);

  it('does not work at weekends', () => {
    expect(calendar.isWorkingDate('2026-06-13')).toBe(false);
    expect(calendar.isWorkingDate('2026-06-14')).toBe(false);
    expect(calendar.isWorkingDate('2026-06-15')).toBe(true);
  });

  it('takes public holidays and their substitute days off, but not observances or optional days', () => {
    expect(calendar.holidayOn('2026-11-26')).toBe('Thanksgiving Day');
    expect(calendar.isWorkingDate('2026-11-26')).toBe(false);
    expect(calendar.isWorkingDate('2026-07-03')).toBe(false); // Independence Day observed
    expect(calendar.isWorkingDate('2026-11-27')).toBe(true); // day after Thanksgiving: observance
    expect(calendar.isWorkingDate('2026-12-24')).toBe(true); // Christmas Eve: optional
  });

  it('judges the day in the support time zone, not in UTC', () => {
    // 2026-11-26T03:00Z is still Wednesday evening in Los Angeles; 2026-11-27T03:00Z is Thanksgiving there.
    expect(calendar.isWorkingDay(new Date('2026-11-26T03:00:00Z'))).toBe(true);
    expect(calendar.isWorkingDay(new Date('2026-11-27T03:00:00Z'))).toBe(false);
  });

  it('uses state holidays when a state is configured', () => {
    const california = createSupportCalendar({ ...us, holidays: { country: 'US', state: 'CA' } });
    expect(california.isWorkingDate('2026-03-31')).toBe(false); // César Chávez Day
    expect(calendar.isWorkingDate('2026-03-31')).toBe(true);
  });

  it('counts bank holidays as days off only when asked to', () => {
    const berlin = { ...us, timeZone: 'Europe/Berlin', holidays: { country: 'DE' } };
    expect(createSupportCalendar(berlin).isWorkingDate('2026-12-24')).toBe(true);
    expect(
      createSupportCalendar({ ...berlin, dayOffTypes: ['public', 'bank'] }).isWorkingDate('2026-12-24'),
    ).toBe(false);
  });

  it('places a multi-day holiday on every day it covers', () => {
    const moscow = createSupportCalendar({ ...us, timeZone: 'Europe/Moscow', holidays: { country: 'RU' } });
    const january = ['01', '02', '05', '06', '07', '08', '09', '12'].map((d) =>
      moscow.isWorkingDate(`2026-01-${d}`),
    );
    expect(january).toEqual([false, false, false, false, false, false, true, true]);
  });

  it('reads holidays of one country as calendar dates in another zone', () => {
    // Support in Los Angeles following the Russian calendar: 9 March 2026 (the Monday after Women's Day).
    const mixed = createSupportCalendar({ ...us, holidays: { country: 'RU' } });
    expect(mixed.isWorkingDay(new Date('2026-03-09T16:00:00Z'))).toBe(false);
    expect(mixed.isWorkingDay(new Date('2026-03-10T16:00:00Z'))).toBe(true);
  });

  it('has no holidays when none are configured', () => {
    expect(createSupportCalendar({ ...us, holidays: undefined }).isWorkingDate('2026-11-26')).toBe(true);
  });

  it('accepts lower-case country and state codes', () => {
    expect(
      createSupportCalendar({ ...us, holidays: { country: 'us', state: 'ca' } }).isWorkingDate('2026-03-31'),
    ).toBe(false);
  });

  it('rejects a date that is not YYYY-MM-DD', () => {
    expect(() => calendar.isWorkingDate('2026-02-30')).toThrow(RangeError);
    expect(() => calendar.isWorkingDate('26-11-2026')).toThrow(RangeError);
    expect(() => calendar.holidayOn('tomorrow')).toThrow(RangeError);
  });

  it('answers the same for a date asked again, across more dates than it keeps (every day of 2020–2035)', () => {
    const fresh = (isoDate: string) => createSupportCalendar(us).isWorkingDate(isoDate);
    const days: string[] = [];
    for (let day = Date.UTC(2020, 0, 1); day <= Date.UTC(2035, 11, 31); day += 86_400_000) {
      days.push(new Date(day).toISOString().slice(0, 10));
    }
    const first = days.map((d) => calendar.isWorkingDate(d));
    const again = days.map((d) => calendar.isWorkingDate(d));
    expect(again).toEqual(first);
    // Spot checks against a calendar that has kept nothing yet.
    for (const d of ['2020-01-01', '2026-11-26', '2026-11-27', '2031-07-04', '2035-12-31']) {
      expect(calendar.isWorkingDate(d)).toBe(fresh(d));
    }
    expect(first.filter(Boolean).length).toBeGreaterThan(3_800);
    expect(() => calendar.isWorkingDate('2026-02-30')).toThrow(RangeError);
  });
});

describe('a support calendar that cannot be built stops start-up', () => {
  it.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, /time zone/],
    ['a start time that is not HH:MM', { dayStart: '9am' }, /dayStart/],
    ['an end before the start', { dayStart: '17:00', dayEnd: '09:00' }, /later than dayStart/],
    ['no working days', { workdays: [] }, /workdays/],
    ['a weekday out of range', { workdays: [0, 1] }, /workdays/],
    ['a country date-holidays does not know', { holidays: { country: 'XX' } }, /country "XX"/],
    ['a state the country does not have', { holidays: { country: 'US', state: 'ZZ' } }, /state "ZZ"/],
    ['a region without a state', { holidays: { country: 'US', region: 'NO' } }, /needs a state/],
    [
      'a region the state does not have',
      { holidays: { country: 'US', state: 'LA', region: 'QQ' } },
      /region "QQ"/,
    ],
  ])('%s', (_name, override, message) => {
    expect(() => createSupportCalendar({ ...us, ...override } as SupportCalendarOptions)).toThrow(message);
  });

  it('rejects an invalid submission time instead of returning an invalid due time', () => {
    expect(() => createSupportCalendar(us).ackDueAt(new Date('nope'))).toThrow(RangeError);
  });

  it('refuses a negative amount of working time', () => {
    expect(() => createSupportCalendar(us).addWorkingTime(new Date('2026-01-01T00:00:00Z'), -1)).toThrow(
      RangeError,
    );
  });

  it('gives up with a clear error when no day is ever a working day', () => {
    const hours = { timeZone: 'UTC', dayStartMs: 0, dayEndMs: 3_600_000, isWorkingDate: () => false };
    expect(() => addWorkingTime(new Date('2026-01-01T00:00:00Z'), 1, hours)).toThrow(/no working day/);
  });
});
