import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../src/project-root';

/** Every Russian string the product shows, to publishers and to support alike. */
function productRussian(): string[] {
  const dir = join(PROJECT_ROOT, 'src', 'i18n');
  const strings: string[] = [];
  const collect = (node: unknown): void => {
    if (typeof node === 'string') strings.push(node);
    else if (node && typeof node === 'object') Object.values(node).forEach(collect);
  };
  for (const name of readdirSync(dir).filter((n) => /(^|\.)ru\.json$/.test(n))) {
    collect(JSON.parse(readFileSync(join(dir, name), 'utf8')));
  }
  return strings;
}

describe('Russian terminology', () => {
  const strings = productRussian();

  test('there are strings to check', () => {
    expect(strings.length).toBeGreaterThan(100);
  });

  test('a ticket is «заявка» everywhere: never «обращение» or a «номер подтверждения»', () => {
    expect(strings.filter((s) => /обращени|номер подтверждения|номера подтверждения/i.test(s))).toEqual([]);
  });

  test('severity is always «уровень серьёзности», never a bare «серьёзность»', () => {
    const bare = strings.filter((s) =>
      [...s.matchAll(/(\S*)\s*серьёзност/gi)].some((m) => !/^уров(ень|ня|не|нем)$/i.test(m[1] ?? '')),
    );
    expect(bare).toEqual([]);
  });
});
