import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../src/project-root';

/** Every Russian string of the support channel (test/unit/i18n checks the publisher's strings). */
function supportRussian(): string[] {
  const strings: string[] = [];
  const collect = (node: unknown): void => {
    if (typeof node === 'string') strings.push(node);
    else if (node && typeof node === 'object') Object.values(node).forEach(collect);
  };
  collect(JSON.parse(readFileSync(join(PROJECT_ROOT, 'src', 'i18n', 'support.ru.json'), 'utf8')));
  return strings;
}

describe('Russian wording of the support channel follows the product', () => {
  const strings = supportRussian();

  test('a ticket is «заявка»: never «обращение», a «сообщение о безопасности» or a «номер подтверждения»', () => {
    expect(strings.length).toBeGreaterThan(100);
    expect(
      strings.filter((s) => /обращени|сообщени\S* о безопасности|номер\S* подтверждения/i.test(s)),
    ).toEqual([]);
  });

  test('severity is «уровень серьёзности», never a bare «серьёзность»', () => {
    const bare = strings.filter((s) =>
      [...s.matchAll(/(\S*)\s*серьёзност/gi)].some((m) => !/^уров(ень|ня|не|нем)$/i.test(m[1] ?? '')),
    );
    expect(bare).toEqual([]);
  });

  test('severity levels are критический, высокий, средний, низкий', () => {
    const ru = JSON.parse(readFileSync(join(PROJECT_ROOT, 'src', 'i18n', 'support.ru.json'), 'utf8')) as {
      supportChannel: { severity: Record<string, string> };
    };
    expect(ru.supportChannel.severity).toEqual({
      Critical: 'Критический',
      High: 'Высокий',
      Medium: 'Средний',
      Low: 'Низкий',
    });
  });
});
