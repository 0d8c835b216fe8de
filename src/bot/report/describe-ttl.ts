import { Duration } from 'luxon';
import { INTL_TAG, type Locale } from '../../i18n/locale';

/** The draft time limit as a person says it: "1 day", "90 minutes", in their language. */
export function describeTtl(minutes: number, locale: Locale): string {
  const duration =
    minutes % 1440 === 0
      ? Duration.fromObject({ days: minutes / 1440 })
      : minutes % 60 === 0
        ? Duration.fromObject({ hours: minutes / 60 })
        : Duration.fromObject({ minutes });
  return duration.reconfigure({ locale: INTL_TAG[locale] }).toHuman();
}
