import { pickLocale } from '../../../src/i18n/locale';
import { keyPaths, rawTable, translate } from '../../../src/i18n/translate';

describe('English and Russian strings', () => {
  test('every English string has a Russian translation and no Russian string is orphaned', () => {
    const english = keyPaths(rawTable('en')).sort();
    const russian = keyPaths(rawTable('ru')).sort();
    expect(russian.filter((k) => !english.includes(k))).toEqual([]);
    expect(english.filter((k) => !russian.includes(k))).toEqual([]);
  });

  test('placeholders are the same in both languages', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort().join(',');
    for (const key of keyPaths(rawTable('en'))) {
      expect([key, placeholders(translate('ru', key))]).toEqual([key, placeholders(translate('en', key))]);
    }
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
    expect(translate('ru', 'no.such.key')).toBe('no.such.key');
  });
});
