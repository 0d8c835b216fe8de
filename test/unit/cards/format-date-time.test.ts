import { DateTime } from 'luxon';
import {
  formatDate,
  formatDateTime,
  formatShortDateTime,
  LONG_DATE_TIME,
} from '../../../src/cards/format-date-time';
import { INTL_TAG, LOCALES } from '../../../src/i18n/locale';

/** What these cards showed when luxon formatted every date (spaces made plain, as the cards print them). */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const luxonLong = (iso: string, tag: string, zone: string) =>
  plain(DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).setLocale(tag).toLocaleString(LONG_DATE_TIME));
const luxonShort = (iso: string, tag: string, zone: string) =>
  plain(
    DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).setLocale(tag).toLocaleString(DateTime.DATETIME_MED),
  );

const zones = ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham', 'Etc/GMT+5'];
const instants = [
  '2026-11-25T17:00:00.000Z',
  '2026-03-29T00:59:59.999Z',
  '2026-03-29T01:00:00Z',
  '2027-01-01T00:00:00+03:00',
];

describe('dates on cards', () => {
  for (const locale of LOCALES)
    for (const zone of zones)
      it(`reads as luxon wrote them, ${locale} in ${zone}`, () => {
        for (const iso of instants) {
          expect(formatDateTime(iso, locale, zone)).toBe(luxonLong(iso, INTL_TAG[locale], zone));
          expect(formatShortDateTime(iso, locale, zone)).toBe(luxonShort(iso, INTL_TAG[locale], zone));
        }
      });

  it('names the zone and the local time the reader lives in', () => {
    expect(formatDateTime('2026-11-25T17:00:00.000Z', 'en', 'Europe/Berlin')).toBe(
      'Wednesday, November 25, 2026 at 06:00 PM GMT+1',
    );
    expect(formatDateTime('2026-11-25T17:00:00.000Z', 'ru', 'Asia/Kolkata')).toBe(
      'среда, 25 ноября 2026 г. в 22:30 GMT+5:30',
    );
    expect(formatShortDateTime('2026-11-25T17:00:00.000Z', 'ru', 'Asia/Kolkata')).toBe(
      '25 нояб. 2026 г., 22:30',
    );
  });

  it('falls back to UTC for a zone that does not exist, rather than failing the card', () => {
    expect(formatDateTime('2026-11-25T17:00:00.000Z', 'en', 'Mars/Olympus_Mons')).toBe(
      'Wednesday, November 25, 2026 at 05:00 PM UTC',
    );
    expect(formatShortDateTime('2026-11-25T17:00:00.000Z', 'en', 'Not/A_Zone')).toBe('Nov 25, 2026, 5:00 PM');
  });

  it('reads a time without an offset as UTC and shows text that is no date as it is', () => {
    expect(formatShortDateTime('2026-11-25T17:00', 'en', 'UTC')).toBe('Nov 25, 2026, 5:00 PM');
    expect(formatDateTime('yesterday', 'en', 'UTC')).toBe('yesterday');
    expect(formatShortDateTime('2026-13-45T99:00:00Z', 'ru', 'UTC')).toBe('2026-13-45T99:00:00Z');
  });

  it('shows a calendar date without moving it to another day', () => {
    expect(formatDate('2026-11-25', 'en')).toBe('Nov 25, 2026');
    expect(formatDate('2026-11-25', 'ru')).toBe('25 нояб. 2026 г.');
    expect(formatDate('not a date', 'en')).toBe('not a date');
  });
});
