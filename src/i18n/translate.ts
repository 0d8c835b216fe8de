import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MessageFormat, { type MessageFunction } from '@messageformat/core';
import { parse, type Token } from '@messageformat/parser';
import { PROJECT_ROOT } from '../project-root';
import { INTL_TAG, type Locale } from './locale';

const LOCALE_DIR = join(PROJECT_ROOT, 'src', 'i18n');

export type Strings = { readonly [key: string]: string | Strings };
export type TranslationParams = Readonly<Record<string, string | number>>;

/**
 * Locale files live in src/i18n: `en.json`/`ru.json` (nested, one section per feature) and any
 * `<feature>.en.json`/`<feature>.ru.json` (flat or nested), merged into one table per locale at first use.
 * Every string is an ICU MessageFormat message (@messageformat/core, CLDR plural rules): `{name}` is an
 * argument, `{count, plural, one {# event} other {# events}}` picks the language's plural form, and an
 * apostrophe quotes only before `{`, `}` or `#` (so "didn't" needs no escaping; `'{'` is a literal brace).
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

/** The string at a dotted key of a table ('report.kind.title'); undefined for a missing key or a branch. */
export function lookup(table: Strings, key: string): string | undefined {
  let node: string | Strings | undefined = table;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The arguments a message takes: plain ones (`{name}`) and those that choose a form (plural, select). */
export interface MessageArguments {
  readonly plain: ReadonlySet<string>;
  readonly choosing: ReadonlySet<string>;
  /** For each plural argument, the plural categories its cases name (`one`, `few`, …; `=0` is exact). */
  readonly pluralCases: ReadonlyMap<string, readonly string[]>;
}

/** Parses a message (throws on a malformed one: the locale-file test compiles every string). */
export function messageArguments(message: string): MessageArguments {
  const plain = new Set<string>();
  const choosing = new Set<string>();
  const pluralCases = new Map<string, string[]>();
  const visit = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      if (token.type === 'argument' || token.type === 'function') plain.add(token.arg);
      if (token.type === 'plural' || token.type === 'selectordinal' || token.type === 'select') {
        choosing.add(token.arg);
        if (token.type === 'plural') {
          const cases = pluralCases.get(token.arg) ?? [];
          cases.push(...token.cases.map((c) => c.key));
          pluralCases.set(token.arg, cases);
        }
        for (const branch of token.cases) visit(branch.tokens);
      }
    }
  };
  visit(parse(message));
  return { plain, choosing, pluralCases };
}

interface CompiledMessage {
  readonly source: string;
  readonly format: MessageFunction<'string'>;
  readonly args: MessageArguments;
}

const formatters = new Map<Locale, MessageFormat<'string'>>();
const compiled = new Map<string, CompiledMessage | null>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

function compile(locale: Locale, source: string): CompiledMessage | null {
  const cacheKey = `${locale}\u0000${source}`;
  const cached = compiled.get(cacheKey);
  if (cached !== undefined) return cached;
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new MessageFormat<'string'>(INTL_TAG[locale]);
    formatters.set(locale, formatter);
  }
  let result: CompiledMessage | null;
  try {
    result = { source, format: formatter.compile(source), args: messageArguments(source) };
  } catch {
    result = null; // shown as written: better a raw string than a failed turn
  }
  compiled.set(cacheKey, result);
  return result;
}

function numberFormat(locale: Locale): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(INTL_TAG[locale]);
    numberFormats.set(locale, format);
  }
  return format;
}

function formatMessage(
  locale: Locale,
  source: string,
  params: TranslationParams,
  message = compile(locale, source),
): string {
  if (!message) return source;
  const has = (name: string) => Object.prototype.hasOwnProperty.call(params, name);
  // A plural needs its number; without it the message is shown as written, placeholders visible.
  for (const name of message.args.choosing) if (!has(name)) return source;
  const values: Record<string, string | number> = {};
  for (const name of message.args.plain) {
    const value = params[name];
    if (!has(name) || value === undefined) values[name] = `{${name}}`;
    // A plain number reads as the language writes numbers ("2,000", "2 000"); plural forms get it raw.
    else if (typeof value === 'number' && !message.args.choosing.has(name))
      values[name] = numberFormat(locale).format(value);
    else values[name] = value;
  }
  for (const name of message.args.choosing) values[name] = params[name] as string | number;
  return message.format(values);
}

const templateTables = new Map<Locale, Strings>();

/**
 * The whole string table of a locale, for card templates (`${t.welcome.title}`). English fills any gap.
 * A string without arguments is given formatted (ICU quoting resolved); one with arguments is given as
 * written, and the code that needs it calls `translate` with its parameters.
 */
export function stringsFor(locale: Locale): Strings {
  const cached = templateTables.get(locale);
  if (cached) return cached;
  const merged = locale === 'en' ? loadTable('en') : mergeDeep(loadTable('en'), loadTable(locale));
  const table = mapStrings(merged, (text) => {
    const message = compile(locale, text);
    return message && message.args.plain.size === 0 && message.args.choosing.size === 0
      ? message.format({})
      : text;
  });
  templateTables.set(locale, table);
  return table;
}

function mapStrings(table: Strings, map: (text: string) => string): Strings {
  return Object.fromEntries(
    Object.entries(table).map(([key, value]) => [
      key,
      typeof value === 'string' ? map(value) : mapStrings(value, map),
    ]),
  );
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

/**
 * The message `key` in `locale`, its arguments filled from params (numbers in the language's digits and
 * plural forms). A missing plain parameter stays visible as `{name}`; a missing key falls back to
 * English, then to the key itself.
 */
export function translate(locale: Locale, key: string, params: TranslationParams = {}): string {
  const found = resolve(locale, key);
  return found ? formatMessage(found.locale, found.source, params, found.message) : key;
}

/** Which table's message a key is, and that message compiled: found once per locale and key. */
interface Resolved {
  readonly locale: Locale;
  readonly source: string;
  readonly message: CompiledMessage | null;
}
const resolvedKeys = new Map<string, Resolved | null>();
/** Keys come from the code (some with a state or category in them); the bound is a backstop. */
const MAX_RESOLVED = 5000;

function resolve(locale: Locale, key: string): Resolved | null {
  const cacheKey = `${locale}\u0000${key}`;
  const cached = resolvedKeys.get(cacheKey);
  if (cached !== undefined) return cached;
  const own = lookup(loadTable(locale), key);
  const english = own === undefined ? lookup(loadTable('en'), key) : undefined;
  const found: Resolved | null =
    own !== undefined
      ? { locale, source: own, message: compile(locale, own) }
      : english !== undefined
        ? { locale: 'en', source: english, message: compile('en', english) }
        : null;
  if (resolvedKeys.size >= MAX_RESOLVED) resolvedKeys.clear();
  resolvedKeys.set(cacheKey, found);
  return found;
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

/** The raw message of a key in one locale's own files (no English fallback), for tests. */
export function rawMessage(locale: Locale, key: string): string | undefined {
  return lookup(loadTable(locale), key);
}
