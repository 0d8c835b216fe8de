import { DateTime } from 'luxon';
import { isTimeZone } from '../domain/calendar/is-time-zone';
import { INTL_TAG, type Locale } from '../i18n/locale';

/**
 * An instant as the person reads it, in their own time zone, with the zone named so there is no doubt:
 * "Wednesday, November 25, 2026 at 06:00 PM GMT+1". An unknown zone falls back to UTC.
 */
export function formatDateTime(iso: string, locale: Locale, timeZone: string | undefined): string {
  const zone = timeZone && isTimeZone(timeZone) ? timeZone : 'UTC';
  const instant = DateTime.fromISO(iso, { zone: 'utc' });
  if (!instant.isValid) return iso;
  return instant.setZone(zone).setLocale(INTL_TAG[locale]).toLocaleString({
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

/** A stored UTC timestamp, compact, for lists and timelines (the card states the zone once). */
export function formatShortDateTime(iso: string, locale: Locale, zone: string): string {
  const at = DateTime.fromISO(iso, { zone: 'utc' });
  if (!at.isValid) return iso;
  return plainSpaces(at.setZone(zone).setLocale(INTL_TAG[locale]).toLocaleString(DateTime.DATETIME_MED));
}

/** A calendar date ('YYYY-MM-DD'), which has no time zone. */
export function formatDate(date: string, locale: Locale): string {
  const day = DateTime.fromISO(date, { zone: 'utc' });
  return day.isValid ? plainSpaces(day.setLocale(INTL_TAG[locale]).toLocaleString(DateTime.DATE_MED)) : date;
}

/** ICU puts narrow no-break spaces in some zones' formats and not others; one kind of space reads the same. */
function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}
