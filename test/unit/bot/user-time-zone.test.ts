import { formatShortDateTime } from '../../../src/cards/format-date-time';
import { userTimeZone } from '../../../src/bot/user-time-zone';

const timeZoneOf = (activity: Parameters<typeof userTimeZone>[0]) => userTimeZone(activity) ?? 'UTC';

describe('the time zone times are shown in', () => {
  test('Teams’ localTimezone comes first, then the clientInfo entity', () => {
    expect(
      timeZoneOf({
        localTimezone: 'Asia/Tokyo',
        entities: [{ type: 'clientInfo', timezone: 'Europe/Berlin' }],
      }),
    ).toBe('Asia/Tokyo');
    expect(timeZoneOf({ entities: [{ type: 'clientInfo', timezone: 'Europe/Berlin' }] })).toBe(
      'Europe/Berlin',
    );
  });

  test('a missing or unknown zone means UTC', () => {
    expect(timeZoneOf({})).toBe('UTC');
    expect(timeZoneOf({ localTimezone: 'Mars/Olympus_Mons' })).toBe('UTC');
  });

  test('a stored UTC time reads in the person’s zone and language', () => {
    expect(formatShortDateTime('2026-11-24T10:00:00.000Z', 'en', 'Asia/Tokyo')).toBe('Nov 24, 2026, 7:00 PM');
    expect(formatShortDateTime('2026-11-24T10:00:00.000Z', 'en', 'UTC')).toBe('Nov 24, 2026, 10:00 AM');
    expect(formatShortDateTime('2026-11-24T10:00:00.000Z', 'ru', 'Europe/Moscow')).toBe(
      '24 нояб. 2026 г., 13:00',
    );
  });
});
