import { DateTime, IANAZone } from 'luxon';
import { INTL_TAG, type Locale } from '../i18n/locale';

/**
 * An instant as the person reads it, in their own time zone, with the zone named so there is no doubt:
 * "Wednesday, November 25, 2026 at 06:00 PM GMT+1". An unknown zone falls back to UTC.
 */
export function formatDateTime(iso: string, locale: Locale, timeZone: string | undefined): string {
  const zone = timeZone && IANAZone.isValidZone(timeZone) ? timeZone : 'UTC';
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
