export const LOCALES = ['en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

/** The bot speaks English and Russian; a Teams locale such as "ru-RU" picks Russian, anything else English. */
export function pickLocale(raw: string | undefined | null): Locale {
  const language = (raw ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return language === 'ru' ? 'ru' : 'en';
}

/** BCP 47 tags for Intl formatting of dates and numbers. */
export const INTL_TAG: Record<Locale, string> = { en: 'en-US', ru: 'ru-RU' };
