import type { HistoryEntry } from '../tickets';
import type { Locale } from '../i18n/locale';
import type { Translator } from '../i18n/translate';
import { formatFileSize } from './format-file-size';

/** The ticket's files of evidence as the history tells them, one "name (size)" line each, oldest first. */
export function evidenceFileLines(
  history: readonly HistoryEntry[] | undefined,
  t: Translator,
  locale: Locale,
): string[] {
  return (history ?? []).flatMap(({ event }) =>
    event.type === 'evidence_added'
      ? [t('evidence.triage.file', { name: event.data.name, size: formatFileSize(event.data.size, locale) })]
      : [],
  );
}
