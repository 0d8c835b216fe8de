import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'adaptivecards-templating';
import type { Locale } from '../i18n/locale';
import { stringsFor } from '../i18n/translate';
import { PROJECT_ROOT } from '../project-root';

export type AdaptiveCard = { type: 'AdaptiveCard'; version: string; [key: string]: unknown };

/** Teams refuses a message over 28 KB; we keep a margin for the activity envelope around the card. */
export const MAX_CARD_BYTES = 26 * 1024;

const templates = new Map<string, Template>();

function template(name: string): Template {
  let cached = templates.get(name);
  if (!cached) {
    const json: unknown = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cards', `${name}.json`), 'utf8'));
    cached = new Template(json);
    templates.set(name, cached);
  }
  return cached;
}

export class CardTooLargeError extends Error {
  constructor(
    readonly card: string,
    readonly bytes: number,
  ) {
    super(`card ${card} is ${bytes} bytes, over the ${MAX_CARD_BYTES}-byte limit`);
    this.name = 'CardTooLargeError';
  }
}

/**
 * Binds `cards/<name>.json` to `data`; the locale's strings are available to the template as `${t.…}`.
 * Data values are inserted as text, never evaluated as template expressions.
 */
export function renderCard(name: string, locale: Locale, data: Record<string, unknown> = {}): AdaptiveCard {
  const card = template(name).expand({ $root: { ...data, t: stringsFor(locale), locale } }) as AdaptiveCard;
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes > MAX_CARD_BYTES) throw new CardTooLargeError(name, bytes);
  return card;
}
