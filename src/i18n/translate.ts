import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root';
import type { Locale } from './locale';

const LOCALE_DIR = join(PROJECT_ROOT, 'src', 'i18n');

export type Strings = { readonly [key: string]: string | Strings };
export type TranslationParams = Readonly<Record<string, string | number>>;

/**
 * Locale files live in src/i18n: `en.json`/`ru.json` (nested, one section per feature) and any
 * `<feature>.en.json`/`<feature>.ru.json` (flat or nested), merged into one table per locale at first use.
 */
const tables = new Map<Locale, Strings>();

function loadTable(locale: Locale): Strings {
  const cached = tables.get(locale);
  if (cached) return cached;
  const merged: Record<string, unknown> = {};
  const files = readdirSync(LOCALE_DIR)
    .filter((name) => name === `${locale}.json` || name.endsWith(`.${locale}.json`))
    .sort();
  for (const name of files) {
    const content = JSON.parse(readFileSync(join(LOCALE_DIR, name), 'utf8')) as Record<string, unknown>;
    for (const [key, value] of Object.entries(content)) setPath(merged, key.split('.'), value);
  }
  const table = merged as Strings;
  tables.set(locale, table);
  return table;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    if (value && typeof value === 'object') {
      const existing = (target[head] ??= {}) as Record<string, unknown>;
      for (const [key, child] of Object.entries(value)) setPath(existing, key.split('.'), child);
    } else {
      target[head] = value;
    }
    return;
  }
  const next = (target[head] ??= {}) as Record<string, unknown>;
  setPath(next, rest, value);
}

function lookup(table: Strings, key: string): string | undefined {
  let node: string | Strings | undefined = table;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The whole string table of a locale, for card templates (`${t.welcome.title}`). English fills any gap. */
export function stringsFor(locale: Locale): Strings {
  return locale === 'en' ? loadTable('en') : mergeDeep(loadTable('en'), loadTable(locale));
}

function mergeDeep(base: Strings, over: Strings): Strings {
  const out: Record<string, string | Strings> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] =
      typeof value === 'object' && current && typeof current === 'object' ? mergeDeep(current, value) : value;
  }
  return out;
}

/** `{name}` placeholders are replaced by params; a missing key falls back to English, then to the key itself. */
export function translate(locale: Locale, key: string, params: TranslationParams = {}): string {
  const text = lookup(loadTable(locale), key) ?? lookup(loadTable('en'), key) ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export type Translator = (key: string, params?: TranslationParams) => string;

export function translator(locale: Locale): Translator {
  return (key, params) => translate(locale, key, params);
}

/** Every key path of a table, for the parity test between locales. */
export function keyPaths(table: Strings, prefix = ''): string[] {
  return Object.entries(table).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keyPaths(value, `${prefix}${key}.`),
  );
}

export function rawTable(locale: Locale): Strings {
  return loadTable(locale);
}
