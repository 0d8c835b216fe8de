import { INTL_TAG, type Locale } from '../i18n/locale';

/**
 * A timestamp as the publisher reads it: in their time zone when Teams told us one (else UTC, said so),
 * in their language. A date-only value ('YYYY-MM-DD') is shown as a date with no time zone shift.
 */
export function formatNotifyDate(value: string, locale: Locale, timeZone?: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Intl.DateTimeFormat(INTL_TAG[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${value}T00:00:00Z`),
    );
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const zone = timeZone && isTimeZone(timeZone) ? timeZone : 'UTC';
  return new Intl.DateTimeFormat(INTL_TAG[locale], {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: zone,
    timeZoneName: 'short',
  }).format(date);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
