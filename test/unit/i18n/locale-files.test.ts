import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pickLocale } from '../../../src/i18n/locale';
import {
  keyPaths,
  messageArguments,
  rawMessage,
  rawTable,
  stringsFor,
  translate,
} from '../../../src/i18n/translate';
import { PROJECT_ROOT } from '../../../src/project-root';

const englishKeys = keyPaths(rawTable('en'));

/** The plural categories CLDR gives a language (en: one, other; ru: one, few, many, other). */
const categories = (tag: string) => new Intl.PluralRules(tag).resolvedOptions().pluralCategories;

describe('English and Russian strings', () => {
  test('every English string has a Russian translation and no Russian string is orphaned', () => {
    const english = [...englishKeys].sort();
    const russian = keyPaths(rawTable('ru')).sort();
    expect(russian.filter((k) => !english.includes(k))).toEqual([]);
    expect(english.filter((k) => !russian.includes(k))).toEqual([]);
  });

  test('every string is a well-formed ICU message in both languages', () => {
    const malformed: string[] = [];
    for (const locale of ['en', 'ru'] as const) {
      for (const key of englishKeys) {
        try {
          messageArguments(rawMessage(locale, key) ?? '');
        } catch (error) {
          malformed.push(`${locale} ${key}: ${(error as Error).message}`);
        }
      }
    }
    expect(malformed).toEqual([]);
  });

  test('the arguments are the same in both languages', () => {
    const names = (locale: 'en' | 'ru', key: string) => {
      const args = messageArguments(rawMessage(locale, key) ?? '');
      return [...new Set([...args.plain, ...args.choosing])].sort().join(',');
    };
    for (const key of englishKeys) expect([key, names('ru', key)]).toEqual([key, names('en', key)]);
  });

  test('every plural names each of its language’s forms', () => {
    const missing: string[] = [];
    for (const [locale, tag] of [
      ['en', 'en-US'],
      ['ru', 'ru-RU'],
    ] as const) {
      for (const key of englishKeys) {
        const { pluralCases } = messageArguments(rawMessage(locale, key) ?? '');
        for (const [arg, cases] of pluralCases) {
          const absent = categories(tag).filter((c) => !cases.includes(c));
          if (absent.length > 0) missing.push(`${locale} ${key} {${arg}}: ${absent.join(', ')}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  test('a Teams locale picks the language; anything but Russian is English', () => {
    expect(pickLocale('ru-RU')).toBe('ru');
    expect(pickLocale('RU')).toBe('ru');
    expect(pickLocale('en-GB')).toBe('en');
    expect(pickLocale('de-DE')).toBe('en');
    expect(pickLocale(undefined)).toBe('en');
  });

  test('parameters fill placeholders; a missing parameter stays visible; an unknown key falls back to itself', () => {
    expect(translate('en', 'notify.answer.sent', { number: 'SEC-7K3M-9QXD' })).toBe(
      'Thank you: your answer was added to report SEC-7K3M-9QXD. Support continues the assessment.',
    );
    expect(translate('en', 'notify.answer.sent')).toContain('{number}');
    expect(translate('en', 'tickets.status.earlier')).toContain('{count');
    expect(translate('ru', 'no.such.key')).toBe('no.such.key');
  });

  test('an apostrophe is a letter, not ICU quoting', () => {
    expect(translate('en', 'help.notUnderstood')).toBe("I didn't understand that message.");
    expect(stringsFor('en').help).toMatchObject({ notUnderstood: "I didn't understand that message." });
  });
});

describe('plural forms', () => {
  const earlier = (locale: 'en' | 'ru', count: number) =>
    translate(locale, 'tickets.status.earlier', { count }).replace(/\u00a0/g, ' ');

  test('English says one event, two events', () => {
    expect(earlier('en', 1)).toBe('1 earlier event is not shown.');
    expect(earlier('en', 2)).toBe('2 earlier events are not shown.');
    expect(earlier('en', 1000)).toBe('1,000 earlier events are not shown.');
  });

  test('Russian takes one, few and many forms for 1, 2, 5, 11, 21 and 22', () => {
    expect([1, 2, 5, 11, 21, 22].map((count) => earlier('ru', count))).toEqual([
      '1 более раннее событие не показано.',
      '2 более ранних события не показаны.',
      '5 более ранних событий не показаны.',
      '11 более ранних событий не показаны.',
      '21 более раннее событие не показано.',
      '22 более ранних события не показаны.',
    ]);
    expect([1, 2, 5, 11, 21, 22].map((count) => translate('ru', 'tickets.list.more', { count }))).toEqual([
      'Показана только 1 последняя заявка. Чтобы открыть более раннюю, напишите «статус» и её номер.',
      'Показаны только 2 последние заявки. Чтобы открыть более раннюю, напишите «статус» и её номер.',
      'Показаны только 5 последних заявок. Чтобы открыть более раннюю, напишите «статус» и её номер.',
      'Показаны только 11 последних заявок. Чтобы открыть более раннюю, напишите «статус» и её номер.',
      'Показана только 21 последняя заявка. Чтобы открыть более раннюю, напишите «статус» и её номер.',
      'Показаны только 22 последние заявки. Чтобы открыть более раннюю, напишите «статус» и её номер.',
    ]);
  });

  test('a limit reads in the genitive after «до»: до 1 символа, до 2 символов, до 21 символа', () => {
    const label = (max: number) => translate('ru', 'correspondence.reply.cardLabel', { max });
    expect([1, 2, 5, 11, 21, 22].map(label)).toEqual([
      'Ваш ответ (до 1 символа)',
      'Ваш ответ (до 2 символов)',
      'Ваш ответ (до 5 символов)',
      'Ваш ответ (до 11 символов)',
      'Ваш ответ (до 21 символа)',
      'Ваш ответ (до 22 символов)',
    ]);
  });

  test('a length is counted in the nominative: 1 символ, 2 символа, 5 символов', () => {
    const tooLong = (length: number) =>
      translate('ru', 'correspondence.freeText.tooLongToShow', { length, max: 4000 }).split(' —')[0];
    expect([1, 2, 5, 11, 21, 22].map(tooLong)).toEqual([
      'В вашем сообщении 1 символ',
      'В вашем сообщении 2 символа',
      'В вашем сообщении 5 символов',
      'В вашем сообщении 11 символов',
      'В вашем сообщении 21 символ',
      'В вашем сообщении 22 символа',
    ]);
  });

  test('plain numbers are written as the language writes them', () => {
    const text = (locale: 'en' | 'ru') =>
      translate(locale, 'correspondence.reply.tooLong', { number: 'SEC-1', length: 12_345, max: 10_000 });
    expect(text('en')).toContain('has 12,345 characters; the limit is 10,000.');
    expect(text('ru').replace(/\u00a0/g, ' ')).toContain('12 345 символов, а можно не больше 10 000.');
  });
});

describe('card templates', () => {
  test('a template reads only strings without plural or select arguments (those need translate)', () => {
    const used = new Set<string>();
    for (const name of readdirSync(join(PROJECT_ROOT, 'cards')).filter((n) => n.endsWith('.json'))) {
      const text = readFileSync(join(PROJECT_ROOT, 'cards', name), 'utf8');
      for (const match of text.matchAll(/\$\{t\.([\w.]+)\}/g)) used.add(match[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(20);
    const choosing = [...used].filter((key) => {
      const message = rawMessage('en', key);
      return message !== undefined && messageArguments(message).choosing.size > 0;
    });
    expect(choosing).toEqual([]);
  });
});
