import { INTL_TAG, type Locale } from '../i18n/locale';

/** A size as a person reads it, in their language: "830 bytes", "12.4 KB", "3.1 MB" (1 KB = 1024 bytes). */
export function formatFileSize(bytes: number, locale: Locale): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(INTL_TAG[locale], {
    style: 'unit',
    unit: units[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
