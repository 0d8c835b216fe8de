import { DateTime } from 'luxon';
import { createSupportCalendar, type SupportCalendarOptions } from '../../../../src/domain/calendar';
import { loadConfig } from '../../../../src/config';

const weekdays = [1, 2, 3, 4, 5];
const losAngeles: SupportCalendarOptions = {
  timeZone: 'America/Los_Angeles',
  workdays: weekdays,
  dayStart: '09:00',
  dayEnd: '17:00',
  holidays: { country: 'US' },
};
const berlin: SupportCalendarOptions = {
  ...losAngeles,
  timeZone: 'Europe/Berlin',
  holidays: { country: 'DE' },
};
const moscow: SupportCalendarOptions = {
  ...losAngeles,
  timeZone: 'Europe/Moscow',
  dayEnd: '18:00',
  holidays: { country: 'RU' },
};
const london: SupportCalendarOptions = {
  ...losAngeles,
  timeZone: 'Europe/London',
  holidays: { country: 'GB', state: 'ENG' },
};

/** Submission and due time written as local wall-clock times in the calendar's zone. */
function dueLocal(options: SupportCalendarOptions, submittedLocal: string): string {
  const submitted = DateTime.fromISO(submittedLocal, { zone: options.timeZone });
  const due = createSupportCalendar(options).ackDueAt(submitted.toJSDate());
  return DateTime.fromJSDate(due, { zone: options.timeZone }).toISO({ suppressMilliseconds: true }) ?? '';
}

describe('acknowledgement due time: one full business day of working hours', () => {
  it('a report sent mid-morning on a Tuesday is due at the same time on Wednesday', () => {
    expect(dueLocal(losAngeles, '2026-11-17T10:30')).toBe('2026-11-18T10:30:00-08:00');
  });

  it('a report sent on Friday afternoon is due on Monday afternoon', () => {
    expect(dueLocal(losAngeles, '2026-06-12T15:00')).toBe('2026-06-15T15:00:00-07:00');
  });

  it('a report sent on Saturday is due at the end of Monday', () => {
    expect(dueLocal(losAngeles, '2026-06-13T11:00')).toBe('2026-06-15T17:00:00-07:00');
  });

  it('a report sent in the evening is due at the end of the next working day', () => {
    expect(dueLocal(losAngeles, '2026-06-10T19:00')).toBe('2026-06-11T17:00:00-07:00');
  });

  it('a report sent before opening is due at closing the same day', () => {
    expect(dueLocal(losAngeles, '2026-06-10T07:00')).toBe('2026-06-10T17:00:00-07:00');
    expect(dueLocal(losAngeles, '2026-06-10T09:00')).toBe('2026-06-10T17:00:00-07:00');
  });

  it('a report sent one minute after opening is due one minute after opening the next day', () => {
    expect(dueLocal(losAngeles, '2026-06-10T09:01')).toBe('2026-06-11T09:01:00-07:00');
  });

  it('a report sent at closing time counts from the next morning', () => {
    expect(dueLocal(losAngeles, '2026-06-10T17:00')).toBe('2026-06-11T17:00:00-07:00');
  });

  it('keeps seconds and milliseconds of the submission', () => {
    const calendar = createSupportCalendar(losAngeles);
    const due = calendar.ackDueAt(new Date('2026-06-10T17:45:12.345Z'));
    expect(due.toISOString()).toBe('2026-06-11T17:45:12.345Z');
  });

  it('skips US Thanksgiving but not the day after, which is only an observance', () => {
    expect(dueLocal(losAngeles, '2026-11-25T12:30')).toBe('2026-11-27T12:30:00-08:00');
  });

  it('skips Christmas Day and the weekend after it', () => {
    expect(dueLocal(losAngeles, '2026-12-24T10:00')).toBe('2026-12-28T10:00:00-08:00');
  });

  it('skips the observed Independence Day on Friday when the 4th of July is a Saturday', () => {
    expect(dueLocal(losAngeles, '2026-07-02T10:00')).toBe('2026-07-06T10:00:00-07:00');
  });

  it('skips the English summer bank holiday', () => {
    expect(dueLocal(london, '2026-08-28T11:00')).toBe('2026-09-01T11:00:00+01:00');
  });

  it('skips Boxing Day and its substitute Monday in England', () => {
    expect(dueLocal(london, '2026-12-24T14:00')).toBe('2026-12-29T14:00:00+00:00');
  });

  it('skips the Russian New Year holidays, 1 to 8 January', () => {
    expect(dueLocal(moscow, '2025-12-31T15:00')).toBe('2026-01-09T15:00:00+03:00');
    expect(dueLocal(moscow, '2026-01-02T12:00')).toBe('2026-01-09T18:00:00+03:00');
  });

  it('answers one moment differently in Los Angeles, Berlin and Moscow', () => {
    // Wednesday 17 June 2026, 16:30 UTC: 09:30 in Los Angeles, 18:30 in Berlin, 19:30 in Moscow.
    const moment = new Date('2026-06-17T16:30:00Z');
    expect(createSupportCalendar(losAngeles).ackDueAt(moment).toISOString()).toBe('2026-06-18T16:30:00.000Z');
    expect(createSupportCalendar(berlin).ackDueAt(moment).toISOString()).toBe('2026-06-18T15:00:00.000Z');
    expect(createSupportCalendar(moscow).ackDueAt(moment).toISOString()).toBe('2026-06-18T15:00:00.000Z');
  });

  it('keeps the local clock time across the US spring and autumn changes', () => {
    expect(dueLocal(losAngeles, '2026-03-06T10:15')).toBe('2026-03-09T10:15:00-07:00');
    expect(dueLocal(losAngeles, '2026-10-30T10:15')).toBe('2026-11-02T10:15:00-08:00');
  });

  it('keeps the local clock time across the EU spring and autumn changes', () => {
    expect(dueLocal(berlin, '2026-03-27T10:00')).toBe('2026-03-30T10:00:00+02:00');
    expect(dueLocal(berlin, '2026-10-23T10:00')).toBe('2026-10-26T10:00:00+01:00');
  });

  it('measures working time on the wall clock when the working day spans the DST night', () => {
    const allDay = { ...losAngeles, workdays: [1, 2, 3, 4, 5, 6, 7], dayStart: '00:00', dayEnd: '23:59' };
    // Saturday noon to Sunday noon is 23 real hours on 8 March 2026, and still "same time tomorrow".
    expect(dueLocal(allDay, '2026-03-07T12:00')).toBe('2026-03-08T12:00:00-07:00');
    expect(dueLocal(allDay, '2026-10-31T12:00')).toBe('2026-11-01T12:00:00-08:00');
  });

  it('moves a due time that falls in the spring-forward gap past the gap', () => {
    const night = { ...losAngeles, workdays: [7], dayStart: '02:00', dayEnd: '03:00', holidays: undefined };
    const calendar = createSupportCalendar(night);
    // From 02:00 on Sunday 1 March: 60 minutes that day, 30 more on 8 March, whose 02:30 does not exist
    // locally (clocks jump from 02:00 PST to 03:00 PDT), so luxon moves it to 03:30 PDT.
    const due = calendar.addWorkingTime(new Date('2026-03-01T10:00:00Z'), 90 * 60_000);
    expect(due.toISOString()).toBe('2026-03-08T10:30:00.000Z');
  });

  it('works from the shape config.ts produces', () => {
    const config = loadConfig({
      SUPPORT_TIME_ZONE: 'Europe/Berlin',
      SUPPORT_HOLIDAYS_COUNTRY: 'DE',
      SUPPORT_WORKDAYS: '1-5',
    });
    const calendar = createSupportCalendar(config.sla);
    // Good Friday and Easter Monday 2026 are public holidays in all of Germany.
    expect(calendar.ackDueAt(new Date('2026-04-02T12:00:00Z')).toISOString()).toBe(
      '2026-04-07T12:00:00.000Z',
    );
  });

  it('follows a Sunday-to-Thursday working week', () => {
    const sundayToThursday = {
      ...losAngeles,
      timeZone: 'Asia/Jerusalem',
      workdays: [7, 1, 2, 3, 4],
      holidays: undefined,
    };
    expect(dueLocal(sundayToThursday, '2026-06-11T12:00')).toBe('2026-06-14T12:00:00+03:00');
  });
});
