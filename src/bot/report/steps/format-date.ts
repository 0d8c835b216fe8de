import { DateTime } from 'luxon';
import { INTL_TAG, type Locale } from '../../../i18n/locale';

/** A calendar date 'YYYY-MM-DD' as the person reads dates ("25 ноября 2026 г."). */
export function formatDate(isoDate: string, locale: Locale): string {
  const date = DateTime.fromISO(isoDate, { zone: 'utc' });
  return date.isValid ? date.setLocale(INTL_TAG[locale]).toLocaleString(DateTime.DATE_FULL) : isoDate;
}
