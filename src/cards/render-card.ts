import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'adaptivecards-templating';
import type { Locale } from '../i18n/locale';
import { lookup, stringsFor, type Strings } from '../i18n/translate';
import { PROJECT_ROOT } from '../project-root';

export type AdaptiveCard = { type: 'AdaptiveCard'; version: string; [key: string]: unknown };

/** Teams refuses a message over 28 KB; we keep a margin for the activity envelope around the card. */
export const MAX_CARD_BYTES = 26 * 1024;

/** A whole `${t.some.key}` (or, inside a `$data` array, `${$root.t.some.key}`) reference to the locale's strings. */
const STRING_REFERENCE = /\$\{(?:\$root\.)?t\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)\}/g;

/**
 * The template with its `${t.…}` references to the locale's strings written in as text, so a render
 * evaluates only the expressions that depend on the data (a quarter of all expressions in cards/ are such
 * references). A string that would read as an expression itself (one with a `$`) is left to the engine.
 */
function withStrings(json: unknown, strings: Strings): unknown {
  if (typeof json === 'string')
    return json.replace(STRING_REFERENCE, (reference, path: string) => {
      const text = lookup(strings, path);
      return text === undefined || text.includes('$') ? reference : text;
    });
  if (Array.isArray(json)) return json.map((item) => withStrings(item, strings));
  if (json && typeof json === 'object')
    return Object.fromEntries(Object.entries(json).map(([key, value]) => [key, withStrings(value, strings)]));
  return json;
}

/** Each template parsed once per language (adaptivecards-templating parses expressions when constructed). */
const templates = new Map<string, Template>();

function template(name: string, locale: Locale): Template {
  const key = `${locale}|${name}`;
  let cached = templates.get(key);
  if (!cached) {
    const json: unknown = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cards', `${name}.json`), 'utf8'));
    cached = new Template(withStrings(json, stringsFor(locale)));
    templates.set(key, cached);
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
  const card = template(name, locale).expand({
    $root: { ...data, t: stringsFor(locale), locale },
  }) as AdaptiveCard;
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes > MAX_CARD_BYTES) throw new CardTooLargeError(name, bytes);
  return card;
}
