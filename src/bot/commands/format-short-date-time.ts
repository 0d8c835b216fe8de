import { DateTime } from 'luxon';
import { INTL_TAG, type Locale } from '../../i18n/locale';

/** A stored UTC timestamp as the person reads it: their language, their time zone. */
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
