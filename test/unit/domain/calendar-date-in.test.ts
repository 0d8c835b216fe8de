import { DateTime } from 'luxon';
import { calendarDateIn, isCalendarDate } from '../../../src/domain/calendar';

describe('the calendar date where someone is', () => {
  const zones = [
    'UTC',
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
    'Asia/Kathmandu',
    'America/St_Johns',
    'Europe/Moscow',
  ];
  const instants = [
    '2026-12-31T23:59:59.999Z',
    '2027-01-01T00:00:00Z',
    '2026-03-29T01:30:00Z',
    '2026-11-01T09:59:00Z',
  ];

  it.each(zones)('is the date luxon gave in %s', (zone) => {
    for (const iso of instants) {
      const instant = new Date(iso);
      expect(calendarDateIn(instant, zone)).toBe(DateTime.fromJSDate(instant, { zone }).toISODate());
    }
  });

  it('is a day ahead across the date line, and UTC’s for a zone that does not exist', () => {
    const instant = new Date('2026-12-01T12:00:00Z');
    expect(calendarDateIn(instant, 'Pacific/Kiritimati')).toBe('2026-12-02');
    expect(calendarDateIn(instant, 'Pacific/Pago_Pago')).toBe('2026-12-01');
    expect(calendarDateIn(new Date('2026-12-01T23:30:00Z'), 'Mars/Olympus_Mons')).toBe('2026-12-01');
  });
});

describe('a calendar date', () => {
  it.each(['2026-12-01', '2028-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('%s is one', (value) =>
    expect(isCalendarDate(value)).toBe(true),
  );
  it.each([
    '2026-02-29',
    '2100-02-29',
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-1-01',
    '26-01-01',
    '',
  ])('%s is not', (value) => expect(isCalendarDate(value)).toBe(false));
  it('agrees with luxon on every day of a leap and a common year and their edges', () => {
    for (const year of [2026, 2028]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 28; day <= 32; day++) {
          const value = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect([value, isCalendarDate(value)]).toEqual([
            value,
            DateTime.fromISO(value, { zone: 'utc' }).isValid,
          ]);
        }
      }
    }
  });
});
